import pytest
from django.core.exceptions import ValidationError

from accounts.rules import initial_password
from portal.identity import resident_id_with_check_digit


def test_r5_3_initial_password_is_last_six_characters():
    assert initial_password("360426199101010071") == "010071"


def test_r5_3_final_x_is_capital():
    number = resident_id_with_check_digit("36010219800517009")
    assert number.endswith("X")
    assert initial_password(number.lower()) == number[-6:]
    assert initial_password(number.lower()).endswith("X")


def test_initial_password_needs_a_valid_id():
    with pytest.raises(ValidationError) as raised:
        initial_password("360426199101010072")
    assert raised.value.code == "check_digit"
