"""Floor views for the scale benchmark: each renders the same rows as a portal page with
`.values()[:50]` and a bare template, under the same settings and middleware, so that a page's
time over its floor is what the portal adds. A page that says how many rows there are in all
(共 N 条) counts them; its floor counts them too."""

from __future__ import annotations

import io
import itertools
import unicodedata
from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.utils import timezone

from enrollment.models import ProvincialAverageWage
from portal.yearmonth import YearMonth
from progress.models import Application, ApplicationEvent, CaseRow
from roster import certificates
from roster.models import Certificate, Contribution, DeemedPeriod, InsuranceRelation, Person, Unit
from roster.selectors import PERSON_CODE, PERSON_NAME

ROWS = engines["django"].from_string(
    "<p>{{ total }}</p><table>{% for row in rows %}<tr>{% for value in row.values %}"
    "<td>{{ value }}</td>{% endfor %}</tr>{% endfor %}</table>"
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


ACTIVE_FIELDS = (
    "person__personal_code",
    "person__name",
    "person__sex",
    "start_month",
    "last_paid",
    "contribution_base",
)


def _active(request, order=None, offset=0, name="", size=50):
    """The roster's rows with the roster's query (its sort keys and its latest-paid month)."""
    rows = _relations(request).annotate(last_paid=_latest_paid())
    if name:
        rows = rows.alias(key=Lower("person__name")).filter(key__contains=name)
    # The roster's own sort keys: none that an index of the province's persons serves.
    rows = rows.order_by(order if order is not None else PERSON_CODE, PERSON_CODE)
    return rows, ACTIVE_FIELDS, slice(offset, offset + size)


def _persons(request):
    rows = Person.objects.filter(current_unit=request.user.unit).order_by("personal_code")
    return rows, ("personal_code", "name", "sex", "id_number"), slice(0, 50)


CASE_FIELDS = (
    "id",
    "business_code",
    "status",
    "subject_name",
    "subject_id_number",
    "person__name",
    "person__id_number",
    "submitted_at",
)


def _cases(request):
    """办理中: the cases with their person and their latest event, as the page shows them."""
    latest = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("-at", "-id")
    rows = (
        Application.objects.filter(
            unit=request.user.unit, status__in=["draft", "submitted", "rejected"]
        )
        .annotate(
            action=Subquery(latest.values("action")[:1]), note=Subquery(latest.values("note")[:1])
        )
        .order_by("-created_at")
    )
    return rows, (*CASE_FIELDS, "action", "note"), slice(0, 20)


def _queue(request):
    rows = Application.objects.filter(
        status="submitted", unit__county=request.user.county
    ).order_by("submitted_at")
    return rows, (*CASE_FIELDS, "unit__name", "unit__code"), slice(0, 20)


def _units(request):
    keyword = request.GET.get("q", "")
    rows = (
        Unit.objects.filter(county=request.user.county)
        .filter(Q(name__icontains=keyword) | Q(code__icontains=keyword))
        .order_by("code")
    )
    return rows, ("code", "name", "credit_code", "agent__name"), slice(0, 20)


FLOORS = {
    "active": _active,
    "active-deep": lambda request: _active(request, offset=99 * 50),
    "active-name": lambda request: _active(request, order=PERSON_NAME.asc()),
    "active-last-paid": lambda request: _active(request, order=F("last_paid").desc()),
    "active-wang": lambda request: _active(request, name="王"),
    "persons": _persons,
    "cases": _cases,
    "units": _units,
}


def _with_open_cases(business: str):
    """A person list whose action depends on the person's case of `business` under way: the
    page's rows, then those cases (the pages look them up in the same way)."""

    def rows_and_cases(request):
        rows, fields, page = _active(request, size=20 if business == "pension_claim" else 50)
        shown = list(rows.values("person_id", *fields)[page])
        cases = Application.objects.filter(
            unit=request.user.unit,
            business_code=business,
            status__in=["draft", "submitted", "rejected"],
            person_id__in=[row["person_id"] for row in shown],
        ).values("person_id", "id", "status")
        return shown, list(cases), rows.count()

    return rows_and_cases


WITH_CASES = {
    "claimable": _with_open_cases("pension_claim"),  # 养老金申领: 20 a page
    "reducible": _with_open_cases("staff_reduction"),  # 在职人员减少
}


def floor(request, name):
    if name in WITH_CASES:
        shown, cases, total = WITH_CASES[name](request)
        return HttpResponse(ROWS.render({"rows": shown + cases, "total": total}))
    rows, fields, page = FLOORS[name](request)
    context = {"rows": list(rows.values(*fields)[page]), "total": rows.count()}
    return HttpResponse(ROWS.render(context))


def queue_floor(request):
    """待审核: the county's submitted cases, oldest first, each with its 承诺时限 as the page
    works it out: the businesses' time limits and the calendar from the oldest case on."""
    from progress.deadlines import calendar_from
    from progress.models import ServiceGuide

    rows, fields, page = _queue(request)
    shown = list(rows.values(*fields)[page])
    if shown:
        codes = {row["business_code"] for row in shown}
        limits = dict(
            ServiceGuide.objects.filter(business_code__in=codes).values_list(
                "business_code", "time_limit_days"
            )
        )
        days = [timezone.localdate(row["submitted_at"]) for row in shown]
        calendar, today = calendar_from(min(days)), timezone.localdate()
        for row, day in zip(shown, days, strict=True):
            if row["business_code"] in limits:
                row["due"] = due = calendar.add_working_days(day, limits[row["business_code"]])
                row["left"] = calendar.working_days_left(today, due)
    return HttpResponse(ROWS.render({"rows": shown, "total": rows.count()}))


def monthly_floor(request):
    """缴费核定: the unit's last twelve months grouped, as the page shows them."""
    last = YearMonth.current()
    rows = (
        Contribution.objects.filter(unit=request.user.unit, month__gte=last - 11, month__lte=last)
        .values("month")
        .annotate(
            persons=Count("person_id", distinct=True),
            base=Sum("base"),
            unit_due=Sum("unit_amount"),
            personal_due=Sum("personal_amount"),
            unit_paid=Sum("unit_amount", filter=Q(status="paid")),
            personal_paid=Sum("personal_amount", filter=Q(status="paid")),
        )
        .order_by("-month")
    )
    return HttpResponse(ROWS.render({"rows": list(rows), "total": ""}))


def declaration_floor(request, pk):
    """缴费基数申报, page 1 of 5,000: the page's rows and each row's base and amounts, and the
    unit's totals over every row, computed with the rules directly."""
    from contributions import rules

    application = Application.objects.get(pk=pk, unit=request.user.unit)
    average = ProvincialAverageWage.objects.get(year=application.data["year"] - 1).monthly_amount
    rows = CaseRow.objects.filter(application=application).order_by("line")
    shown = list(rows.values("line", "name", "data")[:50])
    total = 0
    for line in rows.values_list("line", flat=True):
        wage = application.data.get(f"wage_{line}")
        if wage:  # the base and its four monthly amounts, as the page sums them
            base = rules.applied_base(Decimal(wage), average).base
            total += sum(rules.amount(base, percent) for percent in (16, 8, 8, 4))
    for row in shown:
        row["base"] = row["data"]["last_base"]
    return HttpResponse(ROWS.render({"rows": shown, "total": total}))


def history_floor(request, pk):
    """缴费信息: the unit's case, its person's months (paid, due) and deemed periods, a row of
    12 per year."""
    person = Application.objects.select_related("person").get(pk=pk, unit=request.user.unit).person
    months = Contribution.objects.filter(person=person).order_by()
    months = dict(months.values_list("month", "status"))
    deemed = DeemedPeriod.objects.filter(person=person).order_by()
    deemed = list(deemed.values("start_month", "end_month"))
    years = {}
    for month, status in months.items():
        years.setdefault(month.year, [""] * 12)[month.month - 1] = status
    rows = [{"year": year, "cells": " ".join(cells)} for year, cells in sorted(years.items())]
    return HttpResponse(ROWS.render({"rows": rows, "total": len(deemed)}))


def _certificate(request, code):
    unit = request.user.unit
    person = Person.objects.get(personal_code=code, current_unit=unit)
    content = certificates.person_certificate_content(
        unit=unit, person=person, today=timezone.localdate()
    )
    return person, content


def certificate_render_floor(request, code):
    """A first print's floor: the same content rendered by WeasyPrint, nothing recorded."""
    _person, content = _certificate(request, code)
    draft = Certificate(code="ABCD-EFGH-JKLM-NPQR", valid_until=timezone.localdate())
    html = certificates.render_html(content=content, certificate=draft, verify_url="https://x/")
    return HttpResponse(certificates.render_to_pdf(html), content_type="application/pdf")


def certificate_stored_floor(request, code):
    """A reprint's floor: the same content, its certificate, the stored file."""
    person, content = _certificate(request, code)
    stored = Certificate.objects.get(
        person=person, content_hash=certificates.content_hash(content)
    ).pdf_name
    with default_storage.open(stored, "rb") as pdf:
        return HttpResponse(pdf.read(), content_type="application/pdf")


def home_floor(request):
    """Home shows the tiles and, in the header, the agent's unit."""
    return HttpResponse(ROWS.render({"rows": [], "total": request.user.unit.name}))


def unit_certificate_floor(request):
    """单位参保证明's preview: what the certificate states, read as the page reads it."""
    content = certificates.unit_certificate_content(
        unit=request.user.unit, today=timezone.localdate()
    )
    return HttpResponse(ROWS.render({"rows": [content], "total": 1}))


def _width(value) -> int:
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in value)


def _floor_sheet(workbook, widths):
    """The export's sheet set up as the portal's is: widths, the frozen header, printing."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet()
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def export_floor(request):
    """openpyxl alone writing the same 5,000 rows (write-only workbook) in the same form as the
    portal's export: two merged title rows, a styled header, widths measured on the first
    rows, codes marked text, money with two decimals, an autofilter."""
    import re
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

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
    number_like = re.compile(r"[0-9][0-9*Xx]*").fullmatch
    values = (  # the same nine columns as the portal's
        [float(value) if isinstance(value, Decimal) else str(value) for value in row]
        for row in rows.iterator(chunk_size=500)
    )
    first = list(itertools.islice(values, 100))
    widths = [
        min(max(max((_width(row[index]) for row in first), default=0) + 2, 8), 40)
        for index in range(9)
    ]
    workbook = Workbook(write_only=True)
    sheet = _floor_sheet(workbook, widths)
    wrapped = Alignment(wrap_text=True, vertical="center")
    for row_number, text in ((1, request.user.unit.name), (2, timezone.localtime().isoformat())):
        cell = WriteOnlyCell(sheet, text)
        cell.font, cell.alignment = Font(bold=row_number == 1, size=14), wrapped
        sheet.row_dimensions[row_number].height = 20
        sheet.merged_cells.add(f"A{row_number}:I{row_number}")
        sheet.append([cell])
    header = []
    for index in range(9):
        cell = WriteOnlyCell(sheet, f"列{index}")
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", start_color="DDE6F0")
        cell.border = Border(bottom=Side(style="thin", color="999999"))
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    text_cells, money_cells = [WriteOnlyCell(sheet) for _ in range(9)], []
    for cell in text_cells:
        cell.number_format = "@"
        money_cells.append(WriteOnlyCell(sheet))
        money_cells[-1].number_format = "#,##0.00"
    count = 0
    for count, row in enumerate(itertools.chain(first, values), 1):  # noqa: B007
        cells = []
        for value, text_cell, money_cell in zip(row, text_cells, money_cells, strict=True):
            if isinstance(value, float):
                money_cell.value, value = value, money_cell
            elif number_like(value):
                text_cell.value, value = value, text_cell
            cells.append(value)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A3:I{count + 3}"
    output = io.BytesIO()
    workbook.save(output)
    return HttpResponse(output.getvalue(), content_type="application/octet-stream")


@login_not_required
def trivial(request):
    """The least a request can cost here: the middleware and a fixed answer."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench-floor/export/", export_floor),
    path("bench-floor/home/", home_floor),
    path("bench-floor/unit-certificate/", unit_certificate_floor),
    path("bench-floor/history/<int:pk>/", history_floor),
    path("bench-floor/monthly/", monthly_floor),
    path("bench-floor/declaration/<int:pk>/", declaration_floor),
    path("bench-floor/queue/", queue_floor),
    path("bench-floor/certificate-render/<str:code>/", certificate_render_floor),
    path("bench-floor/certificate-stored/<str:code>/", certificate_stored_floor),
    path("bench-floor/trivial/", trivial),
    path("bench-floor/<slug:name>/", floor),
    path("", include("portal.urls")),
]
