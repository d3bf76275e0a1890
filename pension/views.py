"""养老金申领 (R-7.1): ① 选择人员. The claim's own steps run on the case core's step view
(`progress.step_views`), declared in `pension.steps`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pension import selectors, services
from pension.steps import STEPS
from pension.tables import claimable_columns
from portal.http import agent_unit, matching, paginate
from portal.tables import Table
from progress import selectors as case_selectors
from roster import selectors as roster_selectors
from roster.forms import PersonSearchForm


@require_http_methods(["GET", "POST"])
def start(request):
    """① 选择人员 (R-7.1): the unit's active persons; 申领 checks the conditions and opens the
    claim, or says on this page why not."""
    unit = agent_unit(request)
    form = PersonSearchForm(request.GET)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    persons = matching(form, selectors.claimable_persons(unit=unit, **filters))
    page, query = paginate(request, persons, 20)
    refused, problems = None, []
    if request.method == "POST":
        person = roster_selectors.person_of_unit(
            unit=unit, personal_code=request.POST.get("personal_code", "")
        )
        try:
            application = services.claim_start(unit=unit, person=person, by=request.user)
        except ValidationError as error:
            refused, problems = person, error.messages
        else:
            return redirect(case_selectors.resume_url(application))
    refused_id = refused.pk if refused else None
    claims = selectors.open_claims(unit=unit, person_ids=[row.person_id for row in page])
    table = Table(
        claimable_columns(claims=claims, csrf_token=get_token(request)),
        page,
        caption=_("Active staff roster"),
        empty=_("No staff match the filters."),
        row_attributes=lambda row: ' class="row-invalid"' if row.person_id == refused_id else "",
    )
    return render(
        request,
        "pension/start.html",
        {
            "form": form,
            "page": page,
            "table": table,
            "query": query,
            "refused": refused,
            "problems": problems,
            "navigation": STEPS.navigation(None, STEPS.get("select")),
        },
        status=400 if problems else 200,
    )
