"""YearMonth: a calendar month (年月, shown as YYYY-MM), its model field and its form field.

Contributions, insurance starts and retirements are counted in whole months. The model field
stores the first day of the month in a DATE column, so the database orders and indexes it
naturally; Python code sees `YearMonth` values. The form field renders as a year select and a
month select, because IE11 has no `<input type=month>`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(r"^\s*(\d{4})-?(\d{1,2})\s*$")

INVALID_MONTH = _("Enter a month as YYYY-MM, for example 2024-05.")
INCOMPLETE_MONTH = _("Choose both the year and the month.")


@dataclass(frozen=True, order=True, slots=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise ValueError(f"not a month: {self.year}-{self.month}")

    @classmethod
    def parse(cls, value: str) -> YearMonth:
        """`"2024-05"` (or `"202405"`) -> YearMonth(2024, 5); ValueError otherwise."""
        match = _PATTERN.match(value or "")
        if not match:
            raise ValueError(f"not a month: {value!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def from_date(cls, value: datetime.date) -> YearMonth:
        return cls(value.year, value.month)

    @classmethod
    def current(cls) -> YearMonth:
        """This month in the portal's time zone (Asia/Shanghai)."""
        return cls.from_date(timezone.localdate())

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes are month counts."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def __add__(self, months: int) -> YearMonth:
        if not isinstance(months, int):
            return NotImplemented
        return YearMonth.from_index(self.index + months)

    def __sub__(self, other: YearMonth | int) -> YearMonth | int:
        """`month - 3` is three months earlier; `later - earlier` counts the months between."""
        if isinstance(other, YearMonth):
            return self.index - other.index
        if isinstance(other, int):
            return YearMonth.from_index(self.index - other)
        return NotImplemented

    def months_through(self, last: YearMonth) -> int:
        """Number of months from this month to `last`, both included (0 when `last` is earlier)."""
        return max(0, last.index - self.index + 1)

    def iter_through(self, last: YearMonth) -> Iterator[YearMonth]:
        """Every month from this one to `last`, both included."""
        for index in range(self.index, last.index + 1):
            yield YearMonth.from_index(index)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def to_year_month(value: object) -> YearMonth | None:
    """Accept what forms, fixtures and the database hand over: YearMonth, date, 'YYYY-MM'."""
    if value is None or value == "":
        return None
    if isinstance(value, YearMonth):
        return value
    if isinstance(value, datetime.date):
        return YearMonth.from_date(value)
    if isinstance(value, str):
        try:
            return YearMonth.parse(value)
        except ValueError:
            # 'YYYY-MM-DD' from a serialised date column
            try:
                return YearMonth.from_date(datetime.date.fromisoformat(value))
            except ValueError:
                pass
    raise ValidationError(INVALID_MONTH, code="invalid")


class YearMonthField(models.DateField):
    """A month stored as the first day of that month (DATE column); Python sees YearMonth."""

    description = _("Year and month")

    def from_db_value(self, value, expression, connection):
        return None if value is None else YearMonth.from_date(value)

    def to_python(self, value):
        return to_year_month(value)

    def get_prep_value(self, value):
        month = to_year_month(value)
        return None if month is None else month.first_day()

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def pre_save(self, model_instance, add):
        return getattr(model_instance, self.attname)

    def formfield(self, **kwargs):
        # The admin offers its calendar widget to every DateField; months get two selects.
        kwargs.pop("widget", None)
        return models.Field.formfield(self, form_class=YearMonthFormField, **kwargs)


@lru_cache(maxsize=64)
def _options(choices: tuple) -> tuple[tuple[str, str, str], ...]:
    """(value, start tag, rest) of each option, escaped once: a year select has 70-odd options,
    and rendering each through Django's option template cost ~8 ms per select."""
    return tuple(
        (str(value), f'<option value="{escape(value)}"', f">{escape(label)}</option>")
        for value, label in choices
    )


@lru_cache(maxsize=16)
def _year_month_choices(first_year: int, last_year: int, year: str, month: str) -> tuple:
    years = (("", year), *((str(y), str(y)) for y in range(last_year, first_year - 1, -1)))
    months = (("", month), *((str(m), f"{m:02d}") for m in range(1, 13)))
    return years, months


def _select_html(subwidget: dict, choices: tuple) -> str:
    """What django/forms/widgets/select.html renders for a single select, built in Python."""
    chosen = {str(value) for value in subwidget["value"] or ()}
    options = "".join(
        start + (" selected" if value in chosen else "") + rest
        for value, start, rest in _options(choices)
    )
    attrs = {"name": subwidget["name"], **subwidget["attrs"]}
    if not attrs.get("id"):
        attrs["aria-label"] = subwidget["label"]
    attrs = flatatt(attrs)
    return mark_safe(f"<select{attrs}>{options}</select>")  # noqa: S308 (escaped above)


def _label(subwidget: dict) -> str:
    """The select's hidden 年/月 label; without an ID to point at (a form with auto_id=False)
    the select is named by aria-label instead (see `_select_html`)."""
    if not subwidget["attrs"].get("id"):
        return ""
    return format_html(
        '<label class="visually-hidden" for="{}">{}</label>',
        subwidget["attrs"]["id"],
        subwidget["label"],
    )


class _Select(forms.Select):
    """A select whose options `_select_html` writes: Django's dictionary per option
    (`optgroups`, ~0.25 ms for a year select) is never built."""

    def get_context(self, name, value, attrs):
        return forms.Widget.get_context(self, name, value, attrs)


class YearMonthSelectWidget(forms.MultiWidget):
    """Two selects, year and month, each with its hidden label: works in IE11 and without
    JavaScript. Rendered in Python, not by a template, as a roster's filter has four."""

    def __init__(self, attrs=None, first_year: int = 1950, last_year: int | None = None):
        self.first_year = first_year
        self.last_year = last_year
        super().__init__((_Select(attrs=attrs), _Select(attrs=attrs)), attrs)

    def get_context(self, name, value, attrs):
        last_year = self.last_year or timezone.localdate().year + 5
        labels = (str(_("Year")), str(_("Month")))
        choices = _year_month_choices(self.first_year, last_year, *labels)
        context = super().get_context(name, value, attrs)
        for subwidget, options, label in zip(
            context["widget"]["subwidgets"], choices, labels, strict=True
        ):
            subwidget["label"] = label
            subwidget["html"] = _select_html(subwidget, options)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        year, month = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        return format_html(
            '<span class="year-month">{}{}<span class="year-month-sep" aria-hidden="true">-'
            "</span>{}{}</span>",
            _label(year),
            year["html"],
            _label(month),
            month["html"],
        )

    def id_for_label(self, id_):
        """The field's own <label> points at the year select, as Django's SelectDateWidget
        does at its first select (MultiWidget gives none: `<label for="">`)."""
        return f"{id_}_0" if id_ else ""

    def decompress(self, value):
        month = value if isinstance(value, YearMonth) else None
        if month is None and isinstance(value, str):
            try:
                month = YearMonth.parse(value)
            except ValueError:
                month = None
        return [str(month.year), str(month.month)] if month else ["", ""]

    def value_from_datadict(self, data, files, name):
        # A plain `name=YYYY-MM` (from a bookmark or an older link) is accepted too.
        if name in data:
            return data.get(name)
        year, month = super().value_from_datadict(data, files, name)
        if not year and not month:
            return ""
        return [year, month]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class YearMonthFormField(forms.Field):
    widget = YearMonthSelectWidget
    default_error_messages = {"invalid": INVALID_MONTH, "incomplete": INCOMPLETE_MONTH}

    def to_python(self, value):
        if value in (None, "", ["", ""]):
            return None
        if isinstance(value, (list, tuple)):
            year, month = value
            if not year or not month:
                raise ValidationError(self.error_messages["incomplete"], code="incomplete")
            try:
                result = YearMonth(int(year), int(month))
            except (TypeError, ValueError):
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            return self._in_range(result)
        try:
            result = to_year_month(value)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return self._in_range(result)

    def _in_range(self, month: YearMonth | None) -> YearMonth | None:
        """Months a person can have: 1900 to 2199 (and room for month arithmetic)."""
        if month is not None and not 1900 <= month.year <= 2199:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month

    def prepare_value(self, value):
        return value
