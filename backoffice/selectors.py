"""Reads for counter staff, always scoped to the staff member's county."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.models import AuditEvent
from roster.models import Unit

PAGE_SIZE = 20


def unit_search(*, county, keyword: str, with_service: bool | None = None) -> QuerySet[Unit]:
    """Fuzzy search (contains) on unit name and code within the county (R-2.1, R-2.4)."""
    units = (
        Unit.objects.filter(county=county)
        .select_related("agent")
        .only("code", "name", "unit_type", "agent__id")  # what the results show
    )
    keyword = (keyword or "").strip()
    if keyword:
        units = units.filter(Q(name__icontains=keyword) | Q(code__icontains=keyword))
    if with_service is not None:
        units = units.filter(agent__isnull=not with_service)
    return units.order_by("code")


def paginate(queryset, page_number, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(page_number)


def unit_for_staff(*, county, code: str) -> Unit:
    """A unit of the staff member's county; another county's unit is a 404 like a missing one."""
    return get_object_or_404(
        Unit.objects.select_related("county", "agent", "account"), county=county, code=code
    )


def unit_with_service_for_staff(*, county, code: str) -> Unit:
    """A unit of the county that has online service (an agent and an account), else 404."""
    unit = unit_for_staff(county=county, code=code)
    if not hasattr(unit, "agent") or not hasattr(unit, "account"):
        raise Http404
    return unit


def audit_events_for_county(*, county, unit_code: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(county_code=county.code).select_related("user")
    if unit_code:
        events = events.filter(unit_code=unit_code.strip())
    return events.order_by("-at", "-id")
