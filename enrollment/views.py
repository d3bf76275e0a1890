"""在职人员减少 (R-8.3): choose an active person, reason and stop month, documents, submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from enrollment import services
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
