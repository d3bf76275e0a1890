"""Issue 15: every form's error messages reach users in Chinese — not one English sentence, as
Django's own ("This password is too short…", "Email") once did."""

import re

import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import UserFactory
from tests.portal.test_text import all_forms

# Latin words that Chinese text uses as they are.
ALLOWED = {"YYYY", "PDF", "JPEG", "PNG", "APP", "Excel"}
ENGLISH = re.compile(r"[A-Za-z]{3,}(?:[\s,.'][A-Za-z]+)*")
BAD_VALUES = ["", "x", "x" * 300, "2026-13-40", "-1", "abc", "１２３"]


def english_in(message: str) -> list[str]:
    """English words of a message, leaving out what the user typed (a message may quote it)."""
    message = re.sub(r"\S+@\S+", "", str(message))  # an example e-mail address
    for typed in sorted(BAD_VALUES, key=len, reverse=True):
        if typed:
            message = message.replace(typed, "")
    return [word for word in ENGLISH.findall(message) if word not in ALLOWED]


def form_errors(form_class) -> list[str]:
    messages = []
    for value in BAD_VALUES:
        data = dict.fromkeys(form_class.base_fields, value)
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.MultiWidget):
                for index in range(len(field.widget.widgets)):
                    data[f"{name}_{index}"] = value
        try:
            form = form_class(data=data)
        except TypeError:  # a form that needs its context (a user, a case) to be built
            pytest.skip(f"{form_class.__qualname__} needs arguments")
        form.is_valid()
        messages += [str(error) for errors in form.errors.values() for error in errors]
    return messages


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(all_forms()), ids=lambda f: f.__qualname__)
def test_every_forms_errors_are_in_chinese(form_class):
    with translation.override("zh-hans"):
        messages = form_errors(form_class)
    english = {message for message in messages if english_in(message)}
    assert not english, english


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["ab1", "12345678", "password1", "360102100100x"])
def test_the_password_rules_speak_chinese(password):
    user = UserFactory(username="360102100100")
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, user)
        assert all(not english_in(message) for message in refused.value.messages)
        assert any("8" in message for message in refused.value.messages) == (len(password) < 8)
