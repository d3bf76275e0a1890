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


def context_of(form_class) -> tuple[tuple, dict]:
    """The arguments a form needs besides its data (a user, a person, a decided type)."""
    from tests.factories import PersonFactory

    name = form_class.__qualname__
    if name == "PasswordChangeForm":
        user = UserFactory(username="360102100100")
        user.set_password("Old-pass-2026")
        return (user,), {}
    if name in ("BasicForm", "BankForm"):
        return (), {"person": PersonFactory(name="王芳")}
    if name == "AdditionForm":
        from enrollment import rules
        from portal.yearmonth import YearMonth

        return (), {
            "business_type": rules.NEW_REGISTRATION,
            "id_type": "passport",
            "id_number": "E12345678",
            "this_month": YearMonth.current(),
            "backdate_months": 3,
        }
    return (), {}


def form_errors(form_class) -> list[str]:
    messages = []
    args, kwargs = context_of(form_class)
    for value in BAD_VALUES:
        data = dict.fromkeys(form_class.base_fields, value)
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.MultiWidget):
                for index in range(len(field.widget.widgets)):
                    data[f"{name}_{index}"] = value
        form = form_class(*args, data=data, **kwargs)
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
    # The portal addresses its users as 您, never 你 (as Django's own catalogue does).
    familiar = {message for message in messages if "你" in message}
    assert not familiar, familiar
    assert messages  # every form refuses something of the bad values
    # An empty required field says which, not Django's one sentence for every field.
    assert "这个字段是必填项。" not in messages


def test_a_required_field_names_what_is_missing():
    from backoffice.forms import AgentForm
    from pension.forms import BankForm
    from tests.factories import PersonFactory

    with translation.override("zh-hans"):
        agent = AgentForm(data={})
        agent.is_valid()
        messages = {name: errors[0] for name, errors in agent.errors.items()}
        assert messages["name"].startswith("请输入") and "姓名" in messages["name"]
        bank = BankForm(data={}, person=PersonFactory.build(name="王芳"))
        bank.is_valid()
        assert bank.errors["bank"] == ["请选择开户银行。"]


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["ab1", "12345678", "password1", "360102100100x"])
def test_the_password_rules_speak_chinese(password):
    user = UserFactory(username="360102100100")
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, user)
        assert all(not english_in(message) for message in refused.value.messages)
        assert any("8" in message for message in refused.value.messages) == (len(password) < 8)
