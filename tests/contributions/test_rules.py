"""R-13, the rules of contributions as tables, on both sides of every boundary: the base applied
for a declared wage (59.99 % / 60 % / 300 % / 300.01 %), rounding at half a cent, the rate in
force across a change of rate, the annuity on and off, the base of a month."""

from decimal import Decimal

import pytest

from contributions.rules import (
    CAP,
    FLOOR,
    Applied,
    Rate,
    amount,
    applied_base,
    base_in_force,
    monthly_amounts,
    rate_in_force,
)
from portal.yearmonth import YearMonth

D = Decimal
AVERAGE = D("10000.00")  # 60 %: 6,000.00; 300 %: 30,000.00
RATES = [
    Rate("basic", YearMonth(2014, 10), D("20.00"), D("8.00")),
    Rate("basic", YearMonth(2019, 5), D("16.00"), D("8.00")),
    Rate("annuity", YearMonth(2014, 10), D("8.00"), D("4.00")),
]


@pytest.mark.parametrize(
    ("wage", "applied"),
    [
        ("5999.00", Applied(D("6000.00"), FLOOR)),  # 59.99 %
        ("5999.99", Applied(D("6000.00"), FLOOR)),
        ("6000.00", Applied(D("6000.00"))),  # 60 %
        ("12345.67", Applied(D("12345.67"))),
        ("30000.00", Applied(D("30000.00"))),  # 300 %
        ("30001.00", Applied(D("30000.00"), CAP)),  # 300.01 %
        ("0", Applied(D("6000.00"), FLOOR)),
    ],
)
def test_r13_1_wage_clamped_to_60_and_300_percent(wage, applied):
    assert applied_base(D(wage), AVERAGE) == applied


def test_r13_1_bounds_of_an_average_that_is_not_round():
    # 8,500 → 5,100.00 / 25,500.00; 7,333.33 → 4,400.00 (4,399.998) / 21,999.99
    assert applied_base(D("5099.99"), D("8500.00")) == Applied(D("5100.00"), FLOOR)
    assert applied_base(D("1"), D("7333.33")).base == D("4400.00")
    assert applied_base(D("99999"), D("7333.33")).base == D("21999.99")


@pytest.mark.parametrize(
    ("base", "percent", "expected"),
    [
        ("10.05", "50", "5.03"),  # 5.025: half a cent rounds up (half-even would give 5.02)
        ("10.15", "50", "5.08"),  # 5.075
        ("10.13", "50", "5.07"),  # 5.065 → 5.07, not 5.06
        ("12345.65", "8", "987.65"),  # 987.652
        ("8000.00", "16", "1280.00"),
        ("6666.67", "4", "266.67"),  # 266.6668
    ],
)
def test_r13_5_amounts_round_half_up_to_the_cent(base, percent, expected):
    assert amount(D(base), D(percent)) == D(expected)


@pytest.mark.parametrize(
    ("month", "unit_rate"),
    [
        (YearMonth(2014, 9), None),  # before the scheme
        (YearMonth(2014, 10), D("20.00")),
        (YearMonth(2019, 4), D("20.00")),  # the month before the change
        (YearMonth(2019, 5), D("16.00")),  # the change, mid-year
        (YearMonth(2026, 12), D("16.00")),
    ],
)
def test_r13_5_rate_in_force_across_a_change_mid_year(month, unit_rate):
    rate = rate_in_force(RATES, "basic", month)
    assert (rate.unit_rate if rate else None) == unit_rate


def test_r13_5_monthly_amounts_with_and_without_annuity():
    with_annuity = monthly_amounts(D("8000.00"), YearMonth(2026, 1), RATES, annuity=True)
    assert (with_annuity.unit, with_annuity.personal) == (D("1280.00"), D("640.00"))
    assert (with_annuity.annuity_unit, with_annuity.annuity_personal) == (D("640.00"), D("320.00"))
    assert with_annuity.total == D("2880.00")
    without = monthly_amounts(D("8000.00"), YearMonth(2026, 1), RATES, annuity=False)
    assert (without.annuity_unit, without.annuity_personal) == (D("0.00"), D("0.00"))
    assert without.total == D("1920.00")
    before_change = monthly_amounts(D("8000.00"), YearMonth(2019, 4), RATES, annuity=False)
    assert before_change.unit == D("1600.00")


def test_r13_1_base_of_a_month_from_its_periods():
    periods = [(YearMonth(2025, 1), D("7000.00")), (YearMonth(2026, 1), D("8200.00"))]
    assert base_in_force(periods, YearMonth(2024, 12), D("6500.00")) == D("6500.00")
    assert base_in_force(periods, YearMonth(2025, 12), D("6500.00")) == D("7000.00")
    assert base_in_force(periods, YearMonth(2026, 1), D("6500.00")) == D("8200.00")


@pytest.mark.parametrize(
    ("typed", "wage"),
    [
        ("8000", D("8000")),
        (" 8,650.50 ", D("8650.50")),
        ("８０００.５", D("8000.5")),
        ("10000", D("10000")),
        ("0.001", None),  # a tenth of a cent
        ("0", None),
        ("-5", None),
        ("1e3", None),
        ("Infinity", None),
        ("八千", None),
        ("10000000", None),  # above 9,999,999.99
        ("9999999.99", D("9999999.99")),
        ("0.00", None),
        ("0.01", D("0.01")),
        ("8000.", D("8000")),
        ("8000.505", None),
        ("", None),
        (None, None),
        (8650.5, D("8650.5")),  # a number cell of a workbook
    ],
)
def test_r13_1_a_typed_wage_is_money_or_nothing(typed, wage):
    from contributions.services import parse_wage

    assert parse_wage(typed) == wage
