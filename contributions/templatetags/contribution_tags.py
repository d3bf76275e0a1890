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
def wage_cells(priced, form=None) -> list[dict]:
    """The declaration table's rows as the cells it writes, worked out here once rather than
    looked up field by field in the template (a page of 50 persons × ten cells). With the
    page's form, each row's field: its name, what was typed and its errors."""
    from contributions.services import wage_key

    errors = form.errors if form is not None and form.is_bound else {}
    typed = (form.data if form.is_bound else form.initial) if form is not None else {}
    cells = []
    for row, price in priced:
        key = wage_key(row.line)
        annuity = price is not None and row.data.get("annuity")
        cells.append(
            {
                "line": row.line,
                "code": row.data.get("personal_code", ""),
                "name": row.name,
                "last_base": row.data.get("last_base", ""),
                "key": key,
                "label": form.fields[key].label if form is not None else "",
                "typed": "" if typed.get(key) is None else typed[key],
                "errors": errors.get(key, ()),
                "wage": text(price.wage if price else None, "—"),
                "base": text(price.applied.base if price else None, "—"),
                "clamp": price.applied.clamp if price else "",
                "unit": text(price.amounts.unit if price else None, "—"),
                "personal": text(price.amounts.personal if price else None, "—"),
                "annuity_unit": text(price.amounts.annuity_unit if annuity else None, "—"),
                "annuity_personal": text(price.amounts.annuity_personal if annuity else None, "—"),
            }
        )
    return cells
