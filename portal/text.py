"""Plain text as the portal accepts it from a user: no control characters (C0, C1) and no
bidirectional overrides or isolates. A manual line break copied from Word (\\x0b) in a name once
broke the unit's Excel export for good; U+202E makes a text read backwards."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = _(
    "This text contains invisible control characters (often copied from Word); type it again."
)
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_IN_ONE_LINE = re.compile(f"[{_CONTROLS}\t\n\r]")
_IN_A_TEXT = re.compile(f"[{_CONTROLS}]")  # a multi-line text keeps its line breaks and tabs


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    return bool((_IN_A_TEXT if multiline else _IN_ONE_LINE).search(value or ""))


class TextField(forms.CharField):
    """A text field that refuses control characters (a Textarea may hold line breaks)."""

    def validate(self, value):
        super().validate(value)
        multiline = isinstance(self.widget, forms.Textarea)
        if has_control_characters(value, multiline=multiline):
            raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


# Full-width digits and Latin letters (what a Chinese input method types: ３６０１…) and their
# ASCII forms.
_FULL_WIDTH = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)


class SearchField(TextField):
    """A search term that may be a code (个人代码, 单位代码, an ID number): typed in full-width
    digits or letters it is searched in ASCII, as it is stored. A term that is not only digits
    and letters (a name, a unit's name with its （）) is searched as typed."""

    def to_python(self, value):
        value = super().to_python(value)
        ascii_form = value.translate(_FULL_WIDTH)
        return ascii_form if ascii_form.isascii() and ascii_form.isalnum() else value
