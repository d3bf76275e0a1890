from django import template

from portal.masking import mask_id_number

register = template.Library()


@register.filter
def mask_id(value: str) -> str:
    return mask_id_number(value or "")
