"""在职人员增加 (R-8.1, R-8.2) and 在职人员减少 (R-8.3): the forms before 上传资料 and 提交."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from enrollment import services
from enrollment.addition_forms import AdditionForm, AdditionIdForm, addition_draft
from enrollment.forms import ReductionForm, draft_data, initial_from
from portal.yearmonth import YearMonth
from progress import selectors as case_selectors
from progress import services as case_services
from progress.models import Application
from roster import selectors as roster_selectors
from roster.forms import PersonSearchForm

DRAFT_SAVED = _("The draft was saved; continue it any time under “In progress”.")


def _unit(request):
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise Http404
    return unit


@require_safe
def reduce_list(request):
    """The unit's active persons; 减员 starts (or continues) a reduction."""
    unit = _unit(request)
    form = PersonSearchForm(request.GET)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    rows = roster_selectors.active_roster(unit=unit, **filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    open_cases = dict(
        Application.objects.filter(
            unit=unit,
            business_code=Application.BusinessCode.STAFF_REDUCTION,
            status__in=Application.IN_PROGRESS,
            person__in=[row.person_id for row in page],
        ).values_list("person_id", "pk")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enrollment/reduce_list.html",
        {
            "form": form,
            "page": page,
            "open_cases": open_cases,
            "query": query.urlencode(),
        },
    )


@require_http_methods(["POST"])
def reduce_start(request, personal_code):
    unit = _unit(request)
    person = roster_selectors.person_of_unit(unit=unit, personal_code=personal_code)
    try:
        application = services.reduction_start(unit=unit, person=person, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
        return redirect("enrollment:reduce")
    return redirect("enrollment:reduce_case", pk=application.pk)


@require_http_methods(["GET", "POST"])
def reduce_case(request, pk):
    """The reduction form of a draft or returned case: 暂存 keeps what was typed; 下一步
    validates and goes on to 上传资料."""
    unit = _unit(request)
    application = case_selectors.case_for_unit(unit=unit, pk=pk)
    if application.business_code != Application.BusinessCode.STAFF_REDUCTION:
        raise Http404
    if application.status not in case_services.EDITABLE:
        return redirect("progress:detail", pk=application.pk)
    relation = services.active_relation(unit=unit, person=application.person)
    if relation is None:
        raise Http404
    window = services.stop_window(unit=unit, person=application.person, relation=relation)
    form = ReductionForm(
        request.POST or None,
        window=window,
        initial={"stop_month": str(YearMonth.current()), **initial_from(application.data)},
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "save":
                case_services.application_save(
                    application=application, data=draft_data(request.POST), by=request.user
                )
                messages.success(request, DRAFT_SAVED)
                return redirect("enrollment:reduce_case", pk=application.pk)
            if form.is_valid():
                case_services.application_save(
                    application=application, data=form.as_case_data(), by=request.user
                )
                return redirect("progress:materials", pk=application.pk)
        except ValidationError as problem:
            form.add_error(None, problem)
    rejection = application.events.filter(action="rejected").last()
    return render(
        request,
        "enrollment/reduce_case.html",
        {
            "case": application,
            "person": application.person,
            "relation": relation,
            "form": form,
            "window": window,
            "rejection": rejection,
        },
    )


# --- Staff addition ---------------------------------------------------------------------------

ADDITION_TYPES = {
    "new_registration": _("New registration"),  # 新登记
    "new_insurance": _("New insurance"),  # 新参保
    "continuation": _("Continuation"),  # 续保
}


@require_http_methods(["GET", "POST"])
def add_start(request):
    """Step 1: 证件类型 and 证件号码; the system decides 新登记 / 新参保 / 续保 (R-8.1)."""
    unit = _unit(request)
    form = AdditionIdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.addition_start(
                unit=unit,
                id_type=form.cleaned_data["id_type"],
                id_number=form.cleaned_data["id_number"],
                by=request.user,
            )
        except ValidationError as problem:
            form.add_error("id_number", problem)
        else:
            return redirect("enrollment:add_case", pk=application.pk)
    return render(request, "enrollment/add_start.html", {"form": form})


def _addition_form(request, application, data=None):
    case = application.data
    person = application.person
    initial = {}
    if person is not None:
        initial = {field: getattr(person, field) for field in AdditionForm.KEY}
    initial.update({"start_month": str(YearMonth.current())})
    initial.update({key: value for key, value in case.items() if value not in ("", None)})
    return AdditionForm(
        data,
        initial=initial,
        business_type=case["type"],
        id_type=case["id_type"],
        id_number=case["id_number"],
        person=person,
        this_month=YearMonth.current(),
        backdate_months=settings.ENROLLMENT_BACKDATE_MONTHS,
        average_wage=services.average_wage,
    )


@require_http_methods(["GET", "POST"])
def add_case(request, pk):
    """人员信息 and 参保信息 of a draft or returned addition: 暂存 keeps what was typed; 下一步
    validates and goes on to 上传资料."""
    application = case_selectors.case_for_unit(unit=_unit(request), pk=pk)
    if application.business_code != Application.BusinessCode.STAFF_ADDITION:
        raise Http404
    if application.status not in case_services.EDITABLE:
        return redirect("progress:detail", pk=application.pk)
    form = _addition_form(request, application, request.POST or None)
    if request.method == "POST":
        keep = {key: application.data[key] for key in ("type", "id_type", "id_number")}
        try:
            if request.POST.get("action") == "save":
                case_services.application_save(
                    application=application,
                    by=request.user,
                    data={**addition_draft(request.POST, form), **keep},
                )
                messages.success(request, DRAFT_SAVED)
                return redirect("enrollment:add_case", pk=application.pk)
            if form.is_valid():
                case_services.application_save(
                    application=application,
                    by=request.user,
                    data={**form.as_case_data(), **keep},
                )
                return redirect("progress:materials", pk=application.pk)
        except ValidationError as problem:
            form.add_error(None, problem)
    return render(
        request,
        "enrollment/add_case.html",
        {
            "case": application,
            "form": form,
            "type_label": ADDITION_TYPES.get(application.data["type"], ""),
            "rejection": application.events.filter(action="rejected").last(),
        },
    )
