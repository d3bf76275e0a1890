"""批量增员 and 批量减员: the pages outside the case's steps — the start page with the template,
the template itself, and the workbook sent back with its errors. The batch's own step runs on
the case core's step view, declared in `enrollment.batch_business`."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from enrollment import batch_services, services
from portal.http import agent_unit, workbook_response
from progress import registry
from progress import selectors as case_selectors
from progress.models import Application

KINDS = {"add": services.BATCH_ADDITION, "reduce": services.BATCH_REDUCTION}


def _business(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@require_http_methods(["GET", "POST"])
def batch_start(request, kind):
    """The start page: what the business takes, the template, and 开始办理 (or the unit's
    draft, continued)."""
    unit = agent_unit(request)
    code = _business(kind)
    if request.method == "POST":
        application = batch_services.batch_start(unit=unit, business_code=code, by=request.user)
        return redirect(case_selectors.resume_url(application))
    draft = Application.objects.filter(
        unit=unit, business_code=code, status=Application.Status.DRAFT
    ).first()
    return render(
        request,
        "enrollment/batch_start.html",
        {
            "kind": kind,
            "code": code,
            "name": registry.label(code),
            "draft": draft,
            "columns": batch_services.KINDS[code].columns,
        },
    )


@require_safe
def batch_template(request, kind):
    spec = batch_services.KINDS[_business(kind)]
    return workbook_response(batch_services.template(spec), spec.filename)


@require_safe
def batch_errors(request, pk):
    """The unit's last uploaded workbook with 错误说明 (another unit's case: 404)."""
    application = case_selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    if application.business_code not in KINDS.values():
        raise Http404
    content = batch_services.error_workbook(application)
    if content is None:
        raise Http404
    name = (application.data.get("upload") or {}).get("name", "名册.xlsx")
    return workbook_response(content, name.rsplit(".", 1)[0] + "（错误说明）.xlsx")
