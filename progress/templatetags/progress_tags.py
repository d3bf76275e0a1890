from django import template
from django.template.defaultfilters import filesizeformat

from progress import selectors, tables

register = template.Library()


@register.filter
def file_size(value) -> str:
    return filesizeformat(value)


@register.simple_tag
def case_edit_url(case) -> str:
    """Where 继续填写 / 修改 lead: the step where the case was last saved."""
    return selectors.resume_url(case)


@register.filter
def case_person(case) -> str:
    return tables.case_person(case)
