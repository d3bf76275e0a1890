"""Reads of contributions (R-13.3, R-13.4), scoped to the agent's unit: a month of the unit in
one grouped query, a person's months in one query."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from portal.yearmonth import YearMonth
from progress.models import Application
from roster.models import Contribution, Unit

BASE_DECLARATION = "base_declaration"  # 缴费基数申报

PAID = Contribution.Status.PAID
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _cents(value) -> Decimal:
    """A sum as money (SQLite hands sums back unrounded)."""
    return (value or ZERO).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class MonthRow:
    """缴费核定 of a month: 应缴 (every row), 实缴 (the paid ones), 欠缴 (what is not)."""

    month: YearMonth
    persons: int
    base: Decimal
    unit_due: Decimal
    personal_due: Decimal
    unit_paid: Decimal
    personal_paid: Decimal

    @property
    def due(self) -> Decimal:
        return self.unit_due + self.personal_due

    @property
    def paid(self) -> Decimal:
        return self.unit_paid + self.personal_paid

    @property
    def outstanding(self) -> Decimal:
        return self.due - self.paid


def unit_months(*, unit, first: YearMonth, last: YearMonth) -> list[MonthRow]:
    """The unit's months from `first` to `last` that have contributions, latest first."""
    grouped = (
        Contribution.objects.filter(unit=unit, month__gte=first, month__lte=last)
        .values("month")
        .annotate(
            persons=Count("person_id", distinct=True),
            base_total=Sum("base"),
            unit_due=Sum("unit_amount"),
            personal_due=Sum("personal_amount"),
            unit_paid=Sum("unit_amount", filter=Q(status=PAID)),
            personal_paid=Sum("personal_amount", filter=Q(status=PAID)),
        )
        .order_by("-month")
    )
    return [
        MonthRow(
            month=row["month"],
            persons=row["persons"],
            base=_cents(row["base_total"]),
            unit_due=_cents(row["unit_due"]),
            personal_due=_cents(row["personal_due"]),
            unit_paid=_cents(row["unit_paid"]),
            personal_paid=_cents(row["personal_paid"]),
        )
        for row in grouped
    ]


def totals(rows: list[MonthRow]) -> dict[str, Decimal]:
    """The range's sums, as the page's last line."""
    fields = ("base", "unit_due", "personal_due", "unit_paid", "personal_paid")
    found = {name: sum((getattr(row, name) for row in rows), ZERO) for name in fields}
    found["due"] = found["unit_due"] + found["personal_due"]
    found["paid"] = found["unit_paid"] + found["personal_paid"]
    found["outstanding"] = found["due"] - found["paid"]
    return found


def person_months(*, unit, person, first: YearMonth, last: YearMonth) -> QuerySet[Contribution]:
    """缴费明细 of a person through the unit, latest month first."""
    return (
        Contribution.objects.filter(unit=unit, person=person, month__gte=first, month__lte=last)
        .only("month", "base", "unit_amount", "personal_amount", "status")
        .order_by("-month")
    )


# --- 缴费基数申报 status of the county's units (R-13.2) -----------------------------------------
NOT_DECLARED, SAVED, SUBMITTED, APPROVED = "none", "saved", "submitted", "approved"
STATUS_OF_CASE = {"draft": SAVED, "rejected": SAVED, "submitted": SUBMITTED, "approved": APPROVED}


def declaration_statuses(*, county, year: int, status: str = "") -> QuerySet:
    """The county's units, each with the status of its declaration of the year (未申报 /
    已暂存 — a draft, or returned to the unit — / 已提交 / 已核定), in one query."""
    latest = (
        Application.objects.filter(unit=OuterRef("pk"), business_code=BASE_DECLARATION)
        .filter(data__year=year)
        .exclude(status=Application.Status.WITHDRAWN)
        .order_by("-created_at")
    )
    units = Unit.objects.filter(county=county).annotate(
        case_status=Subquery(latest.values("status")[:1]),
        case_id=Subquery(latest.values("pk")[:1]),
        case_submitted=Subquery(latest.values("submitted_at")[:1]),
    )
    cases = [case for case, shown in STATUS_OF_CASE.items() if shown == status]
    if status == NOT_DECLARED:
        units = units.filter(case_status__isnull=True)
    elif cases:
        units = units.filter(case_status__in=cases)
    return units.only("code", "name").order_by("code")
