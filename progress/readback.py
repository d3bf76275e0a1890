"""A case's data read back as it was typed (the case page and the review page): the fields of
a business's form, grouped as on the form, each with its label and the words its choice shows."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass(frozen=True)
class Section:
    """A titled group of (label, value) rows."""

    title: str
    rows: list[tuple[str, str]]

    @property
    def pairs(self) -> list[list[tuple[str, str]]]:
        """The rows two to a table row, as the claim's detail shows them."""
        return [self.rows[index : index + 2] for index in range(0, len(self.rows), 2)]


def shown(form_field: forms.Field, value) -> str:
    """A kept value in the words its field shows: a choice's label, 是 / 否, a month."""
    if isinstance(form_field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if value in ("", None, [], ["", ""]):
        return EMPTY
    if isinstance(value, list):  # a half-chosen year and month, kept as typed
        return "-".join(str(part) for part in value if part) or EMPTY
    if isinstance(form_field, forms.ChoiceField):
        choices = {str(key): label for key, label in _flat(form_field.choices)}
        return str(choices.get(str(value), value))
    return str(value)


def _flat(choices):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield key, label


def section(title, form: forms.Form, data: dict, names) -> Section:
    """The fields `names` of `form` that it has, with their values in `data`."""
    fields = form.fields
    return Section(
        str(title),
        [
            (str(fields[name].label), shown(fields[name], data.get(name)))
            for name in names
            if name in fields
        ],
    )
