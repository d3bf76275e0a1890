"""在职人员减少's list of the unit's active persons, each with 减员 or 继续填写."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.masking import mask_id_number
from portal.tables import Column, escape, link, url_for
from roster.models import Person
from roster.tables import labels


def reducible_columns(*, open_cases: dict, csrf_token: str) -> list[Column]:
    """`open_cases`: the reductions under way of the page's persons, by person id."""
    sexes = labels(Person.Sex.choices)
    resume_url, start_url = url_for("progress:resume"), url_for("enrollment:reduce_start")
    carry_on, reduce = _("Continue"), _("Reduce")
    token = escape(csrf_token)

    def action(row) -> str:
        case = open_cases.get(row.person_id)
        if case is not None:
            return link(resume_url(case.pk), carry_on)
        return (
            f'<form method="post" action="{escape(start_url(row.person.personal_code))}" '
            f'class="inline-form"><input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{token}"><button type="submit" class="link-button">{escape(reduce)}'
            "</button></form>"
        )

    return [
        Column(_("Personal code"), lambda r: r.person.personal_code),
        Column(_("Name"), lambda r: r.person.name),
        Column(_("Sex"), lambda r: sexes.get(r.person.sex, "")),
        Column(_("ID number"), lambda r: mask_id_number(r.person.id_number)),
        Column(_("Insured from"), lambda r: r.start_month),
        Column(_("Last paid month"), lambda r: r.last_paid_month),
        Column(_("Action"), html=action),
    ]
