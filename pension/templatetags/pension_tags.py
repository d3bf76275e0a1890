from django import template

from pension import forms as claim_forms
from pension import services

register = template.Library()


@register.simple_tag
def claim_summary(application):
    """The claim read back with its computed totals and rule checks (case and review pages)."""
    return claim_forms.claim_summary(application.data, services.context_for(application))
