"""Benchmark of personal certificates on the demo data (`make bench`).

Prints the median time of a first render (our HTML + WeasyPrint + storing the PDF), of a cached
re-download (served from storage), and of bare WeasyPrint on the same HTML with the same
stylesheet, so that our overhead shows as a ratio. Targets: first render <= 1.2x bare
WeasyPrint; cached re-download <= 20 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.utils import timezone, translation

    from roster import certificates, services
    from roster.models import InsuranceRelation

    translation.activate(settings.LANGUAGE_CODE)
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    relations = list(
        InsuranceRelation.objects.filter(status="active").select_related("person", "unit")[:ROUNDS]
    )
    if len(relations) < ROUNDS:
        sys.exit("No demo data: run `make run` (or `manage.py seed_demo`) first.")

    from weasyprint import CSS, HTML

    certificates.render_to_pdf("<p>warm-up 预热</p>")  # fonts and stylesheets load once
    bare_css = finders.find("pdf/certificate.css")
    first, cached, bare = [], [], []
    for relation in relations:
        content = certificates.person_certificate_content(
            unit=relation.unit, person=relation.person, today=timezone.localdate()
        )
        certificate = services.certificate_issue(
            unit=relation.unit, person=relation.person, content=content, by=None
        )
        certificate.pdf_name = ""
        url = f"https://example.cn/verify/?code={certificate.code}"

        started = time.perf_counter()
        services.certificate_pdf(certificate=certificate, content=content, verify_url=url)
        first.append(time.perf_counter() - started)

        started = time.perf_counter()
        services.certificate_pdf(certificate=certificate, content=content, verify_url=url)
        cached.append(time.perf_counter() - started)

        html = certificates.render_html(content=content, certificate=certificate, verify_url=url)
        started = time.perf_counter()
        HTML(string=html).write_pdf(stylesheets=[CSS(filename=bare_css)])
        bare.append(time.perf_counter() - started)

    first_ms, cached_ms, bare_ms = (statistics.median(v) * 1000 for v in (first, cached, bare))
    print(f"personal certificates, median of {ROUNDS} persons:")
    print(f"  first render        {first_ms:8.1f} ms")
    print(f"  bare WeasyPrint     {bare_ms:8.1f} ms")
    print(f"  ratio first / bare  {first_ms / bare_ms:8.2f}   (target <= 1.20)")
    print(f"  cached re-download  {cached_ms:8.1f} ms   (target <= 20)")


if __name__ == "__main__":
    main()
