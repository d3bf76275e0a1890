"""Floor views for the scale benchmark: each renders the same rows as a portal page with
`.values()[:50]` and a bare template, under the same settings and middleware, so that a page's
time over its floor is what the portal adds."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_not_required
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from progress.models import Application
from roster.models import Contribution, InsuranceRelation, Person, Unit

ROWS = engines["django"].from_string(
    "<table>{% for row in rows %}<tr>{% for value in row.values %}<td>{{ value }}</td>"
    "{% endfor %}</tr>{% endfor %}</table>"
)


def _relations(request):
    return InsuranceRelation.objects.filter(unit=request.user.unit, status="active")


def _latest_paid():
    return Subquery(
        Contribution.objects.filter(person=OuterRef("person_id"), unit=OuterRef("unit_id"))
        .filter(status="paid")
        .order_by("-month")
        .values("month")[:1]
    )


def _active(request, order=None, offset=0, name=""):
    """The roster's rows with the roster's query (its sort keys and its latest-paid month)."""
    rows = _relations(request).annotate(last_paid=_latest_paid())
    if name:
        rows = rows.alias(key=Lower("person__name")).filter(key__contains=name)
    rows = rows.order_by(
        order if order is not None else F("person__personal_code"), "person__personal_code"
    )
    return rows.values(
        "person__personal_code",
        "person__name",
        "person__sex",
        "start_month",
        "last_paid",
        "contribution_base",
    )[offset : offset + 50]


def _persons(request):
    return (
        Person.objects.filter(current_unit=request.user.unit)
        .order_by("personal_code")
        .values("personal_code", "name", "sex", "id_number")[:50]
    )


def _cases(request):
    return (
        Application.objects.filter(
            unit=request.user.unit, status__in=["draft", "submitted", "rejected"]
        )
        .order_by("-created_at")
        .values("id", "business_code", "subject_name", "status", "created_at")[:20]
    )


def _queue(request):
    return (
        Application.objects.filter(status="submitted", unit__county=request.user.county)
        .order_by("submitted_at")
        .values("id", "business_code", "subject_name", "unit__name", "submitted_at")[:20]
    )


def _units(request):
    keyword = request.GET.get("q", "")
    return (
        Unit.objects.filter(county=request.user.county)
        .filter(Q(name__icontains=keyword) | Q(code__icontains=keyword))
        .order_by("code")
        .values("code", "name", "credit_code", "agent__name")[:20]
    )


FLOORS = {
    "active": _active,
    "active-deep": lambda request: _active(request, offset=99 * 50),
    "active-name": lambda request: _active(request, order=Lower("person__name").asc()),
    "active-last-paid": lambda request: _active(request, order=F("last_paid").desc()),
    "active-wang": lambda request: _active(request, name="王"),
    "persons": _persons,
    "cases": _cases,
    "queue": _queue,
    "units": _units,
}


def floor(request, name):
    rows = list(FLOORS[name](request))
    return HttpResponse(ROWS.render({"rows": rows}))


def export_floor(request):
    """openpyxl alone writing the same 5,000 rows (write-only workbook)."""
    from openpyxl import Workbook

    rows = (
        _relations(request)
        .annotate(last_paid=_latest_paid())
        .order_by("person__personal_code")
        .values_list(
            "person__personal_code",
            "person__name",
            "person__sex",
            "person__id_number",
            "person__work_start_date",
            "start_month",
            "last_paid",
            "contribution_base",
            "status",
        )
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows.iterator(chunk_size=500):
        sheet.append([str(value) for value in row])  # the same nine columns as the portal's
    output = io.BytesIO()
    workbook.save(output)
    return HttpResponse(output.getvalue(), content_type="application/octet-stream")


@login_not_required
def trivial(request):
    """The least a request can cost here: the middleware and a fixed answer."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench-floor/export/", export_floor),
    path("bench-floor/trivial/", trivial),
    path("bench-floor/<slug:name>/", floor),
    path("", include("portal.urls")),
]
