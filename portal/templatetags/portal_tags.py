from django import template

from portal.masking import mask_id_number, mask_name

register = template.Library()


@register.filter
def mask_id(value: str) -> str:
    return mask_id_number(value or "")


@register.filter
def mask_person_name(value: str) -> str:
    return mask_name(value or "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
