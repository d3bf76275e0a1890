"""缴费基数申报 in the county hall (R-13.2): each unit of the county with the status of its
declaration of the year, filtered, so the counter chases the ones still missing."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from backoffice.decorators import staff_required
from contributions import selectors
from portal.http import paginate

STATUSES = {
    selectors.NOT_DECLARED: pgettext_lazy("declaration", "Not declared"),  # 未申报
    selectors.SAVED: pgettext_lazy("declaration", "Saved, not submitted"),  # 已暂存
    selectors.SUBMITTED: pgettext_lazy("declaration", "Submitted"),  # 已提交
    selectors.APPROVED: pgettext_lazy("declaration", "Approved"),  # 已核定
}


@staff_required
@require_safe
def declaration_statuses(request):
    this_year = timezone.localdate().year
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() else this_year
    if not 2015 <= year <= this_year + 1:
        year = this_year
    status = request.GET.get("status", "")
    if status not in STATUSES:
        status = ""
    units = selectors.declaration_statuses(county=request.user.county, year=year, status=status)
    page, query = paginate(request, units, 50)
    for unit in page:
        unit.declaration = STATUSES[selectors.STATUS_OF_CASE.get(unit.case_status, "none")]
    return render(
        request,
        "backoffice/declarations.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "years": range(this_year + 1, 2014, -1),
            "status": status,
            "statuses": STATUSES.items(),
            "module": "declarations",
        },
    )
