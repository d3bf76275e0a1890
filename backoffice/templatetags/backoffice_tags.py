from django import template
from django.utils.translation import gettext_lazy as _

from portal.masking import mask_id_number

register = template.Library()

FIELD_LABELS = {
    "name": _("Agent name"),
    "id_number": _("Agent ID number"),
    "email": _("Agent e-mail"),
    "phone": _("Agent mobile phone"),
}


@register.filter
def audit_changes(event):
    """The before → after pairs of an audit event, ID numbers masked (lists show no full IDs)."""
    detail = event.detail or {}
    before, after = detail.get("before") or {}, detail.get("after") or {}
    fields = detail.get("changed") or (list(after) if not before else [])
    rows = []
    for field in fields:
        old, new = before.get(field, ""), after.get(field, "")
        if field == "id_number":
            old, new = mask_id_number(old), mask_id_number(new)
        rows.append(
            {"label": FIELD_LABELS.get(field, field), "before": old or "—", "after": new or "—"}
        )
    return rows
