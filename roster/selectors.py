"""Reads of the rosters (R-6), always scoped to one unit: another unit's rows do not exist here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear, Lower
from django.shortcuts import get_object_or_404

from portal.yearmonth import YearMonth, YearMonthField
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person, Retirement, Unit

# 姓名 and 个人代码 sort by keys that no index serves (the lower-case forms): a unit's few
# thousand relations are found by their own index and then sorted, instead of PostgreSQL walking
# the province's name or personal-code index until it meets 50 of this unit's persons — 3 s for
# a 5,000-person unit among a million persons, and for the code as long as the unit's codes come
# late in the province's (a county with a high code). Personal codes are digits, unchanged by
# it; Latin names sort and match in any case.
PERSON_NAME = Lower("person__name")
PERSON_CODE = Lower("person__personal_code")
# What the rosters, their exports and the claim's person list show of a person: a model
# instance with its 20 fields was a fifth of a 5,000-row export.
PERSON_SHOWN = (
    "person__personal_code",
    "person__name",
    "person__sex",
    "person__id_number",
    "person__birth_date",
    "person__work_start_date",
)
ACTIVE_SORTS = {
    "code": PERSON_CODE,
    "name": PERSON_NAME,
    "work_start": "person__work_start_date",
    "start": "start_month",
    "last_paid": "last_paid_month",
    "base": "contribution_base",
}
RETIRED_SORTS = {
    "code": PERSON_CODE,
    "name": PERSON_NAME,
    "retired": "retirement_date",
    "pension": "monthly_pension",
}


def _ordering(sort: str, allowed: dict, default: str) -> list:
    """The requested sort (`-` for descending), then the personal code; else `default`."""
    requested = sort if (sort or "").lstrip("-") in allowed else default
    field = allowed[requested.lstrip("-")]
    expression = F(field) if isinstance(field, str) else field
    direction = expression.desc() if requested.startswith("-") else expression.asc()
    return [direction, PERSON_CODE.asc()]


def _name_contains(rows: QuerySet, name: str, field: str = "person__name") -> QuerySet:
    return rows.alias(name_key=Lower(field)).filter(name_key__contains=name.strip().lower())


@dataclass(frozen=True)
class Arrears:
    months: int
    amount: Decimal


def unit_arrears(unit: Unit) -> Arrears:
    """应缴未缴 of the unit: distinct months and the amount due (unit + personal part)."""
    due = Contribution.objects.filter(unit=unit, status=Contribution.Status.DUE).aggregate(
        months=Count("month", distinct=True), amount=Sum(F("unit_amount") + F("personal_amount"))
    )
    return Arrears(months=due["months"] or 0, amount=due["amount"] or Decimal("0"))


@dataclass(frozen=True)
class UnitOverview:
    unit: Unit
    active_count: int
    retired_count: int
    arrears: Arrears
    first_month: YearMonth | None
    last_month: YearMonth | None


def unit_overview(unit: Unit) -> UnitOverview:
    """单位基本信息 (R-6.1) and what the unit certificate states (R-6.4)."""
    paid = Contribution.objects.filter(unit=unit, status=Contribution.Status.PAID).aggregate(
        first=Min("month"), last=Max("month")
    )
    return UnitOverview(
        unit=unit,
        active_count=InsuranceRelation.objects.filter(
            unit=unit, status=InsuranceRelation.Status.ACTIVE
        ).count(),
        retired_count=Retirement.objects.filter(unit=unit).count(),
        arrears=unit_arrears(unit),
        first_month=YearMonth.from_date(paid["first"]) if paid["first"] else None,
        last_month=YearMonth.from_date(paid["last"]) if paid["last"] else None,
    )


def active_roster(
    *,
    unit: Unit,
    name: str = "",
    personal_code: str = "",
    start_from: YearMonth | None = None,
    start_to: YearMonth | None = None,
    sort: str = "",
) -> QuerySet[InsuranceRelation]:
    """在职花名册 (R-6.2): the unit's actively insured persons, with their last paid month."""
    last_paid = (
        Contribution.objects.filter(
            person=OuterRef("person_id"), unit=OuterRef("unit_id"), status=Contribution.Status.PAID
        )
        .order_by("-month")
        .values("month")[:1]
    )
    rows = (
        InsuranceRelation.objects.filter(unit=unit, status=InsuranceRelation.Status.ACTIVE)
        .select_related("person")
        .only("unit_id", "status", "start_month", "contribution_base", *PERSON_SHOWN)
        .annotate(last_paid_month=Subquery(last_paid, output_field=YearMonthField()))
    )
    if name:
        rows = _name_contains(rows, name)
    if personal_code:
        rows = rows.filter(person__personal_code=personal_code.strip())
    if start_from:
        rows = rows.filter(start_month__gte=start_from)
    if start_to:
        rows = rows.filter(start_month__lte=start_to)
    return rows.order_by(*_ordering(sort, ACTIVE_SORTS, "code"))


def retired_roster(
    *,
    unit: Unit,
    name: str = "",
    personal_code: str = "",
    retired_from: YearMonth | None = None,
    retired_to: YearMonth | None = None,
    sort: str = "",
) -> QuerySet[Retirement]:
    """退休花名册 (R-6.3)."""
    rows = (
        Retirement.objects.filter(unit=unit)
        .select_related("person")
        .only("retirement_date", "retirement_type", "monthly_pension", *PERSON_SHOWN)
    )
    if name:
        rows = _name_contains(rows, name)
    if personal_code:
        rows = rows.filter(person__personal_code=personal_code.strip())
    if retired_from:
        rows = rows.filter(retirement_date__gte=retired_from.first_day())
    if retired_to:
        rows = rows.filter(retirement_date__lt=(retired_to + 1).first_day())
    return rows.order_by(*_ordering(sort, RETIRED_SORTS, "-retired"))


def _persons_of(unit: Unit) -> QuerySet[Person]:
    """Persons whose latest insurance relation is with `unit`: someone who moved on to another
    unit belongs to that unit now, and their later history is none of this one's business."""
    return Person.objects.filter(current_unit=unit)


def unit_persons(*, unit: Unit, name: str = "", personal_code: str = "") -> QuerySet[Person]:
    """The unit's insured persons (个人参保证明, R-6.5): what the list shows of them."""
    persons = _persons_of(unit).only("personal_code", "name", "sex", "id_number")
    if name:
        persons = _name_contains(persons, name, field="name")
    if personal_code:
        persons = persons.filter(personal_code=personal_code.strip())
    return persons.order_by("personal_code")


def person_of_unit(*, unit: Unit, personal_code: str) -> Person:
    """A person of the unit; anyone else is a 404, like a missing code."""
    return get_object_or_404(_persons_of(unit), personal_code=personal_code)


@dataclass(frozen=True)
class YearRow:
    year: int
    months: int
    base: Decimal
    unit_amount: Decimal
    personal_amount: Decimal


@dataclass(frozen=True)
class PersonHistory:
    years: list[YearRow]
    paid_months: int
    deemed_months: int
    unit_total: Decimal
    personal_total: Decimal
    relation: InsuranceRelation | None

    @property
    def total_months(self) -> int:
        return self.paid_months + self.deemed_months


def person_history(*, unit: Unit, person: Person) -> PersonHistory:
    """Per-year paid contributions (all units), deemed months and the relation with `unit`."""
    years = [
        YearRow(row["year"], row["months"], row["base"], row["unit_total"], row["personal_total"])
        for row in Contribution.objects.filter(person=person, status=Contribution.Status.PAID)
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(
            months=Count("id"),
            base=Max("base"),
            unit_total=Sum("unit_amount"),
            personal_total=Sum("personal_amount"),
        )
        .order_by("year")
    ]
    deemed = sum(period.months for period in DeemedPeriod.objects.filter(person=person))
    relation = (
        InsuranceRelation.objects.filter(person=person, unit=unit).order_by("-start_month").first()
    )
    return PersonHistory(
        years=years,
        paid_months=sum(row.months for row in years),
        deemed_months=deemed,
        unit_total=sum((row.unit_amount for row in years), Decimal("0")),
        personal_total=sum((row.personal_amount for row in years), Decimal("0")),
        relation=relation,
    )
