"""Password rule of 等保 2.0: letters and digits, at least 8 characters (with Django's
length, common-password, numeric and similarity validators beside it)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PASSWORD_LETTERS_AND_DIGITS = _("The password must contain both letters and digits.")


class LettersAndDigitsValidator:
    def validate(self, password, user=None):
        if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
            raise ValidationError(PASSWORD_LETTERS_AND_DIGITS, code="password_letters_and_digits")

    def get_help_text(self):
        return PASSWORD_LETTERS_AND_DIGITS
