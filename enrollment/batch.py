"""批量增员 and 批量减员: the workbook's columns, and the check of every row with exactly the
functions of the single flows — the ID form, `services.additions_decide` (新登记 / 新参保 / 续保),
`AdditionForm` (sex and birth date against the ID, the start-month window, the base within
60–300 %), `services.stop_windows` and `ReductionForm` (the stop-month window, the reason) —
plus what only a file can get wrong: the same person twice, a cell Excel spoiled.

A row's data, once valid, has the shape of the single case's data, so approval runs the single
flows' `services.additions_apply` / `services.reductions_apply` on the rows. Persons, relations,
cases and payments are looked up by set: a fixed number of queries for 1,000 rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enrollment import rules, services
from enrollment.addition_forms import (
    ADDITION_TYPES,
    AdditionForm,
    AdditionIdForm,
    identity_mismatches,
)
from enrollment.forms import ReductionForm
from portal.workbooks import Column
from portal.yearmonth import YearMonth
from progress import selectors as case_selectors
from progress import services as case_services
from progress.drafts import form_values
from roster.models import InsuranceRelation, Person

MAX_ROWS = 1000
SAME_PERSON = _("The same person as in row %(line)d.")
YES_OR_NO = _("Choose Yes or No.")
TYPE_CHANGED = _(
    "The person's record changed since the upload (now: %(type)s); please upload the file again."
)
YES, NO = str(_("Yes")), str(_("No"))

ID_FIELDS = AdditionIdForm.base_fields
ADDITION_FIELDS = AdditionForm.base_fields
REDUCTION_FIELDS = ReductionForm.base_fields
FIELDS = {**ID_FIELDS, **ADDITION_FIELDS, **REDUCTION_FIELDS}


def _choices(form_field) -> tuple[str, ...]:
    return tuple(str(label) for value, label in form_field.choices if value != "")


def _column(fields, key, kind="text", *, required=True, rule="", width=14, choices=None):
    form_field = fields[key]
    if choices is None and isinstance(form_field, forms.ChoiceField):
        choices = _choices(form_field)
    return Column(
        key=key,
        header=str(form_field.label),
        kind=kind,
        required=required,
        choices=tuple(choices or ()),
        rule=str(rule),
        width=width,
    )


IDENTITY_COLUMNS = (
    _column(ID_FIELDS, "id_type", rule=_("Choose from the list."), width=16),
    _column(
        ID_FIELDS,
        "id_number",
        "code",
        rule=_("A resident ID has 18 characters; the column is text, keep it so."),
        width=22,
    ),
    _column(ID_FIELDS, "name", rule=_("As on the ID card; a person on record is confirmed by it.")),
)
ADDITION_COLUMNS = (
    *IDENTITY_COLUMNS,
    _column(
        ADDITION_FIELDS,
        "sex",
        required=False,
        rule=_("Read from a resident ID (may be left empty; if filled it must match)."),
        width=8,
    ),
    _column(
        ADDITION_FIELDS,
        "birth_date",
        "date",
        required=False,
        rule=_("YYYY-MM-DD; read from a resident ID (may be left empty; if filled it must match)."),
    ),
    _column(ADDITION_FIELDS, "ethnicity", rule=_("New registration and new insurance.")),
    _column(ADDITION_FIELDS, "nationality", rule=_("New registration and new insurance.")),
    _column(ADDITION_FIELDS, "household_type", rule=_("New registration.")),
    _column(ADDITION_FIELDS, "household_address", rule=_("New registration."), width=30),
    _column(ADDITION_FIELDS, "education", rule=_("New registration.")),
    _column(ADDITION_FIELDS, "phone", "code", rule=_("New registration: an 11-digit mobile.")),
    _column(ADDITION_FIELDS, "address", rule=_("New registration."), width=30),
    _column(ADDITION_FIELDS, "work_start_date", "date", rule=_("New registration: YYYY-MM-DD.")),
    _column(ADDITION_FIELDS, "staff_category", rule=_("New registration.")),
    _column(
        ADDITION_FIELDS,
        "occupational_annuity",
        choices=(YES, NO),
        rule=_("Choose from the list."),
        width=10,
    ),
    _column(
        ADDITION_FIELDS,
        "start_month",
        "month",
        rule=_("YYYY-MM: at most %(months)d months back, at most next month.")
        % {"months": settings.ENROLLMENT_BACKDATE_MONTHS},
    ),
    _column(
        ADDITION_FIELDS,
        "base",
        "number",
        rule=_("Yuan: 60%–300% of last year's provincial average monthly wage."),
    ),
    _column(ADDITION_FIELDS, "employment_type", rule=_("Choose from the list.")),
)
REDUCTION_COLUMNS = (
    *IDENTITY_COLUMNS,
    _column(REDUCTION_FIELDS, "reason", rule=_("Choose from the list."), width=18),
    _column(
        REDUCTION_FIELDS, "reason_other", required=False, rule=_("Required for “Other”."), width=20
    ),
    _column(
        REDUCTION_FIELDS,
        "stop_month",
        "month",
        rule=_(
            "YYYY-MM: from the month after the last paid month (at most 3 months back) to "
            "next month."
        ),
    ),
    _column(REDUCTION_FIELDS, "note", required=False, width=30),
)


@dataclass
class RowResult:
    """A row checked: its line, what it names, its data in the single case's shape (valid
    rows), and its problems as (column key or "", sentence)."""

    line: int
    id_number: str
    name: str
    data: dict = field(default_factory=dict)
    person: Person | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, key: str, message) -> None:
        if (key, str(message)) not in self.problems:
            self.problems.append((key, str(message)))


def form_data(values: dict[str, str], columns) -> dict[str, str]:
    """The words of a filled row as the forms take them: a chosen word becomes its code (男 →
    M, 是 → true); anything else stays as typed, for the form to refuse."""
    data = dict(values)
    for column in columns:
        word = data.get(column.key, "")
        if column.key == "occupational_annuity":
            data[column.key] = {YES: "true", NO: "false"}.get(word, word)
        elif column.choices:
            data[column.key] = _codes(column.key).get(word, word)
    return data


@cache
def _codes(key: str) -> dict[str, str]:
    """A choice column's words and their codes, worked out once (not once a row)."""
    form_field = FIELDS[key]
    return {str(label): value for value, label in form_field.choices if value != ""}


def _form_problems(result: RowResult, form: forms.Form, *, skip=()) -> None:
    for key, errors in form.errors.items():
        if key not in skip:
            for error in errors:
                result.add(key if key in form.fields else "", error)


def _identities(rows, problems_of) -> tuple[list[RowResult], dict]:
    """Each row's ID checked by the single flows' ID form, and the same person twice."""
    results, seen, identities = [], {}, {}
    for line, data in rows:
        result = RowResult(
            line=line, id_number=data.get("id_number", ""), name=data.get("name", "")
        )
        for key, message in problems_of(line).items():
            result.add(key, message)
        form = AdditionIdForm({key: data.get(key, "") for key in ID_FIELDS})
        if form.is_valid():
            identity = services.Identity(**form.cleaned_data)
            result.id_number, result.name = identity.id_number, " ".join(identity.name.split())
            if identity.key in seen:
                result.add("id_number", SAME_PERSON % {"line": seen[identity.key]})
            else:
                seen[identity.key] = line
                identities[line] = identity
        else:
            _form_problems(result, form, skip=[key for key, _m in result.problems])
        results.append(result)
    return results, identities


def _no_problems(line) -> dict:
    return {}


def check_additions(rows, *, unit, case=None, problems_of: Callable = _no_problems):
    """[(line, form data)] of a 批量增员 → [RowResult]. `case`: the batch (its own rows are no
    open case); `problems_of(line)`: what reading the file found in that row."""
    results, identities = _identities(rows, problems_of)
    decisions = services.additions_decide(identities.values(), exclude=case)
    wages: dict[int, object] = {}

    def average_wage(year):
        if year not in wages:
            try:
                wages[year] = services.average_wage(year)
            except ValidationError as problem:
                wages[year] = problem
        if isinstance(wages[year], ValidationError):
            raise wages[year]
        return wages[year]

    this_month = YearMonth.current()
    for result, (_line, data) in zip(results, rows, strict=True):
        identity = identities.get(result.line)
        if identity is None:
            continue
        annuity = data.get("occupational_annuity")
        if isinstance(annuity, bool):  # a row kept, checked again: as the form took it
            data = {**data, "occupational_annuity": "true" if annuity else "false"}
        decision = decisions[identity.key]
        if isinstance(decision, ValidationError):
            result.add("id_number", decision.messages[0])
            continue
        result.person = decision.person
        form = AdditionForm(
            data,
            business_type=decision.business_type,
            id_type=identity.id_type,
            id_number=identity.id_number,
            person=decision.person,
            this_month=this_month,
            backdate_months=settings.ENROLLMENT_BACKDATE_MONTHS,
            average_wage=average_wage,
        )
        read = [key for key, _m in result.problems]
        _form_problems(result, form, skip=read)
        if "occupational_annuity" not in read and data.get("occupational_annuity") not in (
            "true",
            "false",
        ):
            result.add("occupational_annuity", YES_OR_NO)
        for key, message in identity_mismatches(
            identity.id_type, identity.id_number, data.get("sex"), data.get("birth_date")
        ).items():
            result.add(key, message)
        if data.get("type") and data["type"] != decision.business_type:
            result.add("", TYPE_CHANGED % {"type": ADDITION_TYPES[decision.business_type]})
        if result.ok:
            result.data = {"type": decision.business_type, **_named(identity), **form_values(form)}
    return results


def _named(identity) -> dict:
    """Who a row is about, kept with its data (so the rows are checked again as uploaded)."""
    return {"id_type": identity.id_type, "id_number": identity.id_number, "name": identity.name}


def check_reductions(rows, *, unit, case=None, problems_of: Callable = _no_problems):
    """[(line, form data)] of a 批量减员 → [RowResult]: each person active in this unit (a
    person of another unit reads as not active here, the other unit unnamed), no other case in
    the way, the stop month within the window the single flow allows, the reason."""
    results, identities = _identities(rows, problems_of)
    relations = {
        (relation.person.id_type, relation.person.id_number): relation
        for relation in InsuranceRelation.objects.filter(
            unit=unit,
            status=InsuranceRelation.Status.ACTIVE,
            person__id_number__in=[identity.id_number for identity in identities.values()],
        ).select_related("person")
    }
    persons = [relation.person_id for relation in relations.values()]
    held = case_selectors.exclusive_cases(
        person_ids=persons, business=services.BATCH_REDUCTION, exclude=case
    )
    windows = services.stop_windows(unit=unit, relations=list(relations.values()))
    for result, (_line, data) in zip(results, rows, strict=True):
        identity = identities.get(result.line)
        if identity is None:
            continue
        relation = relations.get(identity.key)
        if relation is None:
            result.add("id_number", services.NOT_ACTIVE % {"name": result.name})
            continue
        person = relation.person
        if not rules.same_name(person.name, identity.name):
            result.add("name", services.REFUSALS[rules.REFUSED_NAME_MISMATCH])
            continue
        result.person = person
        if person.pk in held:
            result.add("id_number", case_services.exclusive_problem(person, held[person.pk]))
        form = ReductionForm(data, window=windows[person.pk])
        _form_problems(result, form, skip=[key for key, _m in result.problems])
        if result.ok:
            result.data = {**_named(identity), **form_values(form)}
    return results
