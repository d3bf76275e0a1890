"""The columns of 缴费核定 and 缴费明细: one list per page, for its table and its Excel export."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.tables import Column, labels, link
from roster.models import Contribution


def _arrears(row) -> str:
    return "cell-arrears" if row.outstanding > 0 else ""


def month_columns() -> list[Column]:
    """缴费核定 (R-13.3): per month, persons, bases, 应缴 / 实缴 / 欠缴, its 核定单."""
    notice = _("PDF")
    return [
        Column(_("Year and month"), lambda r: str(r.month), row_header=True),
        Column(_("Persons"), lambda r: r.persons, numeric=True),
        Column(_("Total base"), lambda r: r.base, numeric=True),
        Column(_("Unit due"), lambda r: r.unit_due, numeric=True),
        Column(_("Personal due"), lambda r: r.personal_due, numeric=True),
        Column(_("Total due"), lambda r: r.due, numeric=True),
        Column(_("Paid"), lambda r: r.paid, numeric=True),
        Column(_("Outstanding"), lambda r: r.outstanding, numeric=True, css=_arrears),
        Column(_("Notice"), html=lambda r: link(_notice_url(r.month), notice)),
    ]


def _notice_url(month) -> str:
    return f"{reverse('contributions:monthly_notice')}?last_0={month.year}&last_1={month.month}"


def person_month_columns() -> list[Column]:
    """缴费明细 (R-13.4): per month, base, amounts and whether paid."""
    statuses = labels(Contribution.Status.choices)
    return [
        Column(_("Year and month"), lambda r: str(r.month), row_header=True),
        Column(_("Contribution base"), lambda r: r.base, numeric=True),
        Column(_("Unit contribution"), lambda r: r.unit_amount, numeric=True),
        Column(_("Personal contribution"), lambda r: r.personal_amount, numeric=True),
        Column(_("Status"), lambda r: statuses.get(r.status, "")),
    ]
