from django import template

from enrollment.forms import REASON_CHOICES

register = template.Library()


@register.filter
def reason_label(code: str) -> str:
    return str(dict(REASON_CHOICES).get(code, code or "—"))
