"""Reads of the pension claim pages (R-7), scoped to the agent's unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from pension.claim import PENSION_CLAIM, ContributionFacts, retirement_group
from pension.rules import ClaimFacts, arrears
from portal.yearmonth import YearMonth
from progress import selectors as case_selectors
from progress.models import Application
from roster import selectors as roster_selectors
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person


def claimable_persons(*, unit, name: str = "", personal_code: str = "") -> QuerySet:
    """选择人员 (R-7.1): the unit's actively insured persons."""
    return roster_selectors.active_roster(unit=unit, name=name, personal_code=personal_code)


def open_claims(*, unit, person_ids) -> dict[int, Application]:
    """The unit's claims under way for these persons, by person id (one query)."""
    return case_selectors.open_cases(unit=unit, business=PENSION_CLAIM, person_ids=person_ids)


@dataclass
class HistoryYear:
    year: int
    # One entry per month, January first: "paid", "deemed", "due" or "".
    cells: list[str] = field(default_factory=lambda: [""] * 12)

    def count(self, kind: str) -> int:
        return self.cells.count(kind)

    @property
    def paid(self) -> int:
        return self.count("paid")

    @property
    def deemed(self) -> int:
        return self.count("deemed")

    @property
    def due(self) -> int:
        return self.count("due")


@dataclass(frozen=True)
class ContributionHistory:
    """缴费信息 (R-7.2): every year from the first recorded month, month by month."""

    years: list[HistoryYear]
    paid_months: int
    deemed_months: int
    due_months: tuple[YearMonth, ...]

    @property
    def total_months(self) -> int:
        return self.paid_months + self.deemed_months

    def facts(self) -> ContributionFacts:
        return ContributionFacts(
            this_month=YearMonth.current(), paid=self.months("paid"), deemed=self.months("deemed")
        )

    def months(self, kind: str) -> frozenset[YearMonth]:
        """The months marked `kind` ("paid", "deemed" or "due")."""
        return frozenset(
            YearMonth(row.year, index + 1)
            for row in self.years
            for index, cell in enumerate(row.cells)
            if cell == kind
        )


def contribution_history(person: Person) -> ContributionHistory:
    """Paid months in any unit, deemed periods and months due but unpaid (two queries). A month
    paid in two units counts once."""
    months = {}
    # Unordered: the models' ordering by person would join the person table and sort for
    # nothing.
    paid_or_due = Contribution.objects.filter(person=person).order_by()
    for month, status in paid_or_due.values_list("month", "status"):
        month = YearMonth.from_date(month)
        if status == Contribution.Status.PAID:
            months[month] = "paid"
        else:
            months.setdefault(month, "due")
    for period in DeemedPeriod.objects.filter(person=person).order_by():
        for month in period.start_month.iter_through(period.end_month):
            months.setdefault(month, "deemed")
    years: dict[int, HistoryYear] = {}
    if months:
        for year in range(min(months).year, max(months).year + 1):
            years[year] = HistoryYear(year)
    for month, kind in months.items():
        years[month.year].cells[month.month - 1] = kind
    kinds = list(months.values())
    return ContributionHistory(
        years=list(years.values()),
        paid_months=kinds.count("paid"),
        deemed_months=kinds.count("deemed"),
        due_months=tuple(sorted(month for month, kind in months.items() if kind == "due")),
    )


def claim_facts(*, unit, person: Person, history: ContributionHistory | None = None) -> ClaimFacts:
    """What the eligibility check needs (R-7.1, R-7.3c: the months overdue)."""
    history = history or contribution_history(person)
    return ClaimFacts(
        birth=YearMonth.from_date(person.birth_date),
        group=retirement_group(sex=person.sex, staff_category=person.staff_category),
        actively_insured_here=InsuranceRelation.objects.filter(
            unit=unit, person=person, status=InsuranceRelation.Status.ACTIVE
        ).exists(),
        open_claim=Application.objects.filter(
            person=person, business_code=PENSION_CLAIM, status__in=Application.IN_PROGRESS
        ).exists(),
        arrears_months=arrears(history.due_months, YearMonth.current()),
        paid_months=history.paid_months,
        deemed_months=history.deemed_months,
    )
