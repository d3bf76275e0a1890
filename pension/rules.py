"""Pension rules as pure functions (no database): statutory retirement age and the minimum
contribution months.

Source: the Decision of the NPC Standing Committee on gradually raising the statutory retirement
age (in force 2025-01-01) and its attached implementation measures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from portal.yearmonth import YearMonth


class RetirementGroup(Enum):
    MALE = "male"  # men: originally 60
    FEMALE_CADRE = "female_cadre"  # women in cadre / management and technical posts: originally 55
    FEMALE_WORKER = "female_worker"  # women workers: originally 50


@dataclass(frozen=True)
class _Schedule:
    original_age_years: int
    first_birth_month: YearMonth  # the first birth month whose retirement is delayed
    months_per_step: int  # every this many birth months the delay grows by one month
    max_delay_months: int


_SCHEDULES = {
    RetirementGroup.MALE: _Schedule(60, YearMonth(1965, 1), 4, 36),
    RetirementGroup.FEMALE_CADRE: _Schedule(55, YearMonth(1970, 1), 4, 36),
    RetirementGroup.FEMALE_WORKER: _Schedule(50, YearMonth(1975, 1), 2, 60),
}


def retirement_group(*, sex: str, is_cadre: bool) -> RetirementGroup:
    if sex == "M":
        return RetirementGroup.MALE
    return RetirementGroup.FEMALE_CADRE if is_cadre else RetirementGroup.FEMALE_WORKER


def retirement_delay_months(birth: YearMonth, group: RetirementGroup) -> int:
    """Months added to the original retirement age for someone born in `birth`.

    With k the birth month's position from the first affected month (k = 1 for that month), the
    delay is ceil(k / step) months, capped at the maximum; earlier births are not delayed.
    """
    schedule = _SCHEDULES[group]
    k = birth - schedule.first_birth_month + 1
    if k < 1:
        return 0
    return min(math.ceil(k / schedule.months_per_step), schedule.max_delay_months)


def statutory_retirement_age_months(birth: YearMonth, group: RetirementGroup) -> int:
    """The statutory retirement age in months (a man born 1970-06: 61 years 5 months = 737)."""
    return _SCHEDULES[group].original_age_years * 12 + retirement_delay_months(birth, group)


def statutory_retirement_month(birth: YearMonth, group: RetirementGroup) -> YearMonth:
    """The month a person reaches the statutory retirement age: birth month + age."""
    return birth + statutory_retirement_age_months(birth, group)


def minimum_contribution_months(retirement_year: int) -> int:
    """Minimum contribution months for a monthly pension: 180 until 2029, then 6 more each year
    from 2030 up to 240 from 2039 on."""
    if retirement_year < 2030:
        return 180
    return min(180 + 6 * (retirement_year - 2029), 240)
