"""在职人员减少's list of the unit's active persons, each with 减员 or its reduction under way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.tables import Column, post_button, url_for
from progress.tables import open_case_links
from roster.tables import person_columns


def reducible_columns(*, open_cases: dict, csrf_token: str) -> list[Column]:
    """`open_cases`: the reductions under way of the page's persons, by person id."""
    start_url, reduce, case_link = (
        url_for("enrollment:reduce_start"),
        _("Reduce"),
        open_case_links(),
    )

    def action(row) -> str:
        case = open_cases.get(row.person_id)
        if case is None:
            return post_button(reduce, csrf_token, action=start_url(row.person.personal_code))
        return case_link(case)

    return [
        *person_columns(),
        Column(_("Insured from"), lambda r: r.start_month),
        Column(_("Last paid month"), lambda r: r.last_paid_month),
        Column(_("Action"), html=action),
    ]
