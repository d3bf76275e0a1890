"""网办查询打印 (R-6): unit information, rosters with Excel export, certificates, verification."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.http import agent_unit, client_ip, matching, paginate, pdf_response, query_without
from portal.masking import mask_id_number, mask_name
from portal.ratelimit import allow
from portal.tables import Table
from roster import certificates, exports, selectors, services, tables
from roster.certificates import verify_url
from roster.forms import (
    ActiveRosterFilterForm,
    PersonSearchForm,
    RetiredRosterFilterForm,
    VerifyForm,
)
from roster.models import Certificate

PAGE_SIZE = 50


@require_safe
def unit_info(request):
    """单位基本信息查询 (R-6.1)."""
    unit = agent_unit(request)
    return render(
        request,
        "roster/unit.html",
        {
            "overview": selectors.unit_overview(unit),
            "agent": getattr(unit, "agent", None),
        },
    )


def _roster(request, *, form_class, select, columns, title, template, empty):
    """A roster page: filters in the query string, 50 a page, sortable, Excel export."""
    unit = agent_unit(request)
    form = form_class(request.GET)
    rows = matching(form, select(unit=unit, **form.filters()))
    # An export asked with a filter in error is not made: the page says what to correct.
    if request.GET.get("export") == "xlsx" and form.is_valid():
        return exports.xlsx_response(
            rows=rows.iterator(chunk_size=500),
            columns=columns(),
            title=title,
            unit=unit,
            filters=exports.filter_words(form),
            filename=f"{title}-{unit.code}-{timezone.localdate():%Y%m%d}.xlsx",
        )
    page = paginate(request, rows, PAGE_SIZE)[0]
    table = Table(
        columns(),
        page,
        caption=title,
        empty=empty,
        sort=request.GET.get("sort", ""),
        sort_query=query_without(request, "page", "export", "sort"),
        css_class="data-table roster-table",
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "table": table,
            "query": query_without(request, "page", "export"),
        },
    )


@require_safe
def active_roster(request):
    """在职花名册 (R-6.2)."""
    return _roster(
        request,
        form_class=ActiveRosterFilterForm,
        select=selectors.active_roster,
        columns=tables.active_columns,
        title=_("Active staff roster"),
        template="roster/active.html",
        empty=_("No staff match the filters."),
    )


@require_safe
def retired_roster(request):
    """退休花名册 (R-6.3)."""
    return _roster(
        request,
        form_class=RetiredRosterFilterForm,
        select=selectors.retired_roster,
        columns=tables.retired_columns,
        title=_("Retiree roster"),
        template="roster/retired.html",
        empty=_("No retirees match the filters."),
    )


def _unit_certificate(request):
    unit = agent_unit(request)
    content = certificates.unit_certificate_content(unit=unit, today=timezone.localdate())
    certificate = services.certificate_issue(
        unit=unit, person=None, content=content, by=request.user
    )
    return unit, content, certificate


@require_safe
def unit_certificate(request):
    """单位参保证明打印 (R-6.4): the preview; 打印 downloads the PDF."""
    _unit_obj, content, certificate = _unit_certificate(request)
    context = certificates.certificate_context(
        content=content,
        certificate=certificate,
        verify_url=verify_url(request, certificate),
    )
    return render(request, "roster/unit_certificate.html", context)


@require_safe
def unit_certificate_pdf(request):
    unit, content, certificate = _unit_certificate(request)
    pdf = services.certificate_pdf(
        certificate=certificate,
        content=content,
        verify_url=verify_url(request, certificate),
    )
    filename = f"{_('Unit insurance certificate')}-{unit.code}-{content['printed_on']}.pdf"
    return pdf_response(pdf, filename)


@require_safe
def person_certificates(request):
    """个人参保证明打印 (R-6.5): the unit's insured persons."""
    unit = agent_unit(request)
    form = PersonSearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    persons = matching(
        form, selectors.unit_persons(unit=unit, **{k: v for k, v in filters.items() if v})
    )
    page = paginate(request, persons, PAGE_SIZE)[0]
    table = Table(
        tables.certificate_person_columns(),
        page,
        caption=_("Insured persons"),
        empty=_("No insured person matches."),
        css_class="data-table roster-table",
    )
    return render(
        request,
        "roster/person_certificates.html",
        {"form": form, "page": page, "table": table, "query": query_without(request, "page")},
    )


def _person_certificate(request, personal_code):
    unit = agent_unit(request)
    person = selectors.person_of_unit(unit=unit, personal_code=personal_code)
    content = certificates.person_certificate_content(
        unit=unit, person=person, today=timezone.localdate()
    )
    certificate = services.certificate_issue(
        unit=unit, person=person, content=content, by=request.user
    )
    return person, content, certificate


@require_safe
def person_certificate(request, personal_code):
    _person, content, certificate = _person_certificate(request, personal_code)
    context = certificates.certificate_context(
        content=content,
        certificate=certificate,
        verify_url=verify_url(request, certificate),
    )
    return render(request, "roster/person_certificate.html", context)


@require_safe
def person_certificate_pdf(request, personal_code):
    person, content, certificate = _person_certificate(request, personal_code)
    pdf = services.certificate_pdf(
        certificate=certificate,
        content=content,
        verify_url=verify_url(request, certificate),
    )
    filename = (
        f"{_('Personal insurance certificate')}-{person.personal_code}-{content['printed_on']}.pdf"
    )
    return pdf_response(pdf, filename)


@login_not_required
@require_http_methods(["GET"])
def verify(request):
    """Public check of a certificate's 验证码 (no login), rate-limited per client address."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    certificate = None
    limited = False
    if form.is_bound and form.is_valid():
        if allow(
            f"verify:{client_ip(request)}", limit=settings.VERIFY_RATE_LIMIT, window_seconds=600
        ):
            certificate = (
                Certificate.objects.select_related("unit")
                .filter(code=form.cleaned_data["code"])
                .first()
            )
        else:
            limited = True
    return render(
        request,
        "roster/verify.html",
        {
            "form": form,
            "certificate": certificate,
            "limited": limited,
            "checked": form.is_bound and form.is_valid() and not limited,
            "masked_holder_id": mask_id_number(certificate.holder_id) if certificate else "",
            "masked_holder_name": mask_name(certificate.holder_name) if certificate else "",
            "today": timezone.localdate(),
        },
        status=429 if limited else 200,
    )
