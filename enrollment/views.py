"""在职人员增加 (R-8.1) and 在职人员减少 (R-8.3): the pages before a case exists. The cases' own
steps run on the case core's step view (`progress.step_views`), declared in
`enrollment.business`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from enrollment import services
from enrollment.addition_forms import AdditionIdForm
from enrollment.tables import reducible_columns
from portal.http import agent_unit, matching, paginate
from portal.tables import Table
from progress import selectors as case_selectors
from roster import selectors as roster_selectors
from roster.forms import PersonSearchForm


@require_safe
def reduce_list(request):
    """The unit's active persons; 减员 starts (or continues) a reduction."""
    unit = agent_unit(request)
    form = PersonSearchForm(request.GET)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    rows = matching(form, roster_selectors.active_roster(unit=unit, **filters))
    page, query = paginate(request, rows, 50)
    open_cases = case_selectors.open_cases(
        unit=unit, business=services.STAFF_REDUCTION, person_ids=[row.person_id for row in page]
    )
    table = Table(
        reducible_columns(open_cases=open_cases, csrf_token=get_token(request)),
        page,
        caption=_("Active staff roster"),
        empty=_("No staff match the filters."),
    )
    return render(
        request,
        "enrollment/reduce_list.html",
        {"form": form, "page": page, "table": table, "query": query},
    )


@require_http_methods(["POST"])
def reduce_start(request, personal_code):
    unit = agent_unit(request)
    person = roster_selectors.person_of_unit(unit=unit, personal_code=personal_code)
    try:
        application = services.reduction_start(unit=unit, person=person, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
        return redirect("enrollment:reduce")
    return redirect(case_selectors.resume_url(application))


@require_http_methods(["GET", "POST"])
def add_start(request):
    """Step 1: 证件类型 and 证件号码; the system decides 新登记 / 新参保 / 续保 (R-8.1)."""
    unit = agent_unit(request)
    form = AdditionIdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.addition_start(
                unit=unit,
                id_type=form.cleaned_data["id_type"],
                id_number=form.cleaned_data["id_number"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except ValidationError as problem:
            form.add_error("id_number", problem)
        else:
            return redirect(case_selectors.resume_url(application))
    return render(request, "enrollment/add_start.html", {"form": form})
