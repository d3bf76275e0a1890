"""The county hall's review of the units' cases (R-9: 审核): the queue, a case, 通过 / 不通过,
and the case's materials."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from backoffice import selectors
from backoffice.decorators import staff_required
from portal.http import matching, paginate
from portal.tables import Table
from progress import registry as progress_registry
from progress import selectors as progress_selectors
from progress import services as progress_services
from progress import tables as progress_tables
from progress.deadlines import deadlines
from progress.drafts import parse_number
from progress.files import serve_attachment
from progress.forms import RejectForm, ReviewFilterForm

CASE_APPROVED = _("The case was approved.")
CASE_REJECTED = _("The case was returned to the unit with the reason.")


@staff_required
@require_http_methods(["GET"])
def review_queue(request):
    form = ReviewFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = matching(
        form,
        progress_selectors.review_queue(
            county=request.user.county,
            business=filters.get("business", ""),
            unit_code=filters.get("unit", ""),
            reference=filters.get("reference", ""),
        ),
    )
    page, query = paginate(request, cases, selectors.PAGE_SIZE)
    table = Table(
        progress_tables.review_columns(deadlines(page)),
        page,
        caption=_("Awaiting review"),
        empty=_("No case awaits review."),
    )
    context = {"form": form, "page": page, "table": table, "query": query, "module": "review"}
    if form.is_valid() and not any(filters.values()):  # the whole queue: the badge's number
        context["awaiting_review_count"] = page.paginator.count
    return render(request, "backoffice/review_queue.html", context)


def _review_page(request, application, *, reject_form=None, approval_form=None, status=200):
    business = progress_registry.get(application.business_code)
    if approval_form is None and business is not None and business.approval_form is not None:
        approval_form = business.approval_form(application=application)
    detail_template, detail = progress_registry.detail_of(application, request.GET)
    return render(
        request,
        "backoffice/review_case.html",
        {
            "case": application,
            "module": "review",
            "promised": progress_tables.deadline_text(deadlines([application]).get(application.pk)),
            "events": progress_selectors.timeline(application),
            "slots": progress_selectors.material_slots(application),
            "detail_template": detail_template,
            "reject_form": reject_form or RejectForm(),
            "approval_form": approval_form,
            **detail,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET"])
def review_case(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    return _review_page(request, application)


@staff_required
@require_POST
def review_approve(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    business = progress_registry.get(application.business_code)
    approval_form = None
    data = {}
    if business is not None and business.approval_form is not None:
        approval_form = business.approval_form(request.POST, application=application)
        if not approval_form.is_valid():
            return _review_page(request, application, approval_form=approval_form, status=400)
        data = approval_form.cleaned_data
    try:
        progress_services.application_approve(
            application=application,
            by=request.user,
            data=data,
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("backoffice:review_case", pk=application.pk)
    messages.success(request, CASE_APPROVED)
    return redirect("backoffice:review_queue")


@staff_required
@require_POST
def review_reject(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    reject_form = RejectForm(request.POST)
    if not reject_form.is_valid():
        return _review_page(request, application, reject_form=reject_form, status=400)
    try:
        progress_services.application_reject(
            application=application,
            by=request.user,
            reason=reject_form.cleaned_data["reason"],
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("backoffice:review_case", pk=application.pk)
    messages.success(request, CASE_REJECTED)
    return redirect("backoffice:review_queue")


@staff_required
@require_http_methods(["GET"])
def review_attachment(request, pk, attachment_pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    attachment = progress_selectors.attachment_of_case(application, attachment_pk)
    return serve_attachment(attachment, download=request.GET.get("download") == "1")
