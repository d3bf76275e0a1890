"""The service loop around every case (R-16): 办事指南, 受理回执, 站内消息 and 好差评."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from portal.http import agent_unit, paginate, pdf_response
from progress import notices as notice_texts
from progress import ratings, receipts, registry, selectors
from progress.forms import RatingForm
from progress.views import case_page
from roster import certificates

RATED = gettext_lazy("Thank you for your rating.")


@login_not_required
@require_safe
def guide(request, business_code):
    """办事指南: what a business needs before it starts, readable without logging in."""
    service_guide, materials = selectors.service_guide(business_code)
    business = registry.get(business_code)
    start_url = (
        reverse(business.steps.steps[0].url_name) if business.steps.steps[0].url_name else ""
    )
    return render(
        request,
        "progress/guide.html",
        {
            "guide": service_guide,
            "business": business,
            "materials": materials,
            "start_url": start_url,
        },
    )


@require_safe
def receipt(request, pk):
    """受理回执 of a submitted case (PDF): rendered once per content, then served as stored."""
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    if not application.reference or application.submitted_at is None:
        raise Http404
    issued, content = receipts.receipt_issue(application, by=request.user)
    pdf = receipts.receipt_pdf(issued, content, verify_url=certificates.verify_url(request, issued))
    return pdf_response(pdf, f"{_('Acceptance receipt')}-{application.reference}.pdf")


@require_safe
def notices(request):
    """站内消息: the unit's notices, newest first; unread ones stand out."""
    unit = agent_unit(request)
    page, query = paginate(request, selectors.notices_for(unit=unit), 20)
    rows = [(notice, notice_texts.notice_text(notice)) for notice in page]
    return render(request, "progress/notices.html", {"page": page, "rows": rows, "query": query})


@require_safe
def notice_open(request, pk):
    """A notice's link: marked read, then its case."""
    notice = selectors.notice_of_unit(unit=agent_unit(request), pk=pk)
    notice_texts.notice_read(notice)
    return redirect("progress:detail", pk=notice.application_id)


@require_POST
def notices_read(request):
    notice_texts.notices_all_read(unit=agent_unit(request))
    return redirect("progress:notices")


@require_POST
def rate(request, pk):
    """好差评 of a finished case, once."""
    application = selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            ratings.rating_give(
                application=application,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as problem:
            if hasattr(problem, "error_dict"):
                for field, errors in problem.message_dict.items():
                    for error in errors:
                        form.add_error(field, error)
            else:
                messages.error(request, problem.messages[0])
                return redirect("progress:detail", pk=application.pk)
        else:
            messages.success(request, RATED)
            return redirect("progress:detail", pk=application.pk)
    return case_page(request, application, rating_form=form, status=400)
