"""① 选择人员's table: the unit's active persons, each with the action its claim allows."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.masking import mask_id_number
from portal.tables import Column
from roster.models import Person
from roster.tables import labels


def claimable_columns(*, claims: dict, csrf_token: str) -> list[Column]:
    """`claims`: the open claims of the page's persons, by person id."""
    sexes = labels(Person.Sex.choices)
    words = {
        "view": _("View progress"),
        "modify": _("Modify"),
        "continue": _("Continue"),
        "claim": _("Claim"),
    }

    def action(row) -> str:
        claim = claims.get(row.person_id)
        if claim is None:
            return format_html(
                '<form method="post" class="inline-form">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="personal_code" value="{}">'
                '<button type="submit" class="link-button">{}</button></form>',
                csrf_token,
                row.person.personal_code,
                words["claim"],
            )
        if claim.status == "submitted":
            url, word = reverse("progress:detail", args=[claim.pk]), words["view"]
        else:
            url = reverse("progress:resume", args=[claim.pk])
            word = words["modify"] if claim.status == "rejected" else words["continue"]
        return format_html('<a href="{}">{}</a>', url, word)

    return [
        Column(_("Personal code"), lambda r: r.person.personal_code),
        Column(_("Name"), lambda r: r.person.name),
        Column(_("Sex"), lambda r: sexes.get(r.person.sex, "")),
        Column(_("ID number"), lambda r: mask_id_number(r.person.id_number)),
        Column(_("Date of birth"), lambda r: r.person.birth_date),
        Column(_("Date started work"), lambda r: r.person.work_start_date),
        Column(_("Last paid month"), lambda r: r.last_paid_month),
        Column(_("Action"), html=action),
    ]
