"""养老金申领 (R-7): starting a claim, saving its steps, submitting it, and what approval does."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pension import rules, selectors
from pension.claim import PENSION_CLAIM, Claim
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application
from roster import services as roster_services
from roster.models import InsuranceRelation, Person, Retirement

REASONS = {
    rules.NOT_ACTIVE: _("%(name)s is not insured and contributing in this unit."),
    rules.OPEN_CLAIM: _(
        "%(name)s already has a pension claim under review; follow it under “In progress”."
    ),
    rules.ARREARS: _(
        "%(name)s has contributions due but unpaid (%(months)s); they must be paid before a claim."
    ),
    rules.TOO_FEW_MONTHS: _(
        "By the statutory retirement month %(statutory)s the contributions reach %(total)d "
        "months, fewer than the %(minimum)d needed to retire in %(year)d."
    ),
    rules.TOO_EARLY: _(
        "The earliest possible retirement month is %(earliest)s, more than %(window)d months "
        "away; the claim can be started from %(opens)s."
    ),
}
ALREADY_RETIRED = _("%(name)s is already recorded as retired.")

EXCLUSIVE_CASE = "exclusive_case"
# What must still hold when the claim is submitted (R-7.3c: no 应缴未缴). An open case of a
# business that excludes the claim is checked by the case core at 提交.
STANDING = (rules.NOT_ACTIVE, rules.ARREARS)


def eligibility_messages(*, unit, person: Person, this_month: YearMonth) -> list[str]:
    """One sentence per failing condition of R-7.1 (empty: the claim may start)."""
    return [message for _reason, message in _eligibility(unit, person, this_month)]


def _eligibility(unit, person: Person, this_month: YearMonth) -> list[tuple[str, str]]:
    history = selectors.contribution_history(person)
    facts = selectors.claim_facts(unit=unit, person=person, history=history)
    window = settings.PENSION_CLAIM_WINDOW_MONTHS
    result = rules.claim_eligibility(facts, this_month=this_month, window_months=window)
    values = {
        "name": person.name,
        "months": "、".join(str(month) for month in facts.arrears_months[:12])
        + ("…" if len(facts.arrears_months) > 12 else ""),
        "statutory": result.statutory_retirement,
        "total": result.months_at_retirement,
        "minimum": result.minimum_months,
        "year": result.statutory_retirement.year,
        "earliest": result.earliest_retirement,
        "window": window,
        "opens": result.earliest_retirement - window,
    }
    found = [(reason, str(REASONS[reason] % values)) for reason in result.reasons]
    conflict = case_services.exclusive_case_problem(person=person, business=PENSION_CLAIM)
    if conflict:
        found.append((EXCLUSIVE_CASE, conflict))
    return found


@transaction.atomic
def claim_start(*, unit, person: Person, by) -> Application:
    """申领 (R-7.1): the person's draft or returned claim, or a new one if every condition
    holds; otherwise a ValidationError with one message per failing condition. The person's row
    lock makes a double click start one claim."""
    Person.objects.select_for_update().get(pk=person.pk)
    existing = Application.objects.filter(
        unit=unit,
        person=person,
        business_code=PENSION_CLAIM,
        status__in=case_services.EDITABLE,
    ).first()
    if existing is not None:
        return existing
    problems = eligibility_messages(unit=unit, person=person, this_month=YearMonth.current())
    if problems:
        raise ValidationError(problems, code="not_eligible")
    return case_services.application_create(
        unit=unit, business_code=PENSION_CLAIM, by=by, person=person
    )


def standing_problems(application: Application) -> list[str]:
    """Conditions of R-7.1 that may have changed since the claim started: still contributing
    here, nothing due but unpaid."""
    return [
        message
        for reason, message in _eligibility(
            application.unit, application.person, YearMonth.current()
        )
        if reason in STANDING
    ]


def claim_approve(*, application: Application, by, data: dict) -> None:
    """审核通过 (inside the review transaction): the confirmed retirement month and monthly
    pension are recorded, the insurance relation ends the month before, and the person moves
    from the active roster to the retired roster."""
    person = application.person
    if Retirement.objects.filter(person=person).exists():
        raise ValidationError(ALREADY_RETIRED % {"name": person.name}, code="retired")
    retirement: YearMonth = data["retirement_month"]
    relation = (
        InsuranceRelation.objects.select_for_update()
        .filter(unit=application.unit, person=person, status=InsuranceRelation.Status.ACTIVE)
        .first()
    )
    if relation is None:
        raise ValidationError(REASONS[rules.NOT_ACTIVE] % {"name": person.name}, code="not_active")
    relation.status = InsuranceRelation.Status.ENDED
    relation.end_month = max(retirement - 1, relation.start_month)
    relation.save(update_fields=["status", "end_month"])
    roster_services.unpaid_after_end_withdrawn([relation])  # billed from retirement on
    Retirement.objects.create(
        person=person,
        unit=application.unit,
        retirement_date=retirement.first_day(),
        retirement_type=Claim(application).retirement_type.value,
        monthly_pension=data["monthly_pension"],
    )
