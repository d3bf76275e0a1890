from django import template

from contributions import selectors
from portal.tables import text

register = template.Library()


@register.filter
def month_totals(rows) -> dict:
    return selectors.totals(rows)


@register.filter
def money(value) -> str:
    """Money as the tables write it (two decimals, half up)."""
    return text(value)


@register.filter
def wage_field(form, line):
    """The bound field of a row's wage."""
    from contributions.services import wage_key

    return form[wage_key(line)]
