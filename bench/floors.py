"""Floor views for the scale benchmark: each renders the same rows as a portal page with
`.values()[:50]` and a bare template, under the same settings and middleware, so that a page's
time over its floor is what the portal adds."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from progress.models import Application
from roster.models import Contribution, InsuranceRelation, Person

ROWS = engines["django"].from_string(
    "<table>{% for row in rows %}<tr>{% for value in row.values %}<td>{{ value }}</td>"
    "{% endfor %}</tr>{% endfor %}</table>"
)


def _relations(request):
    return InsuranceRelation.objects.filter(unit=request.user.unit, status="active")


def _active(request, order="person__personal_code", offset=0):
    rows = _relations(request).order_by(order, "person__personal_code")
    return rows.values(
        "person__personal_code", "person__name", "person__sex", "start_month", "contribution_base"
    )[offset : offset + 50]


def _last_paid(request):
    """The same latest-paid-month subquery as the roster, in a bare `.values()`."""
    from django.db.models import OuterRef, Subquery

    latest = (
        Contribution.objects.filter(person=OuterRef("person_id"), unit=OuterRef("unit_id"))
        .filter(status="paid")
        .order_by("-month")
        .values("month")[:1]
    )
    rows = _relations(request).annotate(last_paid=Subquery(latest))
    return rows.order_by("-last_paid", "person__personal_code").values(
        "person__personal_code", "person__name", "last_paid"
    )[:50]


def _persons(request):
    ids = _relations(request).values("person_id")
    return (
        Person.objects.filter(pk__in=ids)
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


def _history(request):
    return (
        Contribution.objects.filter(unit=request.user.unit)
        .order_by("person_id", "month")
        .values("month", "base", "unit_amount", "personal_amount", "status")[:146]
    )


FLOORS = {
    "active": _active,
    "active-deep": lambda request: _active(request, offset=99 * 50),
    "active-name": lambda request: _active(request, order="person__name"),
    "active-last-paid": _last_paid,
    "persons": _persons,
    "cases": _cases,
    "queue": _queue,
    "history": _history,
}


def floor(request, name):
    rows = list(FLOORS[name](request))
    return HttpResponse(ROWS.render({"rows": rows}))


def export_floor(request):
    """openpyxl alone writing the same 5,000 rows (write-only workbook)."""
    from openpyxl import Workbook

    rows = (
        _relations(request)
        .order_by("person__personal_code")
        .values_list(
            "person__personal_code",
            "person__name",
            "person__sex",
            "person__id_number",
            "start_month",
            "contribution_base",
        )
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows.iterator(chunk_size=500):
        sheet.append([str(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return HttpResponse(output.getvalue(), content_type="application/octet-stream")


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench-floor/export/", export_floor),
    path("bench-floor/trivial/", trivial),
    path("bench-floor/<slug:name>/", floor),
    path("", include("portal.urls")),
]
