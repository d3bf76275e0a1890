"""缴费基数申报 (R-13.1): opening the year's declaration with every active person of the unit,
what each declared wage gives (the base applied and the monthly amounts), and approval, which
adds a base period per person from the year's first month and overwrites nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributions import billing, rules
from contributions.models import BasePeriod, ContributionRate, DeclarationYear
from contributions.selectors import BASE_DECLARATION
from enrollment.rules import base_range
from enrollment.services import average_wage
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application, CaseRow
from roster.models import InsuranceRelation, Unit

NO_WINDOW = _("The declaration of contribution bases is not open now.")
ALREADY_APPROVED = _("The unit's declaration of %(year)d has been approved already.")
NO_PERSONS = _("The unit has nobody actively insured to declare.")
DECLARED_TWICE = _("A base from %(month)s is on record already for %(name)s.")
MAX_WAGE = Decimal("9999999.99")
WAGE_MISSING = _("Enter the previous year's average monthly wage.")
PLAIN_WAGE = re.compile(r"\d{1,7}(\.\d{1,2})?", re.ASCII)  # at most MAX_WAGE
WAGE_INVALID = _("Enter the wage in yuan, at most two decimals, for example 8650.50.")


def open_year(today=None) -> DeclarationYear | None:
    """The year whose window is open today."""
    today = today or timezone.localdate()
    return DeclarationYear.objects.filter(opens__lte=today, closes__gte=today).first()


def declaration_of(*, unit, year: int) -> Application | None:
    """The unit's declaration of the year under way or approved (the latest)."""
    return (
        Application.objects.filter(
            unit=unit,
            business_code=BASE_DECLARATION,
            data__year=year,
            status__in=(*Application.IN_PROGRESS, Application.Status.APPROVED),
        )
        .order_by("-created_at")
        .first()
    )


def last_bases(relations, month: YearMonth) -> dict[int, Decimal]:
    """The base of each relation in `month` (its periods, else its base at the start), one
    query."""
    periods: dict[int, list] = {}
    for relation_id, start, base in BasePeriod.objects.filter(
        relation__in=[relation.pk for relation in relations]
    ).values_list("relation_id", "valid_from", "base"):
        periods.setdefault(relation_id, []).append((start, base))
    return {
        relation.pk: rules.base_in_force(
            periods.get(relation.pk, []), month, relation.contribution_base
        )
        for relation in relations
    }


@transaction.atomic
def declaration_start(*, unit, by) -> Application:
    """The unit's declaration of the open year: the one under way, or a new one listing every
    person actively insured in the unit now (those who joined during the year too) with last
    year's base. The unit's row lock makes a double click open one."""
    year = open_year()
    if year is None:
        raise ValidationError(NO_WINDOW, code="window")
    Unit.objects.select_for_update().get(pk=unit.pk)
    existing = declaration_of(unit=unit, year=year.year)
    if existing is not None and existing.status == Application.Status.APPROVED:
        raise ValidationError(ALREADY_APPROVED % {"year": year.year}, code="approved")
    if existing is not None:
        return existing
    relations = list(
        InsuranceRelation.objects.filter(unit=unit, status=InsuranceRelation.Status.ACTIVE)
        .select_related("person")
        .order_by("person__personal_code")
    )
    if not relations:
        raise ValidationError(NO_PERSONS, code="empty")
    bases = last_bases(relations, YearMonth(year.year - 1, 12))
    application = case_services.application_create(
        unit=unit,
        business_code=BASE_DECLARATION,
        by=by,
        subject_name=str(_("%(count)d persons") % {"count": len(relations)}),
        data={"year": year.year},
    )
    CaseRow.objects.bulk_create(
        CaseRow(
            application=application,
            line=line,
            person=relation.person,
            id_number=relation.person.id_number,
            name=relation.person.name,
            data={
                "relation": relation.pk,
                "personal_code": relation.person.personal_code,
                "last_base": str(bases[relation.pk]),
                "annuity": relation.occupational_annuity,
            },
        )
        for line, relation in enumerate(relations, start=1)
    )
    return application


def parse_wage(value) -> Decimal | None:
    """A typed wage as money (None: not a positive amount of yuan with at most two decimals)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and PLAIN_WAGE.fullmatch(value):  # 8650.50: read at once
        wage = Decimal(value)
        return wage if wage > 0 else None
    try:
        wage = Decimal(value if isinstance(value, str) else str(value))
    except (InvalidOperation, ValueError):
        try:  # 8,650.50 or with spaces around, as typed
            wage = Decimal(str(value).replace(",", "").strip())
        except (InvalidOperation, ValueError):
            return None
    if not wage.is_finite() or wage.as_tuple().exponent > 0 or "e" in str(value).lower():
        return None  # 1e3: never what a clerk typed
    if wage <= 0 or wage > MAX_WAGE or wage != wage.quantize(rules.CENT):
        return None
    return wage


@dataclass(frozen=True)
class Priced:
    """What a declared wage gives: the base applied (and its clamp) and the monthly amounts."""

    wage: Decimal
    applied: rules.Applied
    amounts: rules.Amounts


class Pricing:
    """The year's bounds and rates, read once, for every row of a declaration."""

    def __init__(self, year: int):
        self.year = year
        self.month = YearMonth(year, 1)
        self.average = average_wage(year - 1)
        self.bounds = base_range(self.average)
        rates = [
            rules.Rate(r.scheme, r.valid_from, r.unit_rate, r.personal_rate)
            for r in ContributionRate.objects.all()
        ]
        # The month's rates, found once: a declaration prices thousands of rows.
        self.rates = [
            rate
            for scheme in (rules.BASIC, rules.ANNUITY)
            if (rate := rules.rate_in_force(rates, scheme, self.month)) is not None
        ]

        basic = next((r for r in self.rates if r.scheme == rules.BASIC), None)
        extra = next((r for r in self.rates if r.scheme == rules.ANNUITY), None)
        zero = Decimal(0)
        own = (basic.unit_rate, basic.personal_rate) if basic else (zero, zero)
        percents = {
            False: (*own, zero, zero),
            True: (*own, *((extra.unit_rate, extra.personal_rate) if extra else (zero, zero))),
        }
        # percent / 100 is exact (two decimals become four): base × factor is `rules.amount`.
        self.factors = {
            annuity: tuple(percent / rules.HUNDRED for percent in found)
            for annuity, found in percents.items()
        }

    def amounts(self, base: Decimal, *, annuity: bool) -> tuple[Decimal, ...]:
        """(unit, personal, annuity unit, annuity personal) of a base, each `rules.amount`,
        without building its record: the totals of thousands of rows."""
        return tuple(
            (base * factor).quantize(rules.CENT, ROUND_HALF_UP) for factor in self.factors[annuity]
        )

    def price(self, wage: Decimal, *, annuity: bool) -> Priced:
        applied = rules.clamped(wage, *self.bounds)
        amounts = rules.monthly_amounts(applied.base, self.month, self.rates, annuity=annuity)
        return Priced(wage, applied, amounts)


def declaration_approve(application: Application) -> None:
    """Approval: each person's base from January of the year, as a new period; a relation
    without periods first gets the one it started with, so the history stays whole. The
    relation's current base follows, and so do the year's months billed and still unpaid."""
    year = application.data["year"]
    pricing = Pricing(year)
    rows = list(application.rows.order_by("line"))
    relations = InsuranceRelation.objects.select_for_update().in_bulk(
        [row.data["relation"] for row in rows]
    )
    held = set(
        BasePeriod.objects.filter(relation__in=list(relations)).values_list(
            "relation_id", "valid_from"
        )
    )
    started = {relation_id for relation_id, _start in held}
    periods, changed = [], []
    for row in rows:
        relation = relations[row.data["relation"]]
        # From January, or from the month a person who joined during the year started.
        month = max(pricing.month, relation.start_month)
        if (relation.pk, month) in held:
            raise ValidationError(DECLARED_TWICE % {"month": month, "name": row.name}, code="twice")
        if relation.pk not in started and relation.start_month < month:
            periods.append(
                BasePeriod(
                    relation=relation,
                    valid_from=relation.start_month,
                    base=relation.contribution_base,
                )
            )
        wage = parse_wage(application.data.get(wage_key(row.line)))
        priced = pricing.price(wage, annuity=relation.occupational_annuity)
        periods.append(
            BasePeriod(
                relation=relation,
                valid_from=month,
                wage=wage,
                base=priced.applied.base,
                clamp=priced.applied.clamp,
                application=application,
            )
        )
        relation.contribution_base = priced.applied.base
        changed.append(relation)
    BasePeriod.objects.bulk_create(periods)
    InsuranceRelation.objects.bulk_update(changed, ["contribution_base"])
    billing.reprice_unpaid(changed, pricing.month)


def wage_key(line: int) -> str:
    """Where a row's declared wage is kept in the case's data."""
    return f"wage_{line}"
