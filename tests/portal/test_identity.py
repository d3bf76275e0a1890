"""Shared identity validation (DESIGN §3): both sides of every boundary, Chinese messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from portal import identity
from portal.identity import (
    normalise_credit_code,
    normalise_mobile,
    normalise_resident_id,
    normalise_unit_code,
    resident_id_birth_date,
    resident_id_sex,
    resident_id_with_check_digit,
    unit_username,
)

VALID_ID = "360426199101010071"  # python-stdnum's documented example


def error_code(func, value):
    with pytest.raises(ValidationError) as raised:
        func(value)
    return raised.value.code


def test_valid_resident_id_passes():
    assert normalise_resident_id(VALID_ID) == VALID_ID


def test_resident_id_lowercase_x_and_spaces_are_normalised():
    number = resident_id_with_check_digit("36010219800517009")
    assert number.endswith("X")  # chosen so that the check digit is X
    assert normalise_resident_id(" " + number.lower() + " ") == number


def test_region_code_younger_than_holder_still_passes():
    """360102 (东湖区) as coded today did not exist in 1980; IDs issued from 1984 carry it."""
    number = resident_id_with_check_digit("36010219800101123")
    assert normalise_resident_id(number) == number


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "required"),
        ("36042619910101007", "length"),  # 17 characters
        ("3604261991010100711", "length"),  # 19 characters
        ("36042619910101007A", "format"),
        ("3604261991010100X1", "format"),
        ("000426199101010071", "region"),
        (resident_id_with_check_digit("36042619910230007"), "birth_date"),  # 30 February
        (resident_id_with_check_digit("36042618991231007"), "birth_date"),  # before 1900
        ("360426199101010072", "check_digit"),
    ],
)
def test_invalid_resident_ids_are_refused(value, code):
    assert error_code(normalise_resident_id, value) == code


def test_birth_date_boundaries():
    from django.utils import timezone

    assert normalise_resident_id(resident_id_with_check_digit("36042619000101007"))
    today = timezone.localdate()
    born_today = resident_id_with_check_digit(f"360426{today:%Y%m%d}007")
    assert normalise_resident_id(born_today) == born_today
    tomorrow = today + datetime.timedelta(days=1)
    future = resident_id_with_check_digit(f"360426{tomorrow:%Y%m%d}007")
    assert error_code(normalise_resident_id, future) == "birth_date"


def test_full_width_digits_are_read_as_ascii():
    full_width = VALID_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert normalise_resident_id(full_width) == VALID_ID
    assert normalise_mobile("１３８００１３８０００") == "13800138000"
    assert normalise_unit_code("３６９９１９９５５５") == "3699199555"


@pytest.mark.parametrize(
    ("func", "value"),
    [
        (normalise_resident_id, "3601021980010112²4"),  # superscript two is a Unicode digit
        (normalise_resident_id, "36010219800101١٢٣4"),  # Arabic-Indic digits
        (normalise_mobile, "1380013800٠"),
        (normalise_unit_code, "369919955٥"),
        (normalise_credit_code, "91350100M000100Y4é"),
    ],
)
def test_other_unicode_digits_are_refused_with_a_message(func, value):
    with pytest.raises(ValidationError):
        func(value)


def test_sex_and_birth_date_derived_from_id():
    assert resident_id_birth_date(VALID_ID) == datetime.date(1991, 1, 1)
    assert resident_id_sex(VALID_ID) == "M"  # 17th digit 7: odd
    female = resident_id_with_check_digit("36010219800517002")
    assert resident_id_sex(female) == "F"


@pytest.mark.parametrize(
    ("func", "value", "chinese"),
    [
        (normalise_resident_id, "", "请输入居民身份证号码"),
        (normalise_resident_id, "36042619910101007", "应为18位"),
        (normalise_resident_id, "36042619910101007A", "由17位数字"),
        (normalise_resident_id, "000426199101010071", "行政区划代码"),
        (normalise_resident_id, "360426199101010072", "校验位不正确"),
        (normalise_credit_code, "91350100M000100Y4", "应为18位"),
        (normalise_credit_code, "91350100M000100Y44", "校验位不正确"),
        (normalise_mobile, "12800138000", "11位手机号码"),
        (normalise_unit_code, "123", "10位或12位"),
    ],
)
def test_messages_are_chinese(func, value, chinese):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        func(value)
    assert chinese in raised.value.messages[0]


CREDIT_CODE = "91350100M000100Y43"  # python-stdnum's documented example


@pytest.mark.parametrize(
    "value",
    [
        CREDIT_CODE,
        identity.credit_code_with_check_character("11360102MB1234567"),  # agency (11…)
        identity.credit_code_with_check_character("12360102MB1234567"),  # institution (12…)
    ],
)
def test_valid_credit_codes_pass(value):
    assert normalise_credit_code(value.lower()) == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("9135010OM000100Y43", "format"),  # letter O in the digits part
        ("91350100M000100Y44", "check_digit"),
    ],
)
def test_invalid_credit_codes_are_refused(value, code):
    assert error_code(normalise_credit_code, value) == code


@pytest.mark.parametrize("value", ["13800138000", "19912345678", "+86 138-0013-8000"])
def test_valid_mobiles_pass(value):
    assert normalise_mobile(value) in {"13800138000", "19912345678"}


@pytest.mark.parametrize(
    "value", ["", "12800138000", "1380013800", "138001380000", "23800138000", "1380013800a"]
)
def test_invalid_mobiles_are_refused(value):
    assert error_code(normalise_mobile, value) == "mobile"


@pytest.mark.parametrize("value", ["3699199555", "369900181666"])
def test_unit_codes_of_10_and_12_digits_pass(value):
    assert normalise_unit_code(value) == value


@pytest.mark.parametrize("value", ["", "369919955", "36991995551", "3699001816661", "36991995a5"])
def test_unit_codes_of_other_lengths_are_refused(value):
    assert error_code(normalise_unit_code, value) == "unit_code"


def test_r5_2_ten_digit_code_gets_00():
    assert unit_username("3699199555") == "369919955500"


def test_r5_2_twelve_digit_code_is_the_user_name():
    assert unit_username("369900181666") == "369900181666"
