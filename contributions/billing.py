"""缴费核定 of a month (R-13.3): what each person insured through a contributing unit owes for
the month, priced from the base in force (the base periods a declaration adds, else the base the
relation started with) at the basic scheme's rate in force. A month is billed once per person and
unit; a declaration approved later re-prices the months of its year still unpaid, and leaves the
paid ones as they were collected."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contributions import rules
from contributions.models import BasePeriod, ContributionRate
from portal.yearmonth import YearMonth
from roster.models import Contribution, InsuranceRelation, Unit

CHUNK = 5000
NO_RATE = _("No rate of the basic pension insurance is in force in %(month)s.")


@dataclass(frozen=True)
class Billed:
    month: YearMonth
    created: int
    existing: int


def basic_rates() -> list[rules.Rate]:
    return [
        rules.Rate(r.scheme, r.valid_from, r.unit_rate, r.personal_rate)
        for r in ContributionRate.objects.filter(scheme=rules.BASIC)
    ]


def _periods(periods) -> dict[int, list]:
    """The base periods asked for, by relation, as (valid_from, base): one query."""
    found: dict[int, list] = {}
    for relation_id, start, base in periods.values_list("relation_id", "valid_from", "base"):
        found.setdefault(relation_id, []).append((start, base))
    return found


class _Prices(dict):
    """The month's amounts of each base, worked out once: a province has a few thousand
    distinct bases among a million persons."""

    def __init__(self, month: YearMonth, rates):
        super().__init__()
        self.month, self.rates = month, rates

    def __missing__(self, base) -> rules.Amounts:
        self[base] = found = rules.monthly_amounts(base, self.month, self.rates, annuity=False)
        return found


def billable(month: YearMonth, units=None):
    """The relations that owe the month: started by then, through a contributing unit, and
    contributing (参保缴费) with no end, or insured until the month or later — a reduction
    approved before its stop month ends the relation with the month before it, which is
    still owed."""
    owes = Q(status=InsuranceRelation.Status.ACTIVE, end_month__isnull=True) | Q(
        end_month__gte=month
    )
    relations = InsuranceRelation.objects.filter(
        unit__status=Unit.Status.ACTIVE, start_month__lte=month
    ).filter(owes)
    return relations if units is None else relations.filter(unit__in=units)


def bill_month(month: YearMonth, *, units=None) -> Billed:
    """Bill the month for every relation that owes it and has no contribution of the month
    yet (应缴未缴 until the collection is recorded), a few thousand relations at a time, their
    base periods read by a range of keys: billing the province twice, or two runs at once,
    bills each person once."""
    rates = basic_rates()
    if rules.rate_in_force(rates, rules.BASIC, month) is None:
        raise ValidationError(NO_RATE % {"month": month}, code="rate")
    relations = (
        billable(month, units)
        .order_by("pk")
        .values_list("pk", "person_id", "unit_id", "contribution_base")
    )
    prices = _Prices(month, rates)
    created = existing = last = 0
    while chunk := list(relations.filter(pk__gt=last)[:CHUNK]):
        first, last = chunk[0][0], chunk[-1][0]
        periods = _periods(
            BasePeriod.objects.filter(
                relation__gte=first, relation__lte=last, valid_from__lte=month
            ).order_by()
        )
        billed = set(
            Contribution.objects.filter(month=month, person__in=[row[1] for row in chunk])
            .order_by()
            .values_list("person_id", "unit_id")
        )
        new = []
        for pk, person, unit, start_base in chunk:
            if (person, unit) in billed:
                continue
            base = rules.base_in_force(periods.get(pk, []), month, start_base)
            amounts = prices[base]
            new.append(
                Contribution(
                    person_id=person,
                    unit_id=unit,
                    month=month,
                    base=base,
                    unit_amount=amounts.unit,
                    personal_amount=amounts.personal,
                    status=Contribution.Status.DUE,
                )
            )
        Contribution.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
        existing += len(chunk) - len(new)
    return Billed(month, created, existing)


def reprice_unpaid(relations, first: YearMonth) -> int:
    """After new base periods: the relations' unpaid months from `first` on, priced again from
    the base in force each month; paid months stay as collected. Returns the rows changed."""
    relations = list(relations)
    if not relations:
        return 0
    rates = basic_rates()
    periods = _periods(BasePeriod.objects.filter(relation__in=[r.pk for r in relations]))
    by_person = {(r.person_id, r.unit_id): r for r in relations}
    unpaid = Contribution.objects.filter(
        person__in=[r.person_id for r in relations],
        month__gte=first,
        status=Contribution.Status.DUE,
    ).only("person_id", "unit_id", "month", "base", "unit_amount", "personal_amount")
    changed = []
    for contribution in unpaid:
        relation = by_person.get((contribution.person_id, contribution.unit_id))
        if relation is None:
            continue
        base = rules.base_in_force(periods.get(relation.pk, []), contribution.month, None)
        if base is not None and base != contribution.base:
            amounts = rules.monthly_amounts(base, contribution.month, rates, annuity=False)
            contribution.base = base
            contribution.unit_amount = amounts.unit
            contribution.personal_amount = amounts.personal
            changed.append(contribution)
    Contribution.objects.bulk_update(
        changed, ["base", "unit_amount", "personal_amount"], batch_size=2000
    )
    return len(changed)
