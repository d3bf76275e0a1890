"""Statutory retirement age and minimum contribution months (the 2025 gradual-increase
decision), table-driven on both sides of every boundary."""

import pytest

from pension.rules import (
    RetirementGroup,
    minimum_contribution_months,
    retirement_delay_months,
    statutory_retirement_month,
)
from portal.yearmonth import YearMonth

M, FC, FW = RetirementGroup.MALE, RetirementGroup.FEMALE_CADRE, RetirementGroup.FEMALE_WORKER


@pytest.mark.parametrize(
    ("group", "birth", "delay"),
    [
        (M, YearMonth(1964, 12), 0),  # last birth month before the change
        (M, YearMonth(1965, 1), 1),  # k = 1
        (M, YearMonth(1965, 4), 1),  # k = 4
        (M, YearMonth(1965, 5), 2),  # k = 5
        (M, YearMonth(1970, 6), 17),  # k = 66
        (M, YearMonth(1976, 12), 36),  # k = 144: the maximum
        (M, YearMonth(1980, 1), 36),
        (FC, YearMonth(1969, 12), 0),
        (FC, YearMonth(1970, 1), 1),
        (FC, YearMonth(1981, 12), 36),
        (FW, YearMonth(1974, 12), 0),
        (FW, YearMonth(1975, 1), 1),
        (FW, YearMonth(1975, 2), 1),
        (FW, YearMonth(1975, 3), 2),
        (FW, YearMonth(1984, 12), 60),
        (FW, YearMonth(1990, 6), 60),
    ],
)
def test_retirement_delay(group, birth, delay):
    assert retirement_delay_months(birth, group) == delay


def test_man_born_1970_06_retires_2031_11():
    """The issue's worked example: 61 years 5 months."""
    assert statutory_retirement_month(YearMonth(1970, 6), M) == YearMonth(2031, 11)


@pytest.mark.parametrize(
    ("group", "birth", "retirement"),
    [
        (M, YearMonth(1964, 12), YearMonth(2024, 12)),
        (FC, YearMonth(1975, 1), YearMonth(2030, 1) + 16),  # k = 61: 16 months
        (FW, YearMonth(1985, 1), YearMonth(2040, 1)),  # 55 years
    ],
)
def test_statutory_retirement_month(group, birth, retirement):
    assert statutory_retirement_month(birth, group) == retirement


@pytest.mark.parametrize(
    ("year", "months"),
    [(2025, 180), (2029, 180), (2030, 186), (2031, 192), (2038, 234), (2039, 240), (2045, 240)],
)
def test_minimum_contribution_months(year, months):
    assert minimum_contribution_months(year) == months
