"""批量增员 / 批量减员: starting a batch, taking its workbook (the rows, or the report of what is
wrong with them), the workbook sent back with its errors, and approval of all rows at once.

The case's data keeps the last upload's report under "upload" (file name, rows, the problems by
line and column); the rows of the last valid upload are the case's `CaseRow`s. A file with any
wrong row creates nothing and leaves the rows of an earlier valid file as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from enrollment import batch, services
from portal import workbook_reports, workbooks
from progress import registry
from progress import services as case_services
from progress.drafts import PageInput
from progress.models import Application, CaseRow
from progress.uploads import check_size, safe_name
from roster.models import Person, Unit

NOT_UPLOADED = _("Roster not uploaded yet")
PERSONS = _("%(count)d persons")
UPLOAD_FIRST = _("Upload the filled roster workbook first.")
ROWS_WRONG = _(
    "%(count)d rows of the workbook are wrong; correct them and upload the workbook again."
)
ROW_PROBLEM = _("Row %(line)d, %(column)s: %(message)s")
MORE_PROBLEMS = _("… and %(count)d more problems.")
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Kind:
    """What differs between 批量增员 and 批量减员."""

    code: str
    sheet: str
    columns: tuple
    check: Callable
    notes: tuple
    example: dict
    filename: str

    def header(self, key: str) -> str:
        return next((c.header for c in self.columns if c.key == key), "")


COMMON_NOTES = (
    _(
        "1. Fill one person per row on the first sheet, from row 2; do not rename the sheet or the "
        "headers, do not add columns."
    ),
    _("2. Columns in red must be filled; choose from the list where a column has one."),
    _(
        "3. ID numbers and months are text: type 360102199001011256 and 2026-12, never let Excel "
        "turn them into numbers or dates."
    ),
    _(
        "4. At most 1,000 rows per workbook. Rows that are wrong are listed after the upload and "
        "marked in a copy of the workbook; correct them there and upload it again."
    ),
)
KINDS = {
    services.BATCH_ADDITION: Kind(
        code=services.BATCH_ADDITION,
        sheet=str(_("Staff addition roster")),
        columns=batch.ADDITION_COLUMNS,
        check=batch.check_additions,
        notes=(
            *COMMON_NOTES,
            _(
                "5. The portal decides for each person whether it is a new registration, a new "
                "insurance or a continuation, as for a single staff addition; the personal "
                "information columns are only used for new registrations (key information also "
                "for new insurance)."
            ),
        ),
        example={
            "id_type": str(Person.IdType.RESIDENT_ID.label),
            "id_number": "360102199001011256",
            "name": "张三",
            "sex": "男",
            "birth_date": "1990-01-01",
            "ethnicity": "汉族",
            "nationality": "中国",
            "household_type": "城镇",
            "household_address": "江西省南昌市东湖区八一大道1号",
            "education": "大学本科",
            "phone": "13907910001",
            "address": "江西省南昌市东湖区八一大道1号",
            "work_start_date": "2012-07-01",
            "staff_category": "干部",
            "occupational_annuity": batch.YES,
            "base": "8000",
            "employment_type": "事业编制",
        },
        filename="批量增员模板.xlsx",
    ),
    services.BATCH_REDUCTION: Kind(
        code=services.BATCH_REDUCTION,
        sheet=str(_("Staff reduction roster")),
        columns=batch.REDUCTION_COLUMNS,
        check=batch.check_reductions,
        notes=(
            *COMMON_NOTES,
            _(
                "5. Only persons actively insured in this unit can be reduced; a person with a "
                "pension claim or another addition or reduction under way cannot."
            ),
        ),
        example={
            "id_type": str(Person.IdType.RESIDENT_ID.label),
            "id_number": "360102199001011256",
            "name": "张三",
            "reason": "调出",
            "note": "调往省直单位",
        },
        filename="批量减员模板.xlsx",
    ),
}


def template(kind: Kind) -> bytes:
    return workbooks.template(
        sheet=kind.sheet,
        columns=kind.columns,
        notes=[str(n) for n in kind.notes],
        example=kind.example,
    )


@transaction.atomic
def batch_start(*, unit, business_code: str, by) -> Application:
    """The unit's batch draft of this business, or a new one (the unit's row lock makes a
    double click start one)."""
    Unit.objects.select_for_update().get(pk=unit.pk)
    existing = Application.objects.filter(
        unit=unit, business_code=business_code, status=Application.Status.DRAFT
    ).first()
    if existing is not None:
        return existing
    return case_services.application_create(
        unit=unit, business_code=business_code, by=by, subject_name=str(NOT_UPLOADED)
    )


def kind_of(application: Application) -> Kind:
    return KINDS[application.business_code]


def case_rows(application: Application) -> list[tuple[int, dict]]:
    return [(row.line, row.data) for row in application.rows.order_by("line")]


def batch_receive(draft, upload, *, by, version) -> Application:
    """Take a filled workbook into the batch: a file that cannot be read as a whole is refused
    (ValidationError, nothing saved); otherwise its report is saved, and when every row is
    right its rows replace the case's rows. The file is kept for the error workbook."""
    application = draft.application
    kind = kind_of(application)
    check_size(upload)
    content = upload.read()
    sheet = workbooks.read(content, sheet=kind.sheet, columns=kind.columns, max_rows=batch.MAX_ROWS)
    read = {row.line: row.problems for row in sheet.rows}
    rows = [(row.line, batch.form_data(row.values, kind.columns)) for row in sheet.rows]
    results = kind.check(
        rows, unit=application.unit, case=application, problems_of=lambda line: read[line]
    )
    wrong = [result for result in results if not result.ok]
    report = workbook_reports.keep(
        content,
        name=safe_name(upload.name, workbooks.XLSX),
        sheet=sheet,
        problems=[(r.line, key, message) for r in wrong for key, message in r.problems],
        earlier=draft.data.get("upload"),
    )
    steps = registry.get(application.business_code).steps
    step = steps.get("file")
    saved = draft.with_page(step, PageInput(), steps=steps, lands_on=step, done=not wrong)
    data = {**saved.data, "upload": report}
    if not wrong:
        data["persons"] = len(results)
    try:
        with transaction.atomic():
            application = case_services.case_save(
                application=application,
                data=data,
                by=by,
                version=version,
                subject_name=str(PERSONS % {"count": len(results)}) if not wrong else None,
            )
            if not wrong:
                application.rows.all().delete()
                CaseRow.objects.bulk_create(
                    CaseRow(
                        application=application,
                        line=result.line,
                        person=result.person,
                        id_number=result.id_number,
                        name=result.name,
                        data=result.data,
                    )
                    for result in results
                )
    except Exception:
        workbook_reports.discard(report)
        raise
    return application


def error_workbook(application: Application) -> bytes | None:
    """The last uploaded workbook with its 错误说明 column and the wrong cells marked."""
    kind = kind_of(application)
    report = application.data.get("upload") or {}
    return workbook_reports.error_copy(report, sheet=kind.sheet, header_of=kind.header)


def rows_check(draft) -> list[str]:
    """Why the batch's rows cannot go on (step check, 提交, 审核通过): none uploaded yet, or a
    row no longer right now (a person registered or reduced elsewhere since the upload)."""
    application = draft.application
    kind = kind_of(application)
    report = draft.data.get("upload") or {}
    if report.get("invalid"):  # the last file: an earlier one's rows wait, unused
        return [str(ROWS_WRONG % {"count": report["invalid"]})]
    rows = case_rows(application)
    if not rows:
        return [str(UPLOAD_FIRST)]
    results = kind.check(rows, unit=application.unit, case=application)
    found = [
        str(ROW_PROBLEM % {"line": r.line, "column": kind.header(key) or "—", "message": message})
        for r in results
        for key, message in r.problems
    ]
    if len(found) > SHOWN_PROBLEMS:
        found = [
            *found[:SHOWN_PROBLEMS],
            str(MORE_PROBLEMS % {"count": len(found) - SHOWN_PROBLEMS}),
        ]
    return found


def batch_approve(application: Application) -> None:
    """Every row has the effect its single case has, in the approval's one transaction."""
    rows = list(application.rows.select_related("person").order_by("line"))
    if application.business_code == services.BATCH_ADDITION:
        persons = services.additions_apply(
            unit=application.unit, rows=[(row.data, row.person) for row in rows]
        )
        registered = []
        for row, person in zip(rows, persons, strict=True):
            if row.person_id is None:
                row.person = person
                registered.append(row)
        CaseRow.objects.bulk_update(registered, ["person"])
    else:
        services.reductions_apply(
            unit=application.unit, rows=[(row.person, row.data) for row in rows]
        )
