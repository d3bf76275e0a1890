"""Excel exports of the rosters (openpyxl, write-only), streamed from a temporary file."""

from __future__ import annotations

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _

from portal.masking import mask_id_number
from roster.models import InsuranceRelation, Person, Retirement

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels(choices) -> dict[str, str]:
    """A field's choice labels translated once per export, not once per row (`get_*_display`
    per row was a quarter of a 5,000-row export)."""
    return {value: str(label) for value, label in choices}


def active_columns():
    sexes, statuses = _labels(Person.Sex.choices), _labels(InsuranceRelation.Status.choices)
    return [
        (_("Personal code"), lambda r: r.person.personal_code),
        (_("Name"), lambda r: r.person.name),
        (_("Sex"), lambda r: sexes.get(r.person.sex, "")),
        (_("ID number"), lambda r: mask_id_number(r.person.id_number)),
        (_("Date started work"), lambda r: r.person.work_start_date.isoformat()),
        (_("Insured from"), lambda r: str(r.start_month)),
        (_("Last paid month"), lambda r: str(r.last_paid_month or "")),
        (_("Contribution base"), lambda r: float(r.contribution_base)),
        (_("Status"), lambda r: statuses.get(r.status, "")),
    ]


def retired_columns():
    sexes, types = _labels(Person.Sex.choices), _labels(Retirement.Type.choices)
    return [
        (_("Personal code"), lambda r: r.person.personal_code),
        (_("Name"), lambda r: r.person.name),
        (_("Sex"), lambda r: sexes.get(r.person.sex, "")),
        (_("ID number"), lambda r: mask_id_number(r.person.id_number)),
        (_("Retirement date"), lambda r: r.retirement_date.isoformat()),
        (_("Retirement type"), lambda r: types.get(r.retirement_type, "")),
        (_("Monthly pension"), lambda r: float(r.monthly_pension)),
    ]


def _plain_cell(value):
    """A text starting like a formula (=, +, -, @) is written as text, not evaluated; control
    characters already stored (a Word line break in a name) are left out, which Excel cannot
    hold."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def xlsx_response(*, rows, columns, title: str, filename: str) -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([header for header, _value in columns])
    for row in rows:
        sheet.append([_plain_cell(value(row)) for _header, value in columns])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
