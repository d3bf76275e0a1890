"""Staff addition and reduction (在职人员增加/减少, R-8): starting cases, deciding the addition
type, and what approval does to persons and insurance relations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from enrollment import rules
from enrollment.models import ProvincialAverageWage
from enrollment.rules import relation_status_after, stop_month_window
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application
from roster.models import Contribution, County, InsuranceRelation, Person, Retirement

NOT_ACTIVE = _("%(name)s is not actively insured in this unit any more.")

STAFF_ADDITION = "staff_addition"  # 在职人员增加
STAFF_REDUCTION = "staff_reduction"  # 在职人员减少


def not_active(person) -> str:
    return str(NOT_ACTIVE % {"name": person.name})


def active_relation(*, unit, person, lock: bool = False) -> InsuranceRelation | None:
    relations = InsuranceRelation.objects.filter(
        unit=unit, person=person, status=InsuranceRelation.Status.ACTIVE
    )
    if lock:
        relations = relations.select_for_update()
    return relations.first()


def stop_window(*, unit, person, relation: InsuranceRelation):
    last_paid = Contribution.objects.filter(
        unit=unit, person=person, status=Contribution.Status.PAID
    ).aggregate(last=Max("month"))["last"]
    return stop_month_window(
        last_paid=YearMonth.from_date(last_paid) if last_paid else None,
        start=relation.start_month,
        this_month=YearMonth.current(),
        backdate_months=settings.ENROLLMENT_BACKDATE_MONTHS,
    )


@transaction.atomic
def reduction_start(*, unit, person, by) -> Application:
    """The person's open reduction case, or a new draft; refused while a pension claim or an
    addition for the person is under way. The relation row lock makes a double click start one
    case."""
    relation = active_relation(unit=unit, person=person, lock=True)
    if relation is None:
        raise ValidationError(not_active(person), code="not_active")
    conflict = case_services.exclusive_case_problem(person=person, business=STAFF_REDUCTION)
    if conflict:
        raise ValidationError(conflict, code="open_case")
    existing = Application.objects.filter(
        unit=unit, person=person, business_code=STAFF_REDUCTION, status__in=Application.IN_PROGRESS
    ).first()
    if existing is not None:
        return existing
    return case_services.application_create(
        unit=unit, business_code=STAFF_REDUCTION, by=by, person=person
    )


def reduction_approve(*, application: Application, by, data: dict) -> None:
    """Approval (inside the review transaction): the relation is suspended — for a death,
    ended — from the stop month on; the person leaves the active roster."""
    relation = active_relation(unit=application.unit, person=application.person, lock=True)
    if relation is None:
        raise ValidationError(not_active(application.person), code="not_active")
    stop = YearMonth.parse(application.data["stop_month"])
    relation.status = relation_status_after(application.data["reason"])
    relation.end_month = max(stop - 1, relation.start_month)
    relation.save(update_fields=["status", "end_month"])


# --- Staff addition (在职人员增加, R-8.1, R-8.2) ----------------------------------------------

REFUSALS = {
    rules.REFUSED_ACTIVE: _(
        "This person is already insured and contributing (in this or another unit); the "
        "current unit must first report them as leaving."
    ),
    rules.REFUSED_RETIRED: _("This person has retired and cannot be added."),
    rules.REFUSED_DECEASED: _("This person is recorded as deceased and cannot be added."),
    rules.REFUSED_OPEN_CASE: _("A staff addition for this person is already in progress."),
    # Nothing of the record is shown: only who knows the ID number and the name goes on.
    rules.REFUSED_NAME_MISMATCH: _(
        "The name does not match the name on record for this document number; please check "
        "both against the ID card."
    ),
}
NO_AVERAGE_WAGE = _(
    "The provincial average wage of %(year)s is not on record yet; please "
    "contact the county service hall."
)


@dataclass(frozen=True)
class AdditionDecision:
    business_type: str
    person: Person | None


def addition_decide(*, id_type: str, id_number: str, name: str) -> AdditionDecision:
    """新登记 / 新参保 / 续保 for an ID and the name typed with it, or a refusal
    (ValidationError) that names no unit. A person on record is confirmed by their name before
    anything about them (their status, their data) is used: an ID number alone reveals
    nothing."""
    person = Person.objects.filter(id_type=id_type, id_number=id_number).first()
    if person is not None and not rules.same_name(person.name, name):
        refusal = rules.REFUSED_NAME_MISMATCH
        raise ValidationError(REFUSALS[refusal], code=refusal)
    open_case = _open_addition(id_number) is not None
    if person is None:
        state = rules.PersonState(known=False, open_addition_case=open_case)
    else:
        relations = InsuranceRelation.objects.filter(person=person)
        state = rules.PersonState(
            known=True,
            actively_insured=relations.filter(status=InsuranceRelation.Status.ACTIVE).exists(),
            retired=Retirement.objects.filter(person=person).exists(),
            deceased=person.death_date is not None,
            ever_insured=relations.exists(),
            open_addition_case=open_case,
        )
    business_type, refusal = rules.addition_type(state)
    if refusal is not None:
        raise ValidationError(REFUSALS[refusal], code=refusal)
    return AdditionDecision(business_type=business_type, person=person)


def _open_addition(id_number: str) -> Application | None:
    return Application.objects.filter(
        business_code=STAFF_ADDITION,
        status__in=Application.IN_PROGRESS,
        subject_id_number=id_number,
    ).first()


@transaction.atomic
def addition_start(*, unit, id_type: str, id_number: str, name: str, by) -> Application:
    """A draft addition case for the ID and name; the unit's own open case for it is returned
    as is."""
    existing = _open_addition(id_number)
    if existing is not None and existing.unit_id == unit.pk:
        return existing
    decision = addition_decide(id_type=id_type, id_number=id_number, name=name)
    person = decision.person
    name = person.name if person else " ".join(name.split())
    try:
        with transaction.atomic():
            return case_services.application_create(
                unit=unit,
                business_code=STAFF_ADDITION,
                by=by,
                person=person,
                subject_name=name,
                subject_id_number=id_number,
                data={"type": decision.business_type, "id_type": id_type, "id_number": id_number},
            )
    except IntegrityError:  # started at the same moment elsewhere (one open case per ID)
        existing = _open_addition(id_number)
        if existing is not None and existing.unit_id == unit.pk:
            return existing
        raise ValidationError(REFUSALS[rules.REFUSED_OPEN_CASE], code="open_case") from None


def average_wage(year: int) -> Decimal:
    wage = ProvincialAverageWage.objects.filter(year=year).first()
    if wage is None:
        raise ValidationError(NO_AVERAGE_WAGE % {"year": year}, code="no_wage")
    return wage.monthly_amount


def next_personal_code(county) -> str:
    """Personal codes are the county code plus a six-digit sequence (see roster.Person). The
    county row lock serialises concurrent approvals, so two new persons never share a code."""
    County.objects.select_for_update().get(pk=county.pk)
    last = Person.objects.filter(personal_code__startswith=county.code).aggregate(
        last=Max("personal_code")
    )["last"]
    sequence = int(last[len(county.code) :]) + 1 if last else 1
    return f"{county.code}{sequence:06d}"


def addition_approve(*, application: Application, by, data: dict) -> None:
    """Approval (inside the review transaction): 新登记 creates the person and the relation,
    新参保 the relation, 续保 a new relation in this unit (earlier ones are closed). The person
    then appears in the unit's active roster."""
    case = application.data
    business_type = case["type"]
    person = application.person
    if business_type == rules.NEW_REGISTRATION:
        if Person.objects.filter(id_type=case["id_type"], id_number=case["id_number"]).exists():
            raise ValidationError(REFUSALS[rules.REFUSED_ACTIVE], code="exists")
        person = Person(
            personal_code=next_personal_code(application.unit.county),
            id_type=case["id_type"],
            id_number=case["id_number"],
            **_person_values(case, rules.PERSON_KEY_FIELDS + rules.PERSON_GENERAL_FIELDS),
        )
        person.full_clean()
        person.save()
        application.person = person
        application.save(update_fields=["person"])
    elif business_type == rules.NEW_INSURANCE:
        for field, value in _person_values(case, rules.PERSON_KEY_FIELDS).items():
            setattr(person, field, value)
        person.full_clean()
        person.save()
    if (
        InsuranceRelation.objects.select_for_update()
        .filter(person=person, status=InsuranceRelation.Status.ACTIVE)
        .exists()
    ):
        raise ValidationError(REFUSALS[rules.REFUSED_ACTIVE], code="active")
    start = YearMonth.parse(case["start_month"])
    for earlier in InsuranceRelation.objects.filter(
        person=person, status=InsuranceRelation.Status.SUSPENDED
    ):
        earlier.status = InsuranceRelation.Status.ENDED
        earlier.save(update_fields=["status"])
    InsuranceRelation.objects.create(
        person=person,
        unit=application.unit,
        status=InsuranceRelation.Status.ACTIVE,
        start_month=start,
        contribution_base=Decimal(case["base"]),
        occupational_annuity=bool(case.get("occupational_annuity")),
    )


def _person_values(case: dict, fields) -> dict:
    values = {}
    for field in fields:
        value = case.get(field, "")
        if field in ("birth_date", "work_start_date") and value:
            value = datetime.date.fromisoformat(value)
        values[field] = value
    return values
