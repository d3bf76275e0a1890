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


# --- Retirement types ---------------------------------------------------------------------------

FLEXIBLE_YEARS = 3  # 弹性提前/延迟退休: at most three years either side of the statutory date


class RetirementType(Enum):
    NORMAL = "normal"  # 正常退休
    FLEXIBLE_EARLY = "flexible_early"  # 弹性提前退休
    FLEXIBLE_LATE = "flexible_late"  # 弹性延迟退休
    SPECIAL_JOB = "special_job"  # 特殊工种提前退休


class SpecialJobCategory(Enum):
    HEIGHTS_OR_HEAVY = "heights_or_heavy"  # 高空、特别繁重体力劳动: 10 years
    UNDERGROUND_OR_HEAT = "underground_or_heat"  # 井下、高温: 9 years
    OTHER_HARMFUL = "other_harmful"  # 其他有害身体健康: 8 years


SPECIAL_JOB_YEARS = {
    SpecialJobCategory.HEIGHTS_OR_HEAVY: 10,
    SpecialJobCategory.UNDERGROUND_OR_HEAT: 9,
    SpecialJobCategory.OTHER_HARMFUL: 8,
}
SPECIAL_JOB_AGE = {"M": 55, "F": 45}


@dataclass(frozen=True)
class Period:
    start: YearMonth
    end: YearMonth

    @property
    def months(self) -> int:
        return self.start.months_through(self.end)

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def original_age_years(group: RetirementGroup) -> int:
    return _SCHEDULES[group].original_age_years


def flexible_early_bounds(birth: YearMonth, group: RetirementGroup) -> tuple[YearMonth, YearMonth]:
    """弹性提前退休: from the later of (statutory − 3 years) and the original age, to the
    statutory month."""
    statutory = statutory_retirement_month(birth, group)
    earliest = max(statutory - FLEXIBLE_YEARS * 12, birth + original_age_years(group) * 12)
    return earliest, statutory


def flexible_late_bounds(birth: YearMonth, group: RetirementGroup) -> tuple[YearMonth, YearMonth]:
    statutory = statutory_retirement_month(birth, group)
    return statutory, statutory + FLEXIBLE_YEARS * 12


def special_job_required_years(categories: list[SpecialJobCategory]) -> int | None:
    """The strictest category present sets the required years (None without any period)."""
    if not categories:
        return None
    return max(SPECIAL_JOB_YEARS[category] for category in categories)


# --- Eligibility to start a claim (R-7.1) -----------------------------------------------------

NOT_ACTIVE = "not_active"
OPEN_CLAIM = "open_claim"
ARREARS = "arrears"
TOO_FEW_MONTHS = "too_few_months"
TOO_EARLY = "too_early"


def months_at_retirement(
    *, paid: int, deemed: int, this_month: YearMonth, retirement: YearMonth
) -> int:
    """Contributions go on until retirement: the months by then are the months now plus the
    months from this month up to the retirement month."""
    return paid + deemed + max(0, retirement - this_month)


def retirement_month_bounds(
    kind: RetirementType, *, birth: YearMonth, group: RetirementGroup, sex: str
) -> tuple[YearMonth, YearMonth]:
    """The months a claim of `kind` may name as its retirement month (both included):
    正常退休 the statutory month; 弹性提前/延迟 up to three years either side; 特殊工种 from
    55 (men) or 45 (women) up to the month before the statutory one."""
    statutory = statutory_retirement_month(birth, group)
    if kind is RetirementType.FLEXIBLE_EARLY:
        return flexible_early_bounds(birth, group)
    if kind is RetirementType.FLEXIBLE_LATE:
        return flexible_late_bounds(birth, group)
    if kind is RetirementType.SPECIAL_JOB:
        return birth + SPECIAL_JOB_AGE[sex] * 12, statutory - 1
    return statutory, statutory


def special_job_problems(jobs: list[tuple[SpecialJobCategory, Period]]) -> list[str]:
    """特殊工种提前退休 needs special-job time of the strictest category's years."""
    required = special_job_required_years([category for category, _period in jobs])
    if required is None:
        return ["no_special_job"]
    if sum(period.months for _category, period in jobs) < required * 12:
        return ["special_job_too_short"]
    return []


def arrears(due_months, this_month: YearMonth) -> tuple[YearMonth, ...]:
    """欠缴 (R-7.3c): the months due and unpaid before this month. This month's bill (核定 on
    its first day) is paid during the month and holds up no claim."""
    return tuple(month for month in due_months if month < this_month)


@dataclass(frozen=True)
class ClaimFacts:
    """What the eligibility check needs to know about a person (read by a selector)."""

    birth: YearMonth
    group: RetirementGroup
    actively_insured_here: bool
    open_claim: bool
    arrears_months: tuple[YearMonth, ...]
    paid_months: int
    deemed_months: int


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[str, ...]
    earliest_retirement: YearMonth
    statutory_retirement: YearMonth
    minimum_months: int
    months_at_retirement: int

    @property
    def eligible(self) -> bool:
        return not self.reasons


def claim_eligibility(
    facts: ClaimFacts, *, this_month: YearMonth, window_months: int
) -> Eligibility:
    """Every failing condition is named (the page gives each its own sentence)."""
    statutory = statutory_retirement_month(facts.birth, facts.group)
    earliest, _statutory = flexible_early_bounds(facts.birth, facts.group)
    months_then = months_at_retirement(
        paid=facts.paid_months,
        deemed=facts.deemed_months,
        this_month=this_month,
        retirement=statutory,
    )
    minimum = minimum_contribution_months(statutory.year)
    reasons = []
    if not facts.actively_insured_here:
        reasons.append(NOT_ACTIVE)
    if facts.open_claim:
        reasons.append(OPEN_CLAIM)
    if facts.arrears_months:
        reasons.append(ARREARS)
    if months_then < minimum:
        reasons.append(TOO_FEW_MONTHS)
    if earliest - this_month > window_months:
        reasons.append(TOO_EARLY)
    return Eligibility(tuple(reasons), earliest, statutory, minimum, months_then)


# --- Step rules (R-7.3 …) ----------------------------------------------------------------

SCHEME_START = YearMonth(2014, 10)
DEEMED_LAST_MONTH = SCHEME_START - 1  # deemed periods end by 2014-09


def working_years_problems(
    *, years: int, months: int, work_start: YearMonth, retirement: YearMonth
) -> list[str]:
    """工作年限 (R-7.3a): at least 15 years, months 0–11, no longer than from the work start to
    the retirement month (work ends the month before: 1988-08 → 2025-08 is 37 years)."""
    problems = []
    if not 0 <= months <= 11:
        problems.append("months_range")
    if years < 15:
        problems.append("under_15_years")
    if years * 12 + months > retirement - work_start:
        problems.append("longer_than_career")
    return problems


def period_problems(
    periods: list[Period],
    *,
    work_start: YearMonth,
    retirement: YearMonth,
    last_allowed: YearMonth | None = None,
) -> list[tuple[int, str]]:
    """(row index, problem) for periods (R-7.3b, R-7.4): start ≤ end, both within
    [work start, retirement] (and ≤ `last_allowed`), no two overlapping."""
    problems = []
    latest = min(retirement, last_allowed) if last_allowed else retirement
    for index, period in enumerate(periods):
        if period.start > period.end:
            problems.append((index, "start_after_end"))
        if period.start < work_start or period.end < work_start:
            problems.append((index, "before_work_start"))
        if period.start > latest or period.end > latest:
            problems.append((index, "after_limit"))
    for first in range(len(periods)):
        for second in range(first + 1, len(periods)):
            if (
                periods[first].start <= periods[first].end
                and periods[second].start <= periods[second].end
                and periods[first].overlaps(periods[second])
            ):
                problems.append((second, "overlap"))
    return problems


def adjustment_record_problems(
    rows: list[tuple[str, Period]], *, counted: frozenset[YearMonth], deemed: frozenset[YearMonth]
) -> list[tuple[int, str]]:
    """核增 ("add") may only add months not counted yet (neither paid nor deemed); 核减
    ("deduct") may only take away months that are deemed on record."""
    problems = []
    for index, (kind, period) in enumerate(rows):
        if period.start > period.end:
            continue
        months = set(period.start.iter_through(period.end))
        if kind == "add" and months & counted:
            problems.append((index, "already_counted"))
        if kind == "deduct" and not months <= deemed:
            problems.append((index, "not_deemed"))
    return problems


def cumulative_months(
    *, paid: int, deemed: int, additions: list[Period], deductions: list[Period]
) -> int:
    """Cumulative contribution months after 视同缴费核增核减."""
    return paid + deemed + sum(p.months for p in additions) - sum(p.months for p in deductions)


def position_change_problems(
    dates: list[YearMonth], *, retirement: YearMonth
) -> list[tuple[int, str]]:
    """人员职务升降 (R-7.5): not after retirement; at most one change a year in 2014–2024."""
    problems = []
    seen_years: dict[int, int] = {}
    for index, date in enumerate(dates):
        if date > retirement:
            problems.append((index, "after_retirement"))
        if 2014 <= date.year <= 2024:
            if date.year in seen_years:
                problems.append((index, "two_in_a_year"))
            seen_years.setdefault(date.year, index)
    return problems


def luhn_ok(number: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def bank_account_problems(
    *, holder: str, person_name: str, number: str, repeated: str
) -> tuple[list[str], list[str]]:
    """(errors, warnings) for 银行账号 (R-7.6): the holder is the person; 12–19 digits typed
    twice the same; a failed Luhn check only warns (some valid accounts fail it)."""
    errors, warnings = [], []
    if holder.strip() != person_name.strip():
        errors.append("holder_not_person")
    if not (number.isascii() and number.isdigit() and 12 <= len(number) <= 19):
        errors.append("number_format")
    if number != repeated:
        errors.append("numbers_differ")
    if not errors and not luhn_ok(number):
        warnings.append("luhn")
    return errors, warnings
