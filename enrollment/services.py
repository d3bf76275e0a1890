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
from progress import selectors as case_selectors
from progress import services as case_services
from progress.models import Application
from roster import services as roster_services
from roster.models import Contribution, County, InsuranceRelation, Person, Retirement

NOT_ACTIVE = _("%(name)s is not actively insured in this unit any more.")

STAFF_ADDITION = "staff_addition"  # 在职人员增加
STAFF_REDUCTION = "staff_reduction"  # 在职人员减少
BATCH_ADDITION = "batch_addition"  # 批量增员
BATCH_REDUCTION = "batch_reduction"  # 批量减员
ADDITIONS = (STAFF_ADDITION, BATCH_ADDITION)  # one addition of an ID under way at a time


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
    return stop_windows(unit=unit, relations=[relation])[person.pk]


def stop_windows(*, unit, relations) -> dict[int, rules.StopWindow]:
    """The 停保年月 window of each relation's person, by person id (one query)."""
    last_paid = dict(
        Contribution.objects.filter(
            unit=unit,
            person_id__in=[relation.person_id for relation in relations],
            status=Contribution.Status.PAID,
        )
        .values("person_id")
        .annotate(last=Max("month"))
        .values_list("person_id", "last")
    )
    this_month = YearMonth.current()
    return {
        relation.person_id: stop_month_window(
            last_paid=YearMonth.from_date(last_paid[relation.person_id])
            if relation.person_id in last_paid
            else None,
            start=relation.start_month,
            this_month=this_month,
            backdate_months=settings.ENROLLMENT_BACKDATE_MONTHS,
        )
        for relation in relations
    }


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
    """Approval (inside the review transaction): see `reductions_apply`."""
    reductions_apply(unit=application.unit, rows=[(application.person, application.data)])


def reductions_apply(*, unit, rows) -> None:
    """Each (person, reduction data): the relation in the unit is suspended — for a death,
    ended — from the stop month on; the person leaves the active roster, and the months
    billed from the stop month on and unpaid are withdrawn. All or none (two queries however
    many rows, and one for each stop month)."""
    persons = [person for person, _data in rows]
    relations = {
        relation.person_id: relation
        for relation in InsuranceRelation.objects.select_for_update().filter(
            unit=unit, person__in=persons, status=InsuranceRelation.Status.ACTIVE
        )
    }
    changed = []
    for person, data in rows:
        relation = relations.get(person.pk)
        if relation is None:
            raise ValidationError(not_active(person), code="not_active")
        stop = YearMonth.parse(data["stop_month"])
        relation.status = relation_status_after(data["reason"])
        relation.end_month = max(stop - 1, relation.start_month)
        changed.append(relation)
    InsuranceRelation.objects.bulk_update(changed, ["status", "end_month"])
    roster_services.unpaid_after_end_withdrawn(changed)


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


@dataclass(frozen=True)
class Identity:
    """An ID and the name typed with it."""

    id_type: str
    id_number: str
    name: str

    @property
    def key(self) -> tuple[str, str]:
        return self.id_type, self.id_number


def addition_decide(*, id_type: str, id_number: str, name: str) -> AdditionDecision:
    """新登记 / 新参保 / 续保 for an ID and the name typed with it, or a refusal
    (ValidationError) that names no unit."""
    identity = Identity(id_type, id_number, name)
    decision = additions_decide([identity])[identity.key]
    if isinstance(decision, ValidationError):
        raise decision
    return decision


def additions_decide(
    identities, *, exclude=None
) -> dict[tuple, AdditionDecision | ValidationError]:
    """`addition_decide` for many IDs at once (five queries however many): a decision or a
    refusal by (id_type, id_number). A person on record is confirmed by their name before
    anything about them (their status, their data) is used: an ID number alone reveals
    nothing. `exclude`: the batch asking, whose own rows are no open case."""
    identities = list(identities)
    numbers = {identity.id_number for identity in identities}
    persons = {
        (person.id_type, person.id_number): person
        for person in Person.objects.filter(id_number__in=numbers)
    }
    open_cases = case_selectors.open_cases_by_id_number(
        id_numbers=numbers, businesses=ADDITIONS, exclude=exclude
    )
    person_ids = [person.pk for person in persons.values()]
    statuses: dict[int, set] = {}
    for person_id, status in InsuranceRelation.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "status"
    ):
        statuses.setdefault(person_id, set()).add(status)
    retired = set(
        Retirement.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True)
    )
    found = {}
    for identity in identities:
        person = persons.get(identity.key)
        if person is not None and not rules.same_name(person.name, identity.name):
            found[identity.key] = _refusal(rules.REFUSED_NAME_MISMATCH)
            continue
        open_case = identity.id_number in open_cases
        if person is None:
            state = rules.PersonState(known=False, open_addition_case=open_case)
        else:
            held = statuses.get(person.pk, set())
            state = rules.PersonState(
                known=True,
                actively_insured=InsuranceRelation.Status.ACTIVE in held,
                retired=person.pk in retired,
                deceased=person.death_date is not None,
                ever_insured=bool(held),
                open_addition_case=open_case,
            )
        business_type, refusal = rules.addition_type(state)
        found[identity.key] = (
            _refusal(refusal) if refusal else AdditionDecision(business_type, person)
        )
    return found


def _refusal(refusal: str) -> ValidationError:
    return ValidationError(REFUSALS[refusal], code=refusal)


def _open_addition(id_number: str) -> Application | None:
    return case_selectors.open_cases_by_id_number(id_numbers=[id_number], businesses=ADDITIONS).get(
        id_number
    )


@transaction.atomic
def addition_start(*, unit, id_type: str, id_number: str, name: str, by) -> Application:
    """A draft addition case for the ID and name; the unit's own open case for it is returned
    as is."""
    existing = _open_addition(id_number)
    if _own_addition(existing, unit):
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
        if _own_addition(existing, unit):
            return existing
        raise ValidationError(REFUSALS[rules.REFUSED_OPEN_CASE], code="open_case") from None


def _own_addition(case: Application | None, unit) -> bool:
    """The unit's own 在职人员增加 for the ID (a batch with the ID is a refusal)."""
    return case is not None and case.unit_id == unit.pk and case.business_code == STAFF_ADDITION


def average_wage(year: int) -> Decimal:
    wage = ProvincialAverageWage.objects.filter(year=year).first()
    if wage is None:
        raise ValidationError(NO_AVERAGE_WAGE % {"year": year}, code="no_wage")
    return wage.monthly_amount


def next_personal_codes(county, count: int) -> list[str]:
    """Personal codes are the county code plus a six-digit sequence (see roster.Person). The
    county row lock serialises concurrent approvals, so two new persons never share a code."""
    County.objects.select_for_update().get(pk=county.pk)
    last = Person.objects.filter(personal_code__startswith=county.code).aggregate(
        last=Max("personal_code")
    )["last"]
    first = int(last[len(county.code) :]) + 1 if last else 1
    return [f"{county.code}{sequence:06d}" for sequence in range(first, first + count)]


def addition_approve(*, application: Application, by, data: dict) -> None:
    """Approval (inside the review transaction): see `additions_apply`; a 新登记's case then
    names the person it registered."""
    (person,) = additions_apply(
        unit=application.unit, rows=[(application.data, application.person)]
    )
    if application.person_id is None:
        application.person = person
        application.save(update_fields=["person"])


def additions_apply(*, unit, rows) -> list[Person]:
    """Each (addition data, person on record or None): 新登记 creates the person and the
    relation, 新参保 the relation (and records the key information typed), 续保 a new relation
    in this unit (earlier ones are closed). The persons then appear in the unit's active roster.
    All or none, in a fixed number of queries however many rows; returns the persons in order."""
    rows = list(rows)
    new = [case for case, _person in rows if case["type"] == rules.NEW_REGISTRATION]
    if new and Person.objects.filter(id_number__in=[case["id_number"] for case in new]).exists():
        raise ValidationError(REFUSALS[rules.REFUSED_ACTIVE], code="exists")
    codes = iter(next_personal_codes(unit.county, len(new)) if new else [])
    created, updated, persons = [], [], []
    for case, person in rows:
        if case["type"] == rules.NEW_REGISTRATION:
            person = Person(
                personal_code=next(codes),
                id_type=case["id_type"],
                id_number=case["id_number"],
                **_person_values(case, rules.PERSON_KEY_FIELDS + rules.PERSON_GENERAL_FIELDS),
            )
            created.append(person)
        elif case["type"] == rules.NEW_INSURANCE:
            for field, value in _person_values(case, rules.PERSON_KEY_FIELDS).items():
                setattr(person, field, value)
            updated.append(person)
        person.full_clean(validate_unique=False, validate_constraints=False)
        persons.append(person)
    try:
        with transaction.atomic():
            Person.objects.bulk_create(created)
    except IntegrityError:  # registered at the same moment by another approval
        raise ValidationError(REFUSALS[rules.REFUSED_ACTIVE], code="exists") from None
    if updated:
        Person.objects.bulk_update(updated, list(rules.PERSON_KEY_FIELDS))
    earlier = list(
        InsuranceRelation.objects.select_for_update()
        .filter(person__in=[known for _case, known in rows if known is not None])
        .only("id", "status")
    )
    if any(relation.status == InsuranceRelation.Status.ACTIVE for relation in earlier):
        raise ValidationError(REFUSALS[rules.REFUSED_ACTIVE], code="active")
    suspended = [r.pk for r in earlier if r.status == InsuranceRelation.Status.SUSPENDED]
    if suspended:
        InsuranceRelation.objects.filter(pk__in=suspended).update(
            status=InsuranceRelation.Status.ENDED
        )
    InsuranceRelation.objects.bulk_create(
        InsuranceRelation(
            person=person,
            unit=unit,
            status=InsuranceRelation.Status.ACTIVE,
            start_month=YearMonth.parse(case["start_month"]),
            contribution_base=Decimal(case["base"]),
            occupational_annuity=bool(case.get("occupational_annuity")),
        )
        for (case, _known), person in zip(rows, persons, strict=True)
    )
    return persons


def _person_values(case: dict, fields) -> dict:
    values = {}
    for field in fields:
        value = case.get(field, "")
        if field in ("birth_date", "work_start_date") and value:
            value = datetime.date.fromisoformat(value)
        values[field] = value
    return values
