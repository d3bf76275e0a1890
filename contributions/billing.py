"""缴费核定 of a month (R-13.3): what each person insured through a contributing unit owes for
the month, priced from the base in force (the base periods a declaration adds, else the
relation's base) at the basic scheme's rate in force. A person owes a month once, to one unit;
a declaration approved later re-prices the months of its year still unpaid, and leaves the paid
ones as they were collected."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
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


def billable(month: YearMonth, units=None, started_since: YearMonth | None = None):
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
    if started_since is not None:
        relations = relations.filter(start_month__gte=started_since)
    return relations if units is None else relations.filter(unit__in=units)


def bill_month(month: YearMonth, *, units=None, started_since=None) -> Billed:
    """Bill the month for every person whose relation owes it and who has no contribution of
    the month yet (应缴未缴 until the collection is recorded), a few thousand relations at a
    time, the newest first: of two relations that both reach the month (a 续保 begun before the
    old one's end), the newer unit is billed. Billing twice, or two runs at once, bills each
    person once."""
    rates = basic_rates()
    if rules.rate_in_force(rates, rules.BASIC, month) is None:
        raise ValidationError(NO_RATE % {"month": month}, code="rate")
    relations = (
        billable(month, units, started_since)
        .order_by("-pk")
        .values_list("pk", "person_id", "unit_id", "contribution_base")
    )
    prices: dict = {}
    created = existing = 0
    last = None
    while chunk := list((relations.filter(pk__lt=last) if last else relations)[:CHUNK]):
        last = chunk[-1][0]
        periods = _periods(
            BasePeriod.objects.filter(
                relation__in=[row[0] for row in chunk], valid_from__lte=month
            ).order_by()
        )
        billed = set(
            Contribution.objects.filter(month=month, person__in=[row[1] for row in chunk])
            .order_by()
            .values_list("person_id", flat=True)
        )
        new = []
        for pk, person, unit, relation_base in chunk:
            if person in billed:
                continue
            billed.add(person)
            base = rules.base_in_force(periods.get(pk, []), month, relation_base)
            if base not in prices:  # a province has a few thousand distinct bases
                prices[base] = rules.monthly_amounts(base, month, rates, annuity=False)
            new.append(
                Contribution(
                    person_id=person,
                    unit_id=unit,
                    month=month,
                    base=base,
                    unit_amount=prices[base].unit,
                    personal_amount=prices[base].personal,
                    status=Contribution.Status.DUE,
                )
            )
        Contribution.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
        existing += len(chunk) - len(new)
    return Billed(month, created, existing)


def bill_recent(month: YearMonth | None = None, *, units=None) -> list[Billed]:
    """The daily run: the month for everyone, and the months before it, as far back as a
    staff addition may start (`ENROLLMENT_BACKDATE_MONTHS`), for the relations that started
    within that time — an addition approved on the 20th may begin two months back."""
    month = month or YearMonth.current()
    first = month - settings.ENROLLMENT_BACKDATE_MONTHS
    back = [
        bill_month(earlier, units=units, started_since=first)
        for earlier in first.iter_through(month - 1)
    ]
    return [*back, bill_month(month, units=units)]


def reprice_unpaid(relations, first: YearMonth) -> int:
    """After new base periods: the relations' unpaid months from `first` on, priced again from
    the base in force each month; paid months stay as collected. Returns the rows changed."""
    relations = list(relations)
    if not relations:
        return 0
    rates = basic_rates()
    periods = _periods(BasePeriod.objects.filter(relation__in=[r.pk for r in relations]))
    by_person = {(r.person_id, r.unit_id): r for r in relations}
    unpaid = (
        Contribution.objects.select_for_update()
        .filter(
            person__in=[r.person_id for r in relations],
            month__gte=first,
            status=Contribution.Status.DUE,
        )
        .only("person_id", "unit_id", "month", "base", "unit_amount", "personal_amount")
    )
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
