"""批量增员 and 批量减员 as businesses of the case core: one step that takes the filled workbook
(its report, or its rows), then 上传资料; approval applies every row as its single case would;
the case and review pages show the rows, paged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from enrollment import batch_services, rules, services
from enrollment.addition_forms import ADDITION_TYPES
from enrollment.batch import FIELDS
from enrollment.forms import REASON_CHOICES
from portal import workbook_reports
from progress.drafts import Draft
from progress.registry import BusinessType
from progress.steps import MATERIALS, CaseSteps, Step, StepCheck

PER_PAGE = 50
BATCH_DETAIL = "enrollment/batch_detail.html"


class Batch(Draft):
    """A batch's data: the last upload's report ("upload") and, once valid, the number of
    persons ("persons"); the rows are the case's `CaseRow`s."""

    @property
    def report(self) -> dict:
        return self.data.get("upload") or {}

    @property
    def subject_name(self) -> str | None:
        persons = self.data.get("persons")
        return str(batch_services.PERSONS % {"count": persons}) if persons else None


def _word(key: str, value) -> str:
    """A row's value as the form shows it: a choice's label, 是/否, — for nothing."""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    choices = getattr(FIELDS.get(key), "choices", None)
    if choices is not None:
        value = dict(choices).get(value, value)
    return str(value) if value not in ("", None) else "—"


def row_table(application, query) -> dict:
    """The batch's rows, paged: headers and cells (with the decided type of an addition)."""
    kind = batch_services.kind_of(application)
    additions = application.business_code == services.BATCH_ADDITION
    headers = [_("Row"), *([_("Business type")] if additions else [])]
    headers += [column.header for column in kind.columns]
    rows = application.rows.order_by("line")
    page = Paginator(rows, PER_PAGE).get_page((query or {}).get("page"))
    cells = []
    for row in page:
        typed = [str(ADDITION_TYPES.get(row.data.get("type"), "—"))] if additions else []
        values = [_word(column.key, row.data.get(column.key, "")) for column in kind.columns]
        cells.append([str(row.line), *typed, *values])
    return {"row_headers": headers, "row_cells": cells, "row_page": page}


def summary(application) -> list[tuple[str, int]]:
    """How many persons of each decided type (additions) or reason (reductions), one query."""
    additions = application.business_code == services.BATCH_ADDITION
    key = "data__type" if additions else "data__reason"
    labels = ADDITION_TYPES if additions else dict(REASON_CHOICES)
    counts = dict(application.rows.values_list(key).annotate(n=Count("id")).values_list(key, "n"))
    return [(str(label), counts[code]) for code, label in labels.items() if code in counts]


def _context(batch: Batch, query) -> dict:
    application = batch.application
    kind = batch_services.kind_of(application)
    report = batch.report
    context = {
        "report": report,
        "valid_rows": report.get("rows", 0) - report.get("invalid", 0),
        "template_kind": _slug(application),
    }
    if report.get("invalid"):
        problems = workbook_reports.table(report, kind.header)
        context["problem_page"] = Paginator(problems, PER_PAGE).get_page(query.get("page"))
    elif batch.data.get("persons"):
        context.update(row_table(application, query), summary=summary(application))
    return context


def _slug(application) -> str:
    return "add" if application.business_code == services.BATCH_ADDITION else "reduce"


FILE_STEP = Step(
    "file",  # 上传名册
    _("Upload the roster workbook"),
    template="enrollment/step_batch.html",
    check=lambda batch: StepCheck(errors=batch_services.rows_check(batch)),
    context=_context,
    receive=batch_services.batch_receive,
)


def _steps(start_url: str) -> CaseSteps:
    return CaseSteps(
        Step("start", _("Download the template"), url_name=start_url), FILE_STEP, MATERIALS
    )


class BatchBusiness(BusinessType):
    detail_template = BATCH_DETAIL

    def draft(self, application) -> Batch:
        return Batch(application)

    def approve(self, *, application, by, data: dict) -> None:
        batch_services.batch_approve(application)

    def detail_context(self, application, query=None) -> dict:
        return {
            "wide_detail": True,  # twenty columns: the review page gives it the full width
            "report": Batch(application).report,
            "summary": summary(application),
            **row_table(application, query),
        }


class BatchAddition(BatchBusiness):
    code = services.BATCH_ADDITION
    name = _("Batch staff addition")
    steps = _steps("enrollment:batch_add")


class BatchReduction(BatchBusiness):
    code = services.BATCH_REDUCTION
    name = _("Batch staff reduction")
    steps = _steps("enrollment:batch_reduce")
    # As a single reduction: nobody is added, retires or leaves twice while leaving here.
    exclusive_with = frozenset(
        {
            services.STAFF_REDUCTION,
            services.BATCH_REDUCTION,
            services.STAFF_ADDITION,
            "pension_claim",
        }
    )

    def material_required(self, application, material_type) -> bool:
        if material_type.code != "reduction_proof":
            return material_type.required
        reasons = application.rows.values_list("data__reason", flat=True)
        return any(rules.reduction_material_required(reason) for reason in reasons)
