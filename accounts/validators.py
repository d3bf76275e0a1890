"""Password rule of 等保 2.0: letters and digits, at least 8 characters (with Django's
length, common-password, numeric and similarity validators beside it)."""

import re

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PASSWORD_LETTERS_AND_DIGITS = _("The password must contain both letters and digits.")
PASSWORD_TOO_SHORT = _("The password must have at least %(min_length)d characters.")
# Django's own words address the user as 你; the portal says 您 (or no pronoun).
PASSWORD_NOT_PERSONAL = _("The password must not resemble the account's other information.")
PASSWORD_NOT_COMMON = _("The password must not be a commonly used one.")
PASSWORD_NOT_NUMERIC = _("The password must not be all digits.")


class MinimumLength(MinimumLengthValidator):
    """Django's length rule in our words: Django 5.2's zh_Hans catalogue lacks its new sentence,
    which reached users in English."""

    def get_error_message(self):
        return PASSWORD_TOO_SHORT

    def get_help_text(self):
        return PASSWORD_TOO_SHORT % {"min_length": self.min_length}


class LettersAndDigitsValidator:
    def validate(self, password, user=None):
        if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
            raise ValidationError(PASSWORD_LETTERS_AND_DIGITS, code="password_letters_and_digits")

    def get_help_text(self):
        return PASSWORD_LETTERS_AND_DIGITS


class UserAttributeSimilarity(UserAttributeSimilarityValidator):
    def get_help_text(self):
        return PASSWORD_NOT_PERSONAL


class CommonPassword(CommonPasswordValidator):
    def get_help_text(self):
        return PASSWORD_NOT_COMMON


class NumericPassword(NumericPasswordValidator):
    def get_help_text(self):
        return PASSWORD_NOT_NUMERIC
