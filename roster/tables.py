"""The rosters' and the person lists' columns: one list per page, for its table and its Excel
export (portal/tables.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from portal.masking import mask_id_number
from portal.tables import Column, labels, link, url_for
from roster.models import InsuranceRelation, Person, Retirement


def person_columns(
    person: Callable = lambda row: row.person, *, sortable: bool = False
) -> list[Column]:
    """个人代码, 姓名, 性别, 证件号码 (masked) of the row's `person`: every list of persons
    starts with them."""
    sexes = labels(Person.Sex.choices)
    return [
        Column(
            _("Personal code"), lambda r: person(r).personal_code, sort="code" if sortable else ""
        ),
        Column(_("Name"), lambda r: person(r).name, sort="name" if sortable else ""),
        Column(_("Sex"), lambda r: sexes.get(person(r).sex, "")),
        Column(_("ID number"), lambda r: mask_id_number(person(r).id_number)),
    ]


def active_columns() -> list[Column]:
    """在职花名册 (R-6.2)."""
    statuses = labels(InsuranceRelation.Status.choices)
    details, details_url = _("Details"), url_for("contributions:person")
    return [
        *person_columns(sortable=True),
        Column(_("Date started work"), lambda r: r.person.work_start_date, sort="work_start"),
        Column(_("Insured from"), lambda r: r.start_month, sort="start"),
        Column(_("Last paid month"), lambda r: r.last_paid_month, sort="last_paid"),
        Column(_("Contribution base"), lambda r: r.contribution_base, sort="base", numeric=True),
        Column(_("Status"), lambda r: statuses.get(r.status, "")),
        Column(
            _("Contributions"),  # 缴费明细, the person's months
            html=lambda r: link(details_url(r.person.personal_code), details),
        ),
    ]


def retired_columns() -> list[Column]:
    """退休花名册 (R-6.3)."""
    types = labels(Retirement.Type.choices)
    return [
        *person_columns(sortable=True),
        Column(_("Retirement date"), lambda r: r.retirement_date, sort="retired"),
        Column(_("Retirement type"), lambda r: types.get(r.retirement_type, "")),
        Column(_("Monthly pension"), lambda r: r.monthly_pension, sort="pension", numeric=True),
    ]


def certificate_person_columns() -> list[Column]:
    """个人参保证明's list of the unit's persons (R-6.5), each with its 打印 link."""
    label, certificate_url = _("Print"), url_for("roster:person_certificate")
    return [
        *person_columns(lambda person: person),
        Column(_("Action"), html=lambda person: link(certificate_url(person.personal_code), label)),
    ]
