"""The unit search's results (R-2.1, R-2.4): a double-click or 选择 opens the unit."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.tables import Column, Table, escape, labels, link, url_for
from roster.models import Unit


def unit_results(page, *, target: str) -> Table:
    """`target`: the URL name that a chosen unit's code leads to."""
    types = labels(Unit.Type.choices)
    opened, not_opened, select = _("Opened"), _("Not opened"), _("Select")
    hint = _("Double-click to select")
    unit_url = url_for(target)
    urls = {unit.pk: unit_url(unit.code) for unit in page}
    columns = [
        Column(_("Unit code"), lambda unit: unit.code),
        Column(_("Unit name"), lambda unit: unit.name),
        Column(_("Unit type"), lambda unit: types.get(unit.unit_type, "")),
        Column(
            _("Online service"),
            lambda unit: opened if hasattr(unit, "agent") else not_opened,
        ),
        Column(
            _("Action"),
            html=lambda unit: link(urls[unit.pk], select),
        ),
    ]
    return Table(
        columns,
        page,
        caption=_("Units found"),
        empty=_("No unit of your county matches."),
        attributes=" data-row-select",
        row_attributes=lambda unit: f' data-href="{escape(urls[unit.pk])}" title="{escape(hint)}"',
    )
