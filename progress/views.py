"""办理中 / 已办结 (R-9), the case page, its documents, 提交 and 撤回. The steps of a case are
in `progress.step_views`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.http import agent_unit, matching, paginate
from portal.tables import Table
from progress import ratings, registry, selectors, services, tables
from progress.deadlines import deadlines
from progress.drafts import parse_number
from progress.files import serve_attachment
from progress.forms import CaseFilterForm, RatingForm
from progress.models import Application
from progress.step_views import SUBMIT_PROBLEMS, StepPage, case_and_business
from progress.steps import MATERIALS

DELETED = _("“%(name)s” was deleted.")
SUBMITTED = _("The case was submitted; follow its progress under “In progress”.")
WITHDRAWN = _("The case was withdrawn.")
WITHDRAW_QUESTION = _("Withdraw %(business)s · %(person)s?")
WITHDRAW_CONSEQUENCE = _(
    "A withdrawn case cannot be submitted again. Its data can start a new case: you find "
    "“Start again from this case” on its page."
)
DELETE_QUESTION = _("Delete “%(name)s”? The file cannot be recovered.")
RESTARTED = _(
    "A new case was started from the withdrawn one's data. Check every step and upload the "
    "documents again before submitting."
)


def _case_list(request, *, finished: bool):
    unit = agent_unit(request)
    form = CaseFilterForm(request.GET)
    select = selectors.cases_completed if finished else selectors.cases_in_progress
    cases = matching(form, select(unit=unit, **form.filters()))
    page, query = paginate(request, cases, 20)
    title = _("Completed business") if finished else _("Business in progress")
    table = Table(
        tables.case_columns(finished=finished), page, caption=title, empty=_("No business matches.")
    )
    return render(
        request,
        "progress/case_list.html",
        {"form": form, "page": page, "table": table, "finished": finished, "query": query},
    )


@require_safe
def in_progress(request):
    return _case_list(request, finished=False)


@require_safe
def completed(request):
    return _case_list(request, finished=True)


@require_safe
def case_detail(request, pk):
    return case_page(request, selectors.case_for_unit(unit=agent_unit(request), pk=pk))


def case_page(request, application, *, rating_form=None, status=200):
    """The case page: its data, progress and documents; 撤回 while it is open, 重新办理 once
    withdrawn, 好差评 once finished."""
    detail_template, detail = registry.detail_of(application, request.GET)
    events = list(selectors.timeline(application))
    rating = getattr(application, "rating", None)
    if rating_form is None and rating is None and ratings.can_rate(application):
        rating_form = RatingForm()
    return render(
        request,
        "progress/case_detail.html",
        {
            "case": application,
            # 继续填写 / 修改 while the case can change and its business is still offered
            "editable": application.status in services.EDITABLE
            and registry.get(application.business_code) is not None,
            "restartable": registry.get(application.business_code) is not None,
            "promised": tables.deadline_text(deadlines([application]).get(application.pk)),
            "events": events,
            # 审核不通过: the reason next to the status, not only down in the timeline
            "return_reason": next((e.note for e in reversed(events) if e.action == "rejected"), "")
            if application.status == Application.Status.REJECTED
            else "",
            "rating": rating,
            "rating_form": rating_form,
            "slots": selectors.material_slots(application),
            "detail_template": detail_template,
            **detail,
        },
        status=status,
    )


def confirmed(request) -> bool:
    """Whether the POST says it was confirmed: by the dialog (JavaScript) or on the page that
    `confirmation` shows without it."""
    return request.POST.get("confirmed") == "1"


def confirmation(request, *, title, question, consequence="", confirm_label, back_url, hidden=()):
    """Ask before a change that cannot be undone; the form posts back with confirmed=1."""
    return render(
        request,
        "progress/confirm.html",
        {
            "title": title,
            "question": question,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "action": request.path,
            "back_url": back_url,
            "hidden": list(hidden),
        },
    )


@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk, attachment_pk):
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    attachment = selectors.attachment_of_case(application, attachment_pk)
    url = reverse("progress:step", args=[application.pk, MATERIALS.key])
    back = f"{url}?material={attachment.material_type.code}"
    asked = request.method == "GET" or not confirmed(request)
    if asked and application.status in services.EDITABLE:
        return confirmation(
            request,
            title=_("Delete a document"),
            question=DELETE_QUESTION % {"name": attachment.original_name},
            confirm_label=_("Delete"),
            back_url=back,
        )
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, DELETED % {"name": attachment.original_name})
    return redirect(back)


@require_safe
def attachment_file(request, pk, attachment_pk):
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    attachment = selectors.attachment_of_case(application, attachment_pk)
    return serve_attachment(attachment, download=request.GET.get("download") == "1")


@require_POST
def submit(request, pk):
    """提交: every step is checked again, as 下一步 checked it, with the documents; what is
    missing is listed per step on the 上传资料 page."""
    application, business = case_and_business(request, pk)
    try:
        services.application_submit(
            application=application,
            by=request.user,
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as problem:
        if not hasattr(problem, "error_dict"):
            messages.error(request, problem.messages[0])
            return redirect("progress:step", pk=application.pk, step=MATERIALS.key)
        messages.error(request, SUBMIT_PROBLEMS)
        page = StepPage(request, application, business, business.steps.get(MATERIALS.key))
        return page.materials(problems=problem.message_dict, status=400)
    messages.success(request, SUBMITTED)
    return redirect("progress:in_progress")


@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """撤回: the unit takes back a draft, a submitted or a rejected case, once it confirms."""
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    if application.status == Application.Status.WITHDRAWN:
        return redirect("progress:detail", pk=application.pk)
    if request.method == "GET" or not confirmed(request):
        return confirmation(
            request,
            title=_("Withdraw the case"),
            question=WITHDRAW_QUESTION
            % {"business": application.business_name, "person": tables.case_person(application)},
            consequence=WITHDRAW_CONSEQUENCE,
            confirm_label=_("Withdraw"),
            back_url=reverse("progress:detail", args=[application.pk]),
            # A reload or Back (GET) asks about the case as it is now.
            hidden=[("version", request.POST.get("version", application.version))],
        )
    try:
        services.application_withdraw(
            application=application,
            by=request.user,
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
        return redirect("progress:detail", pk=application.pk)
    messages.success(request, WITHDRAWN)
    return redirect("progress:detail", pk=application.pk)


@require_POST
def restart(request, pk):
    """重新办理: a new draft from a withdrawn case's data."""
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    try:
        fresh = services.application_restart(application=application, by=request.user)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
        return redirect("progress:detail", pk=application.pk)
    messages.success(request, RESTARTED)
    return redirect(selectors.resume_url(fresh))
