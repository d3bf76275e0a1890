"""缴费基数核定单 of an approved declaration and 单位缴费核定单 of a month (R-13.1, R-13.3): PDFs
with the agency's seal and a 验证码, through the certificates' rendering and caching path (one
PDF per content)."""

from __future__ import annotations

from django.utils import timezone

from contributions import selectors
from contributions.services import Pricing, parse_wage, wage_key
from roster import certificates
from roster import services as certificate_services
from roster.certificate_models import Certificate
from roster.models import Contribution


def _money(value) -> str:
    return f"{value:,.2f}"


def bases_content(application) -> dict:
    """The declaration as approved: every person's wage, base (and clamp), monthly amounts,
    and the unit's totals."""
    year = application.data["year"]
    pricing = Pricing(year)
    clamps = {"floor": "按下限", "cap": "按上限"}
    rows, sums = [], dict.fromkeys(("base", "unit", "personal", "annuity"), 0)
    for row in application.rows.order_by("line"):
        wage = parse_wage(application.data.get(wage_key(row.line), ""))
        priced = pricing.price(wage, annuity=bool(row.data.get("annuity")))
        annuity = priced.amounts.annuity_unit + priced.amounts.annuity_personal
        rows.append(
            [
                row.data["personal_code"],
                row.name,
                _money(wage),
                _money(priced.applied.base),
                clamps.get(priced.applied.clamp, ""),
                _money(priced.amounts.unit),
                _money(priced.amounts.personal),
                _money(annuity),
            ]
        )
        for name, value in (
            ("base", priced.applied.base),
            ("unit", priced.amounts.unit),
            ("personal", priced.amounts.personal),
            ("annuity", annuity),
        ):
            sums[name] += value
    approved = timezone.localtime(application.finished_at or timezone.now()).date()
    return {
        "kind": Certificate.Kind.BASES,
        "layout": certificates.layout_version(),
        "printed_on": approved.isoformat(),
        "reference": application.reference,
        "unit_name": application.unit.name,
        "unit_code": application.unit.code,
        "holder_name": application.unit.name,
        "holder_id": application.unit.code,
        "year": year,
        "average": _money(pricing.average),
        "rows": rows,
        "totals": {name: _money(value) for name, value in sums.items()},
    }


def monthly_content(*, unit, month, today) -> dict:
    """A month of the unit: its totals (应缴 / 实缴 / 欠缴) and every person's row."""
    (total,) = selectors.unit_months(unit=unit, first=month, last=month) or [None]
    statuses = dict(Contribution.Status.choices)
    rows = [
        [
            c.person.personal_code,
            c.person.name,
            _money(c.base),
            _money(c.unit_amount),
            _money(c.personal_amount),
            str(statuses[c.status]),
        ]
        for c in Contribution.objects.filter(unit=unit, month=month)
        .select_related("person")
        .order_by("person__personal_code")
    ]
    totals = {}
    if total is not None:
        totals = {
            name: _money(getattr(total, name))
            for name in ("base", "unit_due", "personal_due", "due", "paid", "outstanding")
        }
    return {
        "kind": Certificate.Kind.MONTHLY,
        "layout": certificates.layout_version(),
        "printed_on": today.isoformat(),
        "unit_name": unit.name,
        "unit_code": unit.code,
        "holder_name": unit.name,
        "holder_id": unit.code,
        "month": str(month),
        "persons": total.persons if total else 0,
        "rows": rows,
        "totals": totals,
    }


def document_pdf(*, unit, content: dict, by, verify_url) -> bytes:
    """The stored PDF of this content, or a new one (its 验证码 issued once per content);
    `verify_url(certificate)` is the QR code's address."""
    issued = certificate_services.certificate_issue(unit=unit, person=None, content=content, by=by)
    return certificate_services.certificate_pdf(
        certificate=issued, content=content, verify_url=verify_url(issued)
    )
