"""Insurance certificates (R-6.4, R-6.5): the content of each kind, its HTML, and one
`render_to_pdf` through WeasyPrint (imported lazily: it is heavy and only certificates need it).

The content is a plain dict of strings, so that its hash identifies "the same certificate": a
second 打印 of unchanged data on the same day serves the stored PDF. The content carries the
layout's fingerprint too, so that a changed template or stylesheet makes a new certificate
instead of serving a PDF stored with the old layout.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import threading
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.masking import mask_id_number
from roster.models import Person, Unit
from roster.selectors import person_history, unit_overview

VALID_MONTHS = 3  # a certificate is valid for three months from printing
# Bump when the drawing in this module (seal, QR code) changes: the templates and the print
# stylesheet are fingerprinted by their content already (see `layout_version`).
LAYOUT_REVISION = 2


@lru_cache(maxsize=1)
def layout_version() -> str:
    """A fingerprint of what a certificate's PDF looks like: the certificate templates, the
    print stylesheet and LAYOUT_REVISION. Part of the content, hence of its hash."""
    digest = hashlib.sha256(str(LAYOUT_REVISION).encode())
    folder = Path(get_template("roster/certificates/person_document.html").origin.name).parent
    files = [*sorted(folder.glob("*.html")), Path(finders.find("pdf/certificate.css"))]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def valid_until(issued: datetime.date) -> datetime.date:
    """The same day three months later (the month's last day when that day does not exist)."""
    month = issued.month - 1 + VALID_MONTHS
    year, month = issued.year + month // 12, month % 12 + 1
    for day in range(issued.day, 0, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(issued)


def content_hash(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _money(value) -> str:
    return f"{value:,.2f}"


def _month_text(month) -> str:
    """A month as a certificate writes it (2014年10月); "" for none."""
    if not month:
        return ""
    return _("%(year)04d-%(month)02d") % {"year": month.year, "month": month.month}


def unit_certificate_content(*, unit: Unit, today: datetime.date) -> dict:
    overview = unit_overview(unit)
    return {
        "kind": "unit",
        "layout": layout_version(),
        "unit_name": unit.name,
        "credit_code": unit.credit_code,
        "unit_code": unit.code,
        "scheme": str(_("Basic pension insurance for government agencies and public institutions")),
        "insured_since": str(unit.insured_since),
        "insured_since_text": _month_text(unit.insured_since),
        "status": str(unit.get_status_display()),
        "active_count": overview.active_count,
        "first_month": str(overview.first_month or ""),
        "last_month": str(overview.last_month or ""),
        "arrears_months": overview.arrears.months,
        "arrears_amount": _money(overview.arrears.amount),
        "printed_on": today.isoformat(),
    }


def person_certificate_content(*, unit: Unit, person: Person, today: datetime.date) -> dict:
    history = person_history(unit=unit, person=person)
    relation = history.relation
    return {
        "kind": "person",
        "layout": layout_version(),
        "name": person.name,
        "sex": str(person.get_sex_display()),
        "id_number": person.id_number,
        "personal_code": person.personal_code,
        "work_start_date": person.work_start_date.isoformat(),
        "unit_name": unit.name,
        "unit_code": unit.code,
        "status": str(relation.get_status_display()) if relation else "",
        "insured_since_text": _month_text(relation.start_month if relation else None),
        "years": [
            {
                "year": row.year,
                "months": row.months,
                "base": _money(row.base),
                "unit_amount": _money(row.unit_amount),
                "personal_amount": _money(row.personal_amount),
            }
            for row in history.years
        ],
        "paid_months": history.paid_months,
        "deemed_months": history.deemed_months,
        "total_months": history.total_months,
        "unit_total": _money(history.unit_total),
        "personal_total": _money(history.personal_total),
        "printed_on": today.isoformat(),
    }


@lru_cache(maxsize=512)
def qr_svg(url: str) -> str:
    """The QR code of a verification URL. Encoding it is 40 % of a certificate preview, and a
    certificate keeps its 验证码 while its data is unchanged: each code is encoded once."""
    return segno.make(url, error="m").svg_inline(scale=3, border=1, dark="#000")


# The seal's geometry, in the units of its 160 x 160 viewBox.
SEAL_SIZE, SEAL_RING, SEAL_RIM = 160, 75, 69  # rim: where the glyphs' outer edges stay
SEAL_ARC = 236.0  # the most of the circle the issuer's name may take, centred at the top
SEAL_MAX_STEP = 30.0  # degrees between two glyphs' centres, however short the name
SEAL_NARROW = 0.82  # glyphs squeezed sideways, as on a cut seal
SEAL_GAP = 0.1  # room between two glyphs, as a fraction of their width
SEAL_MAX_FONT = 17.0


def seal_arc(count: int) -> tuple[float, float]:
    """(font size, degrees between glyph centres) for `count` glyphs along the upper rim.

    The glyphs share SEAL_ARC at most; their size follows from the room at their inner edge,
    where neighbours come closest: at radius SEAL_RIM - size, one glyph's width plus the gap
    must fit in the step's arc, (SEAL_RIM - size) * step >= size * SEAL_NARROW * (1 + gap).
    A short name keeps the largest size and gets the step it needs, no more than
    SEAL_MAX_STEP."""
    count = max(1, count)
    width = SEAL_NARROW * (1 + SEAL_GAP)
    step = math.radians(min(SEAL_MAX_STEP, SEAL_ARC / count))
    size = min(SEAL_MAX_FONT, SEAL_RIM * step / (width + step))
    needed = size * width / (SEAL_RIM - size)
    return size, math.degrees(max(needed, min(step, needed * 1.25)))


@lru_cache(maxsize=8)
def seal_svg(issuer: str, purpose: str) -> str:
    """A red round seal: the issuer's name along the upper rim, a star, the purpose below.
    Each glyph is placed and rotated by itself (no SVG text-on-path needed), its size and
    the angles computed from the name's length so that no two glyphs touch."""
    centre = SEAL_SIZE / 2
    characters = list(issuer)
    size, step = seal_arc(len(characters))
    radius = SEAL_RIM - size / 2  # the glyphs' centres
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SEAL_SIZE}" height="{SEAL_SIZE}" '
        f'viewBox="0 0 {SEAL_SIZE} {SEAL_SIZE}" class="seal" role="img" '
        f'aria-label="{escape(issuer)}">',
        f'<circle cx="{centre}" cy="{centre}" r="{SEAL_RING}" fill="none" stroke="#d21f1f" '
        'stroke-width="4.5"/>',
    ]
    first = -step * (len(characters) - 1) / 2
    for index, character in enumerate(characters):
        angle = first + index * step  # 0 is the top, clockwise
        radians = math.radians(angle - 90)
        x = centre + radius * math.cos(radians)
        y = centre + radius * math.sin(radians)
        # The em box's middle sits 0.38 em above the baseline in the CJK fonts we use.
        parts.append(
            f'<text x="0" y="{0.38 * size:.2f}" '
            f'transform="translate({x:.2f} {y:.2f}) rotate({angle:.2f}) scale({SEAL_NARROW} 1)" '
            f'font-size="{size:.2f}" fill="#d21f1f" text-anchor="middle" '
            f'font-family="Noto Serif CJK SC" font-weight="bold">{escape(character)}</text>'
        )
    star = _star_points(centre, centre - 2, 23, 9)
    parts.append(f'<polygon points="{star}" fill="#d21f1f"/>')
    parts.append(
        f'<text x="{centre}" y="{centre + 42}" font-size="13.5" fill="#d21f1f" '
        f'text-anchor="middle" font-family="Noto Serif CJK SC" font-weight="bold">'
        f"{escape(purpose)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.radians(-90 + index * 36)
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)


def verify_url(request, certificate) -> str:
    """The public page that checks the 验证码, with the code filled in (the QR code's URL)."""
    return request.build_absolute_uri(f"{reverse('verify')}?code={certificate.code}")


def certificate_context(*, content: dict, certificate, verify_url: str) -> dict:
    issued = datetime.date.fromisoformat(content["printed_on"])
    return {
        "content": content,
        # The page where anyone can type the 验证码 in, without the code itself.
        "verify_page": verify_url.split("?", 1)[0],
        # Django's date format; 2026年3月2日 in Chinese.
        "date_format": pgettext("certificate date", "N j, Y"),
        "certificate": certificate,
        "issuer": settings.CERTIFICATE_ISSUER,
        "seal": seal_svg(settings.CERTIFICATE_ISSUER, _("Business seal")),
        "qr": qr_svg(verify_url),
        "verify_url": verify_url,
        "printed_on": issued,
        "valid_until": valid_until(issued),
        "masked_id": mask_id_number(content.get("id_number", "")),
        "masked_holder_id": mask_id_number(content.get("holder_id", "")),
        "promised_on": (
            datetime.date.fromisoformat(content["promised_on"])
            if content.get("promised_on")
            else None
        ),
    }


def render_html(*, content: dict, certificate, verify_url: str) -> str:
    context = certificate_context(content=content, certificate=certificate, verify_url=verify_url)
    return render_to_string(f"roster/certificates/{content['kind']}_document.html", context)


# --- PDF ---------------------------------------------------------------------------------------


class StaticOnlyFetcher:
    """Resources for certificates come only from `data:` URLs and our own static files: no
    network, no other `file://` path (WeasyPrint's URLFetcher would read anything)."""

    def __init__(self):
        from weasyprint.urls import URLFetcher

        self._fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url: str, headers=None):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            return self._fetcher.fetch(url, headers)
        prefix = "static:/"
        if url.startswith(prefix):
            try:
                path = finders.find(url[len(prefix) :].lstrip("/"))
            except SuspiciousFileOperation:
                path = None
            if path:
                return URLFetcherResponse(url, body=Path(path).read_bytes())
        raise ValueError(f"certificate resources are limited to our static files: {url}")


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=4)
def _stylesheets(language: str):
    """The print stylesheet and the page footer in the active language, built once."""
    from weasyprint import CSS

    footer = _("Page %(page)s of %(pages)s") % {
        "page": '" counter(page) "',
        "pages": '" counter(pages) "',
    }
    css_path = finders.find("pdf/certificate.css")
    return (
        CSS(filename=css_path, font_config=_font_config(), url_fetcher=StaticOnlyFetcher()),
        CSS(
            string=f'@page {{ @bottom-center {{ content: "{footer}"; }} }}',
            font_config=_font_config(),
        ),
    )


# Pango and the shared font configuration are not thread-safe: two renders at once in one
# process (runserver, a threaded worker) fail with Pango-CRITICAL and a ZeroDivisionError.
_render_lock = threading.Lock()


def render_to_pdf(html: str) -> bytes:
    """HTML -> A4 PDF bytes with the shared stylesheet and font configuration, one at a time."""
    from weasyprint import HTML

    with _render_lock:
        stylesheets = _stylesheets(translation.get_language() or settings.LANGUAGE_CODE)
        document = HTML(string=html, base_url="static:/", url_fetcher=StaticOnlyFetcher())
        return document.write_pdf(stylesheets=list(stylesheets), font_config=_font_config())
