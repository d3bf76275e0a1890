"""缴费基数申报 by Excel: the declaration's persons as a workbook to complete (个人代码, 姓名,
证件号码, 上年缴费基数, and 上年度月平均工资 to fill), and the filled one taken back through the
batch machinery (`portal.workbooks`, `portal.workbook_reports`). What it carries ends in the
case's data exactly as the form writes it, so both ways give the same declaration."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from contributions.services import WAGE_INVALID, parse_wage, wage_key
from enrollment.rules import same_name
from portal import workbook_reports, workbooks
from portal.workbooks import Column
from progress import services as case_services
from progress.uploads import check_size, safe_name

SHEET = str(_("Contribution wages"))  # 缴费工资申报
NOT_LISTED = _("This personal code is not among the persons of this declaration.")
SAME_PERSON = _("The same person as in row %(line)d.")
NAME_MISMATCH = _("The name is not the one on record for this personal code.")
COLUMNS = (
    Column("personal_code", str(_("Personal code")), "code", rule=str(_("Do not change."))),
    Column("name", str(_("Name")), rule=str(_("Do not change."))),
    Column("id_number", str(_("ID number")), "code", required=False, width=22),
    Column("last_base", str(_("Last year's base")), "number", required=False),
    Column(
        "wage",
        str(_("Average monthly wage of last year")),
        "number",
        rule=str(_("Yuan, at most two decimals.")),
        width=22,
    ),
)
NOTES = (
    _("1. The persons of your declaration are listed; fill in each one's average monthly wage of "
      "last year and upload the workbook on the page 填报工资."),
    _("2. Do not change the personal codes and names, do not add or delete persons."),
)  # fmt: skip


def header_of(key: str) -> str:
    return next((column.header for column in COLUMNS if column.key == key), "")


def workbook(application) -> bytes:
    """The declaration's persons, with the wages typed so far."""
    rows = [
        {
            "personal_code": row.data["personal_code"],
            "name": row.name,
            "id_number": row.id_number,
            "last_base": row.data["last_base"],
            "wage": application.data.get(wage_key(row.line), ""),
        }
        for row in application.rows.order_by("line")
    ]
    return workbooks.template(
        sheet=SHEET,
        columns=COLUMNS,
        notes=[str(note) for note in NOTES],
        example={"personal_code": "360102000001", "name": "张三", "wage": "8650.50"},
        rows=rows,
    )


def receive(draft, upload, *, by, version):
    """The completed workbook: a file that cannot be read as a whole is refused; otherwise its
    report is saved, and when every row is right its wages are the declaration's."""
    application = draft.application
    check_size(upload)
    content = upload.read()
    rows = {row.data["personal_code"]: row for row in application.rows.all()}
    # Rows beyond the persons are reported one by one (not in the declaration), up to a bound.
    sheet = workbooks.read(content, sheet=SHEET, columns=COLUMNS, max_rows=len(rows) + 1000)
    problems, wages, seen = [], {}, {}
    for read in sheet.rows:
        problems += [(read.line, key, message) for key, message in read.problems.items()]
        code = read.values["personal_code"]
        row = rows.get(code)
        if row is None:
            problems.append((read.line, "personal_code", NOT_LISTED))
        elif code in seen:
            problems.append((read.line, "personal_code", SAME_PERSON % {"line": seen[code]}))
        else:
            seen[code] = read.line
            if not same_name(row.name, read.values["name"]):
                problems.append((read.line, "name", NAME_MISMATCH))
            wage = read.values["wage"]
            if wage and parse_wage(wage) is None and "wage" not in read.problems:
                problems.append((read.line, "wage", WAGE_INVALID))
            wages[wage_key(row.line)] = wage
    report = workbook_reports.keep(
        content,
        name=safe_name(upload.name, workbooks.XLSX),
        sheet=sheet,
        problems=problems,
        earlier=draft.data.get("upload"),
    )
    data = {**draft.data, "upload": report, **({} if problems else wages)}
    try:
        return case_services.case_save(application=application, data=data, by=by, version=version)
    except Exception:
        workbook_reports.discard(report)
        raise


def error_copy(application) -> bytes | None:
    return workbook_reports.error_copy(
        application.data.get("upload") or {}, sheet=SHEET, header_of=header_of
    )
