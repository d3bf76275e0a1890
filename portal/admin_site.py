"""The admin site: Django's, with its changelist date filters bounded.

`?date_joined__year=10000` (or a 40-digit year) makes Django's year lookup build a datetime that
cannot exist, and the changelist fails with a 500 when it is evaluated (an OverflowError or
ValueError, raised after the admin's own check of lookup parameters). A date part out of range
is answered with 400 before the view runs."""

from __future__ import annotations

from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

DATE_PART_BOUNDS = {
    # Year 1 begins before the first instant Python can hold in UTC when seen from Beijing.
    "year": (2, 9999),
    "iso_year": (2, 9999),
    "quarter": (1, 4),
    "month": (1, 12),
    "week": (1, 53),
    "day": (1, 31),
    "week_day": (1, 7),
    "iso_week_day": (1, 7),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
}


def date_part_out_of_range(query) -> bool:
    """Whether a lookup such as `at__year` or `at__month__gte` has a number it cannot mean."""
    for key, values in query.lists():
        parts = key.split("__")
        part = next((p for p in reversed(parts[1:]) if p in DATE_PART_BOUNDS), None)
        if part is None:
            continue
        low, high = DATE_PART_BOUNDS[part]
        for value in values:
            value = value.strip()
            if value.isascii() and value.lstrip("-").isdigit() and not low <= int(value) <= high:
                return True
    return False


class PortalAdminSite(AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def bounded(request, *args, **kwargs):
            if date_part_out_of_range(request.GET):
                return HttpResponseBadRequest(render_to_string("400.html", request=request))
            return inner(request, *args, **kwargs)

        return bounded


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
