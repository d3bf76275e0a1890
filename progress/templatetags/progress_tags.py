from django import template
from django.template.defaultfilters import filesizeformat

from progress import tables

register = template.Library()


@register.filter
def file_size(value) -> str:
    return filesizeformat(value)


@register.filter
def case_person(case) -> str:
    return tables.case_person(case)
