from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalForm
from portal.identity import normalise_mobile, normalise_resident_id
from portal.text import SearchField, TextField


class UnitSearchForm(PortalForm):
    q = SearchField(label=_("Unit name or code"), max_length=100, required=False)


class AgentForm(PortalForm):
    """经办人姓名, 经办人证件号码, 经办人邮箱, 经办人联系电话 (R-2.1, R-2.4)."""

    name = TextField(label=_("Agent name"), max_length=50)
    id_number = TextField(label=_("Agent ID number"), max_length=18)
    email = forms.EmailField(
        label=_("Agent e-mail"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. name@example.cn.")},
    )
    phone = TextField(label=_("Agent mobile phone"), max_length=20)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_id_number(self):
        return normalise_resident_id(self.cleaned_data["id_number"])

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])


class ConfirmAgentIdForm(PortalForm):
    """The staff member types the ID number from the agent's card at the counter."""

    id_number = TextField(label=_("ID number on the agent's card"), max_length=18)

    def clean_id_number(self):
        return normalise_resident_id(self.cleaned_data["id_number"])


class StaffLoginForm(PortalForm):
    username = TextField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = TextField(
        label=_("Authenticator code"),
        max_length=6,
        required=False,
        help_text=_("Only when an authenticator app is set up for you."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TotpConfirmForm(PortalForm):
    token = TextField(
        label=_("Code shown in the authenticator app"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
