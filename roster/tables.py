"""The rosters' and the person list's columns: one list per page, for its table and its Excel
export (portal/tables.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.masking import mask_id_number
from portal.tables import Column, link, url_for
from roster.models import InsuranceRelation, Person, Retirement


def labels(choices) -> dict[str, str]:
    """A field's choice labels translated once per page, not once per row."""
    return {value: str(label) for value, label in choices}


def _person_columns(sexes: dict[str, str]) -> list[Column]:
    """个人代码, 姓名, 性别, 证件号码 (masked) of a row that has a `person`."""
    return [
        Column(_("Personal code"), lambda r: r.person.personal_code, sort="code"),
        Column(_("Name"), lambda r: r.person.name, sort="name"),
        Column(_("Sex"), lambda r: sexes.get(r.person.sex, "")),
        Column(_("ID number"), lambda r: mask_id_number(r.person.id_number)),
    ]


def active_columns() -> list[Column]:
    """在职花名册 (R-6.2)."""
    statuses = labels(InsuranceRelation.Status.choices)
    return [
        *_person_columns(labels(Person.Sex.choices)),
        Column(_("Date started work"), lambda r: r.person.work_start_date, sort="work_start"),
        Column(_("Insured from"), lambda r: r.start_month, sort="start"),
        Column(_("Last paid month"), lambda r: r.last_paid_month, sort="last_paid"),
        Column(_("Contribution base"), lambda r: r.contribution_base, sort="base", numeric=True),
        Column(_("Status"), lambda r: statuses.get(r.status, "")),
    ]


def retired_columns() -> list[Column]:
    """退休花名册 (R-6.3)."""
    types = labels(Retirement.Type.choices)
    return [
        *_person_columns(labels(Person.Sex.choices)),
        Column(_("Retirement date"), lambda r: r.retirement_date, sort="retired"),
        Column(_("Retirement type"), lambda r: types.get(r.retirement_type, "")),
        Column(_("Monthly pension"), lambda r: r.monthly_pension, sort="pension", numeric=True),
    ]


def person_columns() -> list[Column]:
    """个人参保证明's list of the unit's persons (R-6.5), each with its 打印 link."""
    sexes, label = labels(Person.Sex.choices), _("Print")
    certificate_url = url_for("roster:person_certificate")

    def print_link(person) -> str:
        return link(certificate_url(person.personal_code), label)

    return [
        Column(_("Personal code"), lambda p: p.personal_code),
        Column(_("Name"), lambda p: p.name),
        Column(_("Sex"), lambda p: sexes.get(p.sex, "")),
        Column(_("ID number"), lambda p: mask_id_number(p.id_number)),
        Column(_("Action"), html=print_link, exported=False),
    ]
