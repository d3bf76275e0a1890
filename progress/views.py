"""办理中 / 已办结 (R-9), the case page, and the shared 上传资料 step (R-7.7, R-8.2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from progress import registry, selectors, services
from progress.forms import CaseFilterForm, UploadForm

UPLOADED = _("“%(name)s” was uploaded.")
DELETED = _("“%(name)s” was deleted.")
SUBMITTED = _("The case was submitted; follow its progress under “In progress”.")
UNKNOWN_MATERIAL = _("Choose the kind of document first.")
WITHDRAWN = _("The case was withdrawn.")


def _unit(request):
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise Http404
    return unit


def _case_list(request, *, finished: bool):
    unit = _unit(request)
    form = CaseFilterForm(request.GET)
    select = selectors.cases_completed if finished else selectors.cases_in_progress
    cases = select(unit=unit, **form.filters())
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "progress/case_list.html",
        {
            "form": form,
            "page": page,
            "finished": finished,
            "query": query.urlencode(),
        },
    )


@require_safe
def in_progress(request):
    return _case_list(request, finished=False)


@require_safe
def completed(request):
    return _case_list(request, finished=True)


@require_safe
def case_detail(request, pk):
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    business = registry.get(application.business_code)
    return render(
        request,
        "progress/case_detail.html",
        {
            "case": application,
            "events": selectors.timeline(application),
            "slots": selectors.material_slots(application),
            "detail_template": business.detail_template
            if business
            else "progress/businesses/generic_detail.html",
        },
    )


def upload(request, application) -> str | None:
    """Store the file posted for a case: None when stored (a success message is queued), else
    the reason it was refused. Shared by 上传资料 here and the wizards' last step."""
    form = UploadForm(request.POST, request.FILES)
    slots = {s.material_type.code: s for s in selectors.material_slots(application)}
    if not form.is_valid():
        return UNKNOWN_MATERIAL if "material" in form.errors else form.errors["file"][0]
    if form.cleaned_data["material"] not in slots:
        return UNKNOWN_MATERIAL
    try:
        attachment = services.attachment_add(
            application=application,
            material_type=slots[form.cleaned_data["material"]].material_type,
            upload=form.cleaned_data["file"],
            by=request.user,
        )
    except ValidationError as problem:
        return problem.messages[0]
    messages.success(request, UPLOADED % {"name": attachment.original_name})
    return None


def materials_context(request, application, *, error=None) -> dict:
    """What the upload component (progress/includes/materials_panel.html) shows."""
    selected = request.GET.get("material") or request.POST.get("material") or ""
    slots = selectors.material_slots(application)
    if not selected and slots:
        selected = slots[0].material_type.code
    return {
        "case": application,
        "slots": slots,
        "selected": selected,
        "error": error,
        "missing": [s.material_type for s in slots if s.missing],
        "editable": application.status in services.EDITABLE,
    }


@require_http_methods(["GET", "POST"])
def materials(request, pk):
    """上传资料: a plain multipart form per document type; XHR uploads post here too."""
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    error = None
    if request.method == "POST":
        error = upload(request, application)
        if error is None:
            return redirect(f"{request.path}?material={request.POST.get('material', '')}")
    return render(
        request,
        "progress/materials.html",
        materials_context(request, application, error=error),
        status=400 if error else 200,
    )


@require_POST
def attachment_delete(request, pk, attachment_pk):
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    attachment = selectors.attachment_of_case(application, attachment_pk)
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, DELETED % {"name": attachment.original_name})
    url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = reverse("progress:materials", args=[application.pk])
    return redirect(f"{url}?material={attachment.material_type.code}")


def serve_attachment(attachment, *, download: bool) -> FileResponse:
    """Stream a stored document: named, never sniffed by the browser, never a static file; our
    own pages may show it in a frame (the review page previews PDFs)."""
    if not default_storage.exists(attachment.stored_name):
        raise Http404
    response = FileResponse(
        default_storage.open(attachment.stored_name, "rb"),
        as_attachment=download,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_safe
def attachment_file(request, pk, attachment_pk):
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    attachment = selectors.attachment_of_case(application, attachment_pk)
    return serve_attachment(attachment, download=request.GET.get("download") == "1")


def _version(request) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


@require_POST
def submit(request, pk):
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    try:
        services.application_submit(
            application=application, by=request.user, expected_version=_version(request)
        )
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
        return redirect("progress:materials", pk=application.pk)
    messages.success(request, SUBMITTED)
    return redirect("progress:in_progress")


@require_POST
def withdraw(request, pk):
    """撤回: the unit takes back a draft, a submitted or a rejected case."""
    application = selectors.case_for_unit(unit=_unit(request), pk=pk)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
        return redirect("progress:detail", pk=application.pk)
    messages.success(request, WITHDRAWN)
    return redirect("progress:completed")
