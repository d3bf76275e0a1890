"""Identity numbers every form shares: resident ID numbers, credit codes, mobile numbers, unit
codes and the online user name derived from a unit code.

Each check raises a `ValidationError` with a Chinese message (translated from the English msgid)
that a form shows next to the field; each `normalise_*` returns the canonical spelling.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

RESIDENT_ID_EMPTY = _("Enter the resident ID number.")
RESIDENT_ID_LENGTH = _("A resident ID number has 18 characters.")
RESIDENT_ID_FORMAT = _("A resident ID number is 17 digits followed by a digit or the letter X.")
RESIDENT_ID_REGION = _("The first six digits of the resident ID number are not a region code.")
RESIDENT_ID_BIRTH_DATE = _("The birth date in the resident ID number (digits 7–14) is not valid.")
RESIDENT_ID_CHECK_DIGIT = _(
    "The last character of the resident ID number does not match; please check the number."
)
CREDIT_CODE_LENGTH = _("A unified social credit code has 18 characters.")
CREDIT_CODE_FORMAT = _(
    "A unified social credit code consists of digits and capital letters (without I, O, S, V, Z)."
)
CREDIT_CODE_CHECK = _(
    "The last character of the unified social credit code does not match; please check the code."
)
MOBILE_INVALID = _("Enter an 11-digit mainland mobile number starting with 13–19.")
UNIT_CODE_INVALID = _("A unit code has 10 or 12 digits.")

# Province-level codes (GB/T 2260) that can open a resident ID number.
_PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64"
    " 65 71 81 82".split(" ")
)
# Second-generation ID cards were issued from 1984; nobody living was born before 1900.
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_UNIT_CODE = re.compile(r"[0-9]{10}|[0-9]{12}")
_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")


def _plain(value: str) -> str:
    """Full-width digits and letters (１２３, ｘ) as typed by Chinese input methods become ASCII;
    spaces go. Anything else non-ASCII stays and fails the format checks."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value or ""))


Sex = Literal["M", "F"]


def normalise_resident_id(value: str) -> str:
    """Check a resident ID number (GB 11643-1999) and return it with a capital X.

    Checks the length, the format, the province of the region code, the birth date and the check
    digit (ISO 7064 MOD 11-2). The region code is deliberately not checked against the codes in
    force in the birth year (`stdnum.cn.ric.validate` does that): numbers were issued from 1984
    with the codes then in force, so a person born in 1980 in today's 360102 holds a valid number.
    """
    number = _plain(value).upper()
    if not number:
        raise ValidationError(RESIDENT_ID_EMPTY, code="required")
    if len(number) != 18:
        raise ValidationError(RESIDENT_ID_LENGTH, code="length")
    if not _RESIDENT_ID.fullmatch(number):
        raise ValidationError(RESIDENT_ID_FORMAT, code="format")
    if number[:2] not in _PROVINCE_CODES:
        raise ValidationError(RESIDENT_ID_REGION, code="region")
    try:
        birth_date = ric.get_birth_date(number)
    except StdnumError:
        raise ValidationError(RESIDENT_ID_BIRTH_DATE, code="birth_date") from None
    if not _EARLIEST_BIRTH <= birth_date <= timezone.localdate():
        raise ValidationError(RESIDENT_ID_BIRTH_DATE, code="birth_date")
    if ric.calc_check_digit(number) != number[17]:
        raise ValidationError(RESIDENT_ID_CHECK_DIGIT, code="check_digit")
    return number


def validate_resident_id(value: str) -> None:
    normalise_resident_id(value)


def resident_id_birth_date(number: str) -> datetime.date:
    """The birth date encoded in a (valid) resident ID number."""
    return ric.get_birth_date(normalise_resident_id(number))


def resident_id_sex(number: str) -> Sex:
    """The sex encoded in a (valid) resident ID number: an odd 17th digit is male."""
    return "M" if int(normalise_resident_id(number)[16]) % 2 else "F"


def resident_id_with_check_digit(first_17: str) -> str:
    """Complete 17 digits with their check digit (used to make demo and test numbers)."""
    return first_17 + ric.calc_check_digit(first_17 + "0")


def normalise_credit_code(value: str) -> str:
    """Check a unified social credit code (GB 32100-2015) and return it in capitals."""
    code = _plain(value).upper()
    if not code.isascii():
        raise ValidationError(CREDIT_CODE_FORMAT, code="format")
    try:
        return uscc.validate(code)
    except uscc.InvalidLength:
        raise ValidationError(CREDIT_CODE_LENGTH, code="length") from None
    except uscc.InvalidFormat:
        raise ValidationError(CREDIT_CODE_FORMAT, code="format") from None
    except StdnumError:
        raise ValidationError(CREDIT_CODE_CHECK, code="check_digit") from None


def validate_credit_code(value: str) -> None:
    normalise_credit_code(value)


def credit_code_with_check_character(first_17: str) -> str:
    """Complete 17 characters with their check character (demo and test data)."""
    return first_17 + uscc.calc_check_digit(first_17)


def normalise_mobile(value: str) -> str:
    """Check a mainland mobile number (11 digits, 13x–19x) and return it without separators."""
    number = _plain(value).replace("-", "")
    if number.startswith("+86"):
        number = number[3:]
    if not _MOBILE.fullmatch(number):
        raise ValidationError(MOBILE_INVALID, code="mobile")
    return number


def validate_mobile(value: str) -> None:
    normalise_mobile(value)


def normalise_unit_code(value: str) -> str:
    """Check a unit code (10 or 12 digits) and return it without surrounding spaces."""
    code = _plain(value)
    if not _UNIT_CODE.fullmatch(code):
        raise ValidationError(UNIT_CODE_INVALID, code="unit_code")
    return code


def validate_unit_code(value: str) -> None:
    normalise_unit_code(value)


def unit_username(unit_code: str) -> str:
    """The online user name of a unit (R-5.2): a 10-digit code gets `00` appended, a 12-digit code
    is the user name as it is (3699199555 -> 369919955500; 369900181666 stays)."""
    code = normalise_unit_code(unit_code)
    return code + "00" if len(code) == 10 else code
