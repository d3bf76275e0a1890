"""好差评 in the county hall (R-16): its 差评 with their follow-up (整改), and the month's and the
year's counts by level and business. Staff of another county never see them."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from backoffice.decorators import staff_required
from portal.http import paginate
from progress import ratings, registry, selectors
from progress.forms import FollowUpForm
from progress.models import Rating

FOLLOWED_UP = _("The follow-up was recorded; the unit sees it on its case.")


@staff_required
@require_safe
def low_ratings(request):
    follow_up = request.GET.get("follow_up", "")
    if follow_up not in dict(Rating.FollowUp.choices):
        follow_up = ""
    page, query = paginate(
        request, selectors.low_ratings(county=request.user.county, follow_up=follow_up), 20
    )
    return render(
        request,
        "backoffice/ratings.html",
        {
            "page": page,
            "query": query,
            "follow_up": follow_up,
            "statuses": [
                (Rating.FollowUp.PENDING, Rating.FollowUp.PENDING.label),
                (Rating.FollowUp.DONE, Rating.FollowUp.DONE.label),
            ],
            "module": "ratings",
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def follow_up(request, pk):
    rating = selectors.low_rating_of_county(county=request.user.county, pk=pk)
    form = FollowUpForm(request.POST or None, initial={"note": rating.follow_up_note})
    if request.method == "POST" and form.is_valid():
        try:
            ratings.follow_up_record(rating=rating, note=form.cleaned_data["note"], by=request.user)
        except ValidationError as problem:
            form.add_error("note", problem.message_dict.get("note", problem.messages)[0])
        else:
            messages.success(request, FOLLOWED_UP)
            return redirect("backoffice:ratings")
    return render(
        request,
        "backoffice/rating_follow_up.html",
        {"rating": rating, "form": form, "module": "ratings"},
        status=400 if form.errors else 200,
    )


@staff_required
@require_safe
def rating_summary(request):
    """Counts by level and business, this month and this year."""
    today = timezone.localdate()
    periods = []
    for title, first in (
        (_("This month"), today.replace(day=1)),
        (_("This year"), today.replace(month=1, day=1)),
    ):
        since = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
        counts = selectors.rating_summary(county=request.user.county, since=since)
        rows = [
            (
                business.name,
                [counts.get((business.code, level), 0) for level, _label in Rating.Level.choices],
                sum(
                    counts.get((business.code, level), 0) for level, _label in Rating.Level.choices
                ),
            )
            for business in registry.all_types()
        ]
        totals = [sum(row[1][index] for row in rows) for index in range(len(Rating.Level.choices))]
        periods.append(
            {"title": title, "first": first, "rows": rows, "totals": totals, "total": sum(totals)}
        )
    return render(
        request,
        "backoffice/rating_summary.html",
        {"periods": periods, "levels": Rating.Level.choices, "module": "rating_summary"},
    )
