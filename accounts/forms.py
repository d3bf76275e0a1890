from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalForm, RequiredMessages
from portal.text import TextField


class LoginForm(PortalForm):
    """R-5.1; field names are a contract (DESIGN §4)."""

    unit_code = TextField(
        label=_("Unit code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = TextField(
        label=_("Verification code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordResetForm(PortalForm):
    """R-5.4; field names are a contract (DESIGN §4)."""

    unit_code = TextField(label=_("Unit code"), max_length=12)
    id_number = TextField(label=_("Agent's ID number"), max_length=18)
    code = TextField(
        label=_("Verification code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        max_length=128,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    new_password2 = forms.CharField(
        label=_("Confirm new password"),
        max_length=128,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_passwords(self) -> str | None:
        """The two new passwords for 提交 (not needed for 获取验证码)."""
        first = self.cleaned_data.get("new_password1", "")
        second = self.cleaned_data.get("new_password2", "")
        if not first:
            self.add_error("new_password1", _("Enter the new password."))
            return None
        if first != second:
            self.add_error("new_password2", _("The two passwords do not match."))
            return None
        return first


class PasswordChangeForm(RequiredMessages, DjangoPasswordChangeForm):
    """R-5.6: current password, new password and its confirmation."""

    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": _("The current password is not correct. Enter it again."),
    }
