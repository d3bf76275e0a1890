"""No control characters in what users type (C0/C1, bidirectional overrides): refused next to
the field in every text field of the portal's forms; a multi-line text keeps its line breaks."""

import importlib

import pytest
from django import forms

from portal.text import CONTROL_CHARACTERS, TextField, has_control_characters

FORM_MODULES = [
    "accounts.forms",
    "backoffice.forms",
    "enrollment.addition_forms",
    "enrollment.forms",
    "pension.forms",
    "progress.forms",
    "roster.forms",
]


@pytest.mark.parametrize(
    ("value", "multiline", "refused"),
    [
        ("张三", False, False),
        ("张\x0b三", False, True),  # Word's manual line break
        ("张\x00三", False, True),
        ("张\x85三", False, True),  # C1
        ("报告\u202etxt.exe", False, True),  # right-to-left override
        ("报告\u2066x\u2069", False, True),  # isolates
        ("第一行\n第二行", False, True),
        ("第一行\r\n第二行\t完", True, False),
        ("第一行\x0b第二行", True, True),
        ("全角１２３　空格", False, False),
    ],
)
def test_control_characters_are_recognised_on_both_sides(value, multiline, refused):
    assert has_control_characters(value, multiline=multiline) is refused


def all_forms():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            is_form = isinstance(value, type) and issubclass(value, forms.BaseForm)
            if is_form and value.__module__ == name:
                yield value


@pytest.mark.parametrize("form_class", list(all_forms()), ids=lambda f: f.__qualname__)
def test_every_text_field_of_every_form_refuses_control_characters(form_class):
    for name, field in form_class.base_fields.items():
        # Passwords may hold anything; an e-mail address is refused by its own validator.
        exempt = isinstance(field.widget, forms.PasswordInput) or isinstance(
            field, forms.EmailField
        )
        if isinstance(field, forms.CharField) and not exempt:
            assert isinstance(field, TextField), f"{form_class.__name__}.{name}"


def test_a_field_shows_the_message_and_keeps_the_rest():
    from pension.forms import SpecialJobRowForm

    form = SpecialJobRowForm(
        {
            "name": "井下\x0b采掘",
            "category": "underground_or_heat",
            "start": "1990-01",
            "end": "1998-12",
            "employer": "萍乡矿务局",
        }
    )
    assert not form.is_valid()
    assert form.errors["name"] == [str(CONTROL_CHARACTERS)]
    assert set(form.errors) == {"name"}


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("３６０１０２０００００１", "360102000001"),  # full-width digits: the code
        ("３６０１０２ｘ", "360102x"),
        ("人民医院（分院）", "人民医院（分院）"),  # a name keeps its full-width brackets
        ("第２中学", "第２中学"),  # not only digits and letters: as typed
        ("360102", "360102"),
    ],
)
def test_a_code_typed_in_full_width_is_searched_in_ascii(typed, searched):
    from portal.text import SearchField

    assert SearchField(required=False).clean(typed) == searched
