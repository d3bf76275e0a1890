"""在职人员减少's list of the unit's active persons, each with 减员 or 继续填写."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.tables import Column, link, post_button, url_for
from roster.tables import person_columns


def reducible_columns(*, open_cases: dict, csrf_token: str) -> list[Column]:
    """`open_cases`: the reductions under way of the page's persons, by person id."""
    resume_url, start_url = url_for("progress:resume"), url_for("enrollment:reduce_start")
    carry_on, reduce = _("Continue"), _("Reduce")

    def action(row) -> str:
        case = open_cases.get(row.person_id)
        if case is not None:
            return link(resume_url(case.pk), carry_on)
        return post_button(reduce, csrf_token, action=start_url(row.person.personal_code))

    return [
        *person_columns(),
        Column(_("Insured from"), lambda r: r.start_month),
        Column(_("Last paid month"), lambda r: r.last_paid_month),
        Column(_("Action"), html=action),
    ]
