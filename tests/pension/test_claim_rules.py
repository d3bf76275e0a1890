"""Pension claim rules (issue 7's rules, R-7.1 … R-7.6) as table tests, both sides of each
boundary."""

import pytest

from pension import rules
from pension.rules import (
    ClaimFacts,
    Period,
    RetirementGroup,
    SpecialJobCategory,
    bank_account_problems,
    claim_eligibility,
    cumulative_months,
    flexible_early_bounds,
    flexible_late_bounds,
    period_problems,
    position_change_problems,
    special_job_required_years,
    statutory_retirement_month,
    working_years_problems,
)
from portal.yearmonth import YearMonth as YM

M, FC, FW = RetirementGroup.MALE, RetirementGroup.FEMALE_CADRE, RetirementGroup.FEMALE_WORKER


@pytest.mark.parametrize(
    ("group", "birth", "retirement"),
    [
        (M, YM(1964, 12), YM(2024, 12)),
        (M, YM(1965, 1), YM(2025, 2)),
        (M, YM(1965, 4), YM(2025, 5)),
        (M, YM(1965, 5), YM(2025, 7)),
        (M, YM(1970, 6), YM(2031, 11)),
        (M, YM(1976, 12), YM(2039, 12)),
        (M, YM(1977, 1), YM(2040, 1)),
        (FC, YM(1969, 12), YM(2024, 12)),
        (FC, YM(1970, 1), YM(2025, 2)),
        (FC, YM(1981, 12), YM(2039, 12)),
        (FC, YM(1982, 1), YM(2040, 1)),
        (FW, YM(1974, 12), YM(2024, 12)),
        (FW, YM(1975, 1), YM(2025, 2)),
        (FW, YM(1975, 2), YM(2025, 3)),
        (FW, YM(1975, 3), YM(2025, 5)),
        (FW, YM(1984, 12), YM(2039, 12)),
        (FW, YM(1985, 1), YM(2040, 1)),
    ],
)
def test_statutory_retirement_month_at_every_boundary(group, birth, retirement):
    assert statutory_retirement_month(birth, group) == retirement


@pytest.mark.parametrize(
    ("year", "months"), [(2029, 180), (2030, 186), (2035, 216), (2039, 240), (2045, 240)]
)
def test_minimum_months(year, months):
    assert rules.minimum_contribution_months(year) == months


def test_flexible_early_never_before_the_original_age_and_late_up_to_three_years():
    # Born 1970-06: statutory 2031-11; three years earlier (2028-11) is before 60 (2030-06).
    assert flexible_early_bounds(YM(1970, 6), M) == (YM(2030, 6), YM(2031, 11))
    # Born 1976-12: statutory 63 (2039-12); three years earlier is exactly 60.
    assert flexible_early_bounds(YM(1976, 12), M) == (YM(2036, 12), YM(2039, 12))
    assert flexible_late_bounds(YM(1970, 6), M) == (YM(2031, 11), YM(2034, 11))


@pytest.mark.parametrize(
    ("categories", "years"),
    [
        ([], None),
        ([SpecialJobCategory.OTHER_HARMFUL], 8),
        ([SpecialJobCategory.UNDERGROUND_OR_HEAT], 9),
        ([SpecialJobCategory.OTHER_HARMFUL, SpecialJobCategory.UNDERGROUND_OR_HEAT], 9),
        ([SpecialJobCategory.OTHER_HARMFUL, SpecialJobCategory.HEIGHTS_OR_HEAVY], 10),
    ],
)
def test_special_job_strictest_category_sets_the_years(categories, years):
    assert special_job_required_years(categories) == years


def facts(**overrides):
    values = {
        "birth": YM(1965, 10),
        "group": M,
        "actively_insured_here": True,
        "open_claim": False,
        "arrears_months": (),
        "paid_months": 140,
        "deemed_months": 200,
    }
    values.update(overrides)
    return ClaimFacts(**values)


def test_eligible_person_passes():
    # Born 1965-10: statutory 60 + 3 months = 2026-01; this month 2025-12.
    result = claim_eligibility(facts(), this_month=YM(2025, 12), window_months=3)
    assert result.eligible and result.statutory_retirement == YM(2026, 1)


@pytest.mark.parametrize(
    ("overrides", "this_month", "reason"),
    [
        ({"actively_insured_here": False}, YM(2025, 12), rules.NOT_ACTIVE),
        ({"open_claim": True}, YM(2025, 12), rules.OPEN_CLAIM),
        ({"arrears_months": (YM(2025, 10),)}, YM(2025, 12), rules.ARREARS),
        ({"paid_months": 100, "deemed_months": 78}, YM(2025, 12), rules.TOO_FEW_MONTHS),
        ({}, YM(2025, 6), rules.TOO_EARLY),  # earliest 2025-10 (age 60) is 4 months away
    ],
)
def test_each_failing_condition_is_named(overrides, this_month, reason):
    result = claim_eligibility(facts(**overrides), this_month=this_month, window_months=3)
    assert result.reasons == (reason,)


def test_minimum_months_boundary_and_window_boundary():
    # 179 now + 1 month until retirement = 180: enough; one less is not.
    enough = facts(paid_months=100, deemed_months=79)
    assert claim_eligibility(enough, this_month=YM(2025, 12), window_months=3).eligible
    short = facts(paid_months=100, deemed_months=78)
    assert not claim_eligibility(short, this_month=YM(2025, 12), window_months=3).eligible
    # Earliest retirement 2025-10 (60 years): three months away is in the window, four is not.
    assert claim_eligibility(facts(), this_month=YM(2025, 7), window_months=3).eligible
    assert not claim_eligibility(facts(), this_month=YM(2025, 6), window_months=3).eligible


@pytest.mark.parametrize(
    ("years", "months", "problems"),
    [
        (15, 0, []),
        (14, 11, ["under_15_years"]),
        (20, 11, []),
        (20, 12, ["months_range"]),
        (20, -1, ["months_range"]),
        (35, 5, []),
        (35, 6, ["longer_than_career"]),
        (40, 0, ["longer_than_career"]),
    ],
)
def test_working_years(years, months, problems):
    # Work from 1990-08 to retirement in 2026-01 is 425 months (35 years 5 months).
    assert (
        working_years_problems(
            years=years, months=months, work_start=YM(1990, 8), retirement=YM(2026, 1)
        )
        == problems
    )


def test_periods_within_bounds_ordered_and_not_overlapping():
    work, retire = YM(1990, 8), YM(2026, 1)
    ok = [Period(YM(1990, 8), YM(1995, 12)), Period(YM(1996, 1), YM(2014, 9))]
    assert (
        period_problems(
            ok, work_start=work, retirement=retire, last_allowed=rules.DEEMED_LAST_MONTH
        )
        == []
    )
    bad = [
        Period(YM(1990, 7), YM(1991, 1)),  # starts before work
        Period(YM(2000, 5), YM(2000, 4)),  # start after end
        Period(YM(2014, 1), YM(2014, 10)),  # deemed beyond 2014-09
        Period(YM(1995, 12), YM(1996, 6)),
        Period(YM(1996, 7), YM(1997, 1)),  # begins the month after row 3 ends: no overlap
        Period(YM(1996, 6), YM(1996, 8)),  # shares 1996-06 with row 3 and 1996-07 with row 4
    ]
    found = period_problems(
        bad, work_start=work, retirement=retire, last_allowed=rules.DEEMED_LAST_MONTH
    )
    assert (0, "before_work_start") in found
    assert (1, "start_after_end") in found
    assert (2, "after_limit") in found
    assert [problem for problem in found if problem[1] == "overlap"] == [
        (5, "overlap"),
        (5, "overlap"),
    ]


def test_overlap_boundary():
    first = Period(YM(2000, 1), YM(2000, 6))
    assert first.overlaps(Period(YM(2000, 6), YM(2000, 8)))
    assert not first.overlaps(Period(YM(2000, 7), YM(2000, 8)))


def test_cumulative_months_after_adjustments():
    assert (
        cumulative_months(
            paid=140,
            deemed=30,
            additions=[Period(YM(2010, 1), YM(2010, 12))],
            deductions=[Period(YM(2011, 1), YM(2011, 2))],
        )
        == 180
    )


def test_position_changes():
    retire = YM(2026, 1)
    assert (
        position_change_problems([YM(2015, 3), YM(2016, 3), YM(2026, 1)], retirement=retire) == []
    )
    assert position_change_problems([YM(2016, 3), YM(2016, 11)], retirement=retire) == [
        (1, "two_in_a_year")
    ]
    assert position_change_problems([YM(2013, 3), YM(2013, 11)], retirement=retire) == []
    assert position_change_problems([YM(2025, 2), YM(2025, 9)], retirement=retire) == []
    assert position_change_problems([YM(2026, 2)], retirement=retire) == [(0, "after_retirement")]


@pytest.mark.parametrize(
    ("holder", "number", "repeated", "errors", "warnings"),
    [
        ("张三", "6222021234567890128", "6222021234567890128", [], []),  # passes Luhn
        ("张三", "6222021234567890127", "6222021234567890127", [], ["luhn"]),
        ("李四", "6222021234567890128", "6222021234567890128", ["holder_not_person"], []),
        ("张三", "62220212345", "62220212345", ["number_format"], []),  # 11 digits
        ("张三", "622202123456", "622202123456", [], ["luhn"]),  # 12 digits
        ("张三", "62220212345678901234", "62220212345678901234", ["number_format"], []),
        ("张三", "6222021234567890128", "6222021234567890129", ["numbers_differ"], []),
    ],
)
def test_bank_account(holder, number, repeated, errors, warnings):
    assert bank_account_problems(
        holder=holder, person_name="张三", number=number, repeated=repeated
    ) == (errors, warnings)


def test_adjustments_against_the_record():
    counted = frozenset(YM(1990, 1).iter_through(YM(2014, 9)))
    deemed = frozenset(YM(1990, 1).iter_through(YM(2014, 9)))
    ok = [("add", Period(YM(1988, 8), YM(1989, 12))), ("deduct", Period(YM(1990, 1), YM(1990, 6)))]
    assert rules.adjustment_record_problems(ok, counted=counted, deemed=deemed) == []
    bad = [("add", Period(YM(1988, 8), YM(1990, 1))), ("deduct", Period(YM(1989, 12), YM(1990, 6)))]
    assert rules.adjustment_record_problems(bad, counted=counted, deemed=deemed) == [
        (0, "already_counted"),
        (1, "not_deemed"),
    ]


def test_r7_3c_arrears_are_the_months_due_before_this_month():
    """This month's bill holds up no claim until the month is over; last month's does."""
    this = YM(2026, 12)
    assert rules.arrears((YM(2026, 12),), this) == ()
    assert rules.arrears((YM(2026, 11), YM(2026, 12)), this) == (YM(2026, 11),)
    assert rules.arrears((YM(2027, 1),), this) == ()
