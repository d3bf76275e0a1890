"""The portal's form base: a required field left empty says what is missing, in its own words
(请输入经办人姓名), rather than Django's one sentence for every field (这个字段是必填项)."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

ENTER = _("Enter %(label)s.")
CHOOSE = _("Choose %(label)s.")
UPLOAD = _("Upload %(label)s.")
TICK = _("Tick “%(label)s”.")


def required_message(form_field: forms.Field):
    if isinstance(form_field, forms.BooleanField):
        return TICK
    if isinstance(form_field, forms.FileField):
        return UPLOAD
    # Selects, year and month selects, radio buttons, and what the page chose (a hidden input).
    chosen = (forms.widgets.ChoiceWidget, forms.MultiWidget, forms.HiddenInput)
    if isinstance(form_field, forms.ChoiceField) or isinstance(form_field.widget, chosen):
        return CHOOSE
    return ENTER


class RequiredMessages:
    """Mixed into a form: each required field with a label and Django's generic message gets
    its own; a message a field declares stays."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        generic = forms.Field.default_error_messages["required"]
        for form_field in self.fields.values():
            if form_field.label and form_field.error_messages.get("required") is generic:
                label = str(form_field.label).rstrip("：:")
                form_field.error_messages["required"] = required_message(form_field) % {
                    "label": label
                }


class PortalForm(RequiredMessages, forms.Form):
    pass


INVALID_DATE = _("Enter a valid date as YYYY-MM-DD, e.g. 2026-07-01.")


class DateField(forms.DateField):
    """A date as YYYY-MM-DD (or 2026/7/1, 20260701), typed with full-width digits too."""

    default_error_messages = {"invalid": INVALID_DATE}

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(unicodedata.normalize("NFKC", value).split())
        return super().to_python(value)
