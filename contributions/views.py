"""缴费核定 (R-13.3) and 缴费明细 (R-13.4): the unit's months and a person's months, by month
range, with their Excel export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from contributions import declaration_files, documents, selectors, services, tables
from contributions.forms import MonthRangeForm
from portal.http import agent_unit, pdf_response, query_without, workbook_response
from portal.tables import Table
from progress import selectors as case_selectors
from progress.models import Application
from roster import certificates, exports
from roster import selectors as roster_selectors


def _range_page(request, *, rows_of, columns, title, template, empty, filename, **context):
    """A page of months in the asked range, or its export (not made while the range is in
    error: the page says what to correct). The rows are listed whole: a range has one row a
    month at most."""
    unit = agent_unit(request)
    form = MonthRangeForm(request.GET)
    months = form.months()
    rows = rows_of(unit, *months) if months else []
    if request.GET.get("export") == "xlsx" and months:
        return exports.xlsx_response(
            rows=rows,
            columns=columns(),
            title=title,
            unit=unit,
            filters=exports.filter_words(form),
            filename=f"{filename}-{unit.code}-{timezone.localdate():%Y%m%d}.xlsx",
        )
    rows = list(rows)
    table = Table(columns(), rows, caption=title, empty=empty, css_class="data-table money-table")
    return render(
        request,
        template,
        {
            "form": form,
            "table": table,
            "rows": rows,
            "months": months,
            "query": query_without(request, "export"),
            **context,
        },
    )


@require_safe
def monthly(request):
    """缴费核定: per month, persons, bases, 应缴 / 实缴 / 欠缴, the range's totals."""
    return _range_page(
        request,
        rows_of=lambda unit, first, last: selectors.unit_months(unit=unit, first=first, last=last),
        columns=tables.month_columns,
        title=_("Monthly contributions"),
        template="contributions/monthly.html",
        empty=_("No contributions in these months."),
        filename=_("Monthly contributions"),
    )


@require_safe
def person_detail(request, personal_code):
    """缴费明细 of one of the unit's persons."""
    person = roster_selectors.person_of_unit(unit=agent_unit(request), personal_code=personal_code)
    return _range_page(
        request,
        rows_of=lambda unit, first, last: selectors.person_months(
            unit=unit, person=person, first=first, last=last
        ),
        columns=tables.person_month_columns,
        title=_("Contribution details of %(name)s") % {"name": person.name},
        template="contributions/person.html",
        empty=_("No contributions in these months."),
        filename=_("Contribution details") + f"-{person.personal_code}",
        person=person,
    )


@require_http_methods(["GET", "POST"])
def declaration(request):
    """缴费基数申报: the open year, the unit's declaration of it, and 开始申报."""
    unit = agent_unit(request)
    year = services.open_year()
    error = None
    if request.method == "POST":
        try:
            application = services.declaration_start(unit=unit, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            return redirect(case_selectors.resume_url(application))
    current = services.declaration_of(unit=unit, year=year.year) if year else None
    return render(
        request,
        "contributions/declaration_start.html",
        {"year": year, "current": current, "error": error},
        status=400 if error else 200,
    )


def _declaration(request, pk):
    application = case_selectors.case_for_unit(unit=agent_unit(request), pk=pk)
    if application.business_code != services.BASE_DECLARATION:
        raise Http404
    return application


@require_safe
def declaration_workbook(request, pk):
    """The declaration's persons as a workbook to complete."""
    application = _declaration(request, pk)
    name = _("Contribution wages") + f"-{application.unit.code}-{application.data['year']}.xlsx"
    return workbook_response(declaration_files.workbook(application), name)


@require_safe
def declaration_errors(request, pk):
    content = declaration_files.error_copy(_declaration(request, pk))
    if content is None:
        raise Http404
    return workbook_response(content, _("Contribution wages") + "（错误说明）.xlsx")


@require_safe
def declaration_notice(request, pk):
    """缴费基数核定单 of an approved declaration (PDF)."""
    application = _declaration(request, pk)
    if application.status != Application.Status.APPROVED:
        raise Http404
    pdf = documents.document_pdf(
        unit=application.unit,
        content=documents.bases_content(application),
        by=request.user,
        verify_url=lambda issued: certificates.verify_url(request, issued),
    )
    name = _("Contribution base notice") + f"-{application.unit.code}-{application.data['year']}"
    return pdf_response(pdf, f"{name}.pdf")


@require_safe
def monthly_notice(request):
    """单位缴费核定单 of the month asked (PDF; this month by default)."""
    unit = agent_unit(request)
    form = MonthRangeForm(request.GET)
    months = form.months()
    if months is None:
        raise Http404
    month = months[1]
    content = documents.monthly_content(unit=unit, month=month, today=timezone.localdate())
    pdf = documents.document_pdf(
        unit=unit,
        content=content,
        by=request.user,
        verify_url=lambda issued: certificates.verify_url(request, issued),
    )
    return pdf_response(pdf, _("Monthly contribution notice") + f"-{unit.code}-{month}.pdf")
