"""The list pages' tables, built in Python from a list of columns.

One list of columns gives a page its table — the header with its sort links, a row per record —
and, for the rosters, its Excel export. A Django template spent ~110 µs on each nine-cell row
(5.7 ms of a 50-row roster page, more than all of the page's queries); the same HTML built here
costs a tenth of that. Every value is escaped. A cell that is markup (a link, a button) comes
from `Column.html`, which returns a SafeString (`link`, `post_button`); anything else it
returns is escaped like a value.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape as _escape
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

EMPTY = "—"
_MARKER = "918273645546372819"  # digits, so that an <int:…> converter takes it


def escape(value: Any) -> str:
    """Django's `escape` without its check for lazy arguments, a third of a cell's cost."""
    return _escape(str(value))


def link(url: str, label: Any) -> SafeString:
    return mark_safe(f'<a href="{escape(url)}">{escape(label)}</a>')  # noqa: S308 (escaped)


def post_button(label: Any, csrf_token: str, *, action: str = "", **fields) -> SafeString:
    """A button that POSTs `fields` (to `action`, or to the page itself), CSRF token included."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in {"csrfmiddlewaretoken": csrf_token, **fields}.items()
    )
    target = f' action="{escape(action)}"' if action else ""
    return mark_safe(  # noqa: S308 (every part escaped)
        f'<form method="post"{target} class="inline-form">{hidden}'
        f'<button type="submit" class="link-button">{escape(label)}</button></form>'
    )


def labels(choices) -> dict[str, str]:
    """A field's choice labels translated once per page, not once per row."""
    return {value: str(label) for value, label in choices}


def url_for(name: str) -> Callable[[Any], str]:
    """`reverse(name, args=[key])` for a page of keys at the cost of one `reverse`."""
    head, tail = reverse(name, args=[_MARKER]).split(_MARKER)
    return lambda key: head + quote(str(key), safe="!$&'()*+,;=/~:@") + tail


CENT = Decimal("0.01")


def text(value: Any, empty: str = EMPTY) -> str:
    """A cell's value as the portal writes it: dates as YYYY-MM-DD, times to the minute in
    local time, money with two decimals rounded half up (as `floatformat`), nothing as
    `empty`."""
    if value is None or value == "":
        return empty
    if isinstance(value, Decimal):
        return str(value.quantize(CENT, ROUND_HALF_UP))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def spreadsheet_value(value: Any) -> Any:
    """A cell's value for Excel: numbers stay numbers, the rest is text as on the page."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float | str):
        return value
    return text(value)


@dataclass(frozen=True)
class Column:
    label: Any  # a (lazy) translation
    value: Callable[[Any], Any] = lambda row: None  # an action column has none
    sort: str = ""  # the `sort` key of the query string, if the column sorts
    numeric: bool = False  # right-aligned
    html: Callable[[Any], str] | None = None  # a cell that is markup: returns a SafeString
    css: Callable[[Any], str] | None = None  # a class for the row's cell
    row_header: bool = False  # the row's <th scope="row">
    empty: str = EMPTY  # what an empty value shows

    @property
    def exported(self) -> bool:
        """Markup (links, buttons) stays out of the Excel file."""
        return self.html is None


def _sort_link(column: Column, sort: str, sort_query: str) -> str:
    title = escape(_("Sort"))  # not inside the f-string: makemessages would not see it
    prefix = f"?{escape(sort_query)}&amp;" if sort_query else "?"
    if sort == column.sort:
        href, state, arrow = f"{prefix}sort=-{column.sort}", " sorted-asc", " ▲"
    elif sort == "-" + column.sort:
        href, state, arrow = f"{prefix}sort={column.sort}", " sorted-desc", " ▼"
    else:
        href, state, arrow = f"{prefix}sort={column.sort}", "", ""
    return (
        f'<a href="{href}" class="sort-link{state}" title="{title}">'
        f"{escape(column.label)}{arrow}</a>"
    )


class Table:
    """`{{ table }}` in a template writes the whole <table>."""

    def __init__(
        self,
        columns: list[Column],
        rows: Iterable,
        *,
        caption: str,
        empty: str,
        sort: str = "",
        sort_query: str = "",
        row_attributes: Callable[[Any], str] | None = None,  # safe HTML, e.g. ' class="x"'
        css_class: str = "data-table",
        attributes: str = "",  # the table's own further attributes (safe HTML)
    ):
        self.columns, self.rows = columns, rows
        self.caption, self.empty = caption, empty
        self.sort, self.sort_query = sort, sort_query
        self.row_attributes, self.css_class = row_attributes, css_class
        self.attributes = attributes

    def _head(self) -> str:
        cells = []
        for column in self.columns:
            number = ' class="number"' if column.numeric else ""
            label = (
                _sort_link(column, self.sort, self.sort_query)
                if column.sort
                else escape(column.label)
            )
            cells.append(f'<th scope="col"{number}>{label}</th>')
        return "<thead><tr>" + "".join(cells) + "</tr></thead>"

    def _cell(self, column: Column, row) -> str:
        classes = "number" if column.numeric else ""
        if column.css is not None and (extra := column.css(row)):
            classes = f"{classes} {escape(extra)}".strip()
        if column.html is not None:
            content = conditional_escape(column.html(row))
        else:
            content = escape(text(column.value(row), column.empty))
        tag, end = ('th scope="row"', "th") if column.row_header else ("td", "td")
        if classes:
            return f'<{tag} class="{classes}">{content}</{end}>'
        return f"<{tag}>{content}</{end}>"

    def _body(self) -> str:
        lines = []
        for row in self.rows:
            attributes = self.row_attributes(row) if self.row_attributes else ""
            cells = "".join(self._cell(column, row) for column in self.columns)
            lines.append(f"<tr{attributes}>{cells}</tr>")
        if not lines:
            span = len(self.columns)
            lines.append(f'<tr><td colspan="{span}" class="empty">{escape(self.empty)}</td></tr>')
        return "<tbody>\n" + "\n".join(lines) + "\n</tbody>"

    def __html__(self) -> SafeString:
        return mark_safe(  # noqa: S308 (every value above is escaped or built by format_html)
            f'<table class="{self.css_class}"{self.attributes}>\n'
            f'<caption class="visually-hidden">{escape(self.caption)}</caption>\n'
            f"{self._head()}\n{self._body()}\n</table>"
        )

    __str__ = __html__
