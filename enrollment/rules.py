"""Rules of staff reduction (在职人员减少), as pure functions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from portal.yearmonth import YearMonth

REASONS = ("transfer", "resignation", "dismissal", "death", "emigration", "other")


@dataclass(frozen=True)
class StopWindow:
    """The months in which the insurance of a leaving person may stop (停保年月)."""

    earliest: YearMonth
    latest: YearMonth

    def contains(self, month: YearMonth) -> bool:
        return self.earliest <= month <= self.latest


def stop_month_window(
    *, last_paid: YearMonth | None, start: YearMonth, this_month: YearMonth, backdate_months: int
) -> StopWindow:
    """Not before the month after the last paid month minus the back-dating allowance (and
    never before the insurance began), not later than next month."""
    after_last_paid = (last_paid + 1) if last_paid else start
    earliest = max(after_last_paid - backdate_months, start)
    return StopWindow(earliest=earliest, latest=this_month + 1)


def reduction_material_required(reason: str) -> bool:
    """减员证明材料 is required for every reason but 其他."""
    return reason != "other"


def relation_status_after(reason: str) -> str:
    """Death ends the insurance relation; any other reason suspends it (续保 may follow)."""
    return "ended" if reason == "death" else "suspended"


# --- Staff addition (在职人员增加, R-8.1) --------------------------------------------------------

# What an addition records of a person: 人员关键信息, and for a 新登记 人员一般信息 too.
PERSON_KEY_FIELDS = ("name", "sex", "birth_date", "ethnicity", "nationality")
PERSON_GENERAL_FIELDS = (
    "household_type",
    "household_address",
    "education",
    "phone",
    "address",
    "work_start_date",
    "staff_category",
)

NEW_REGISTRATION = "new_registration"  # 新登记: the person is unknown
NEW_INSURANCE = "new_insurance"  # 新参保: known, never insured in this scheme
CONTINUATION = "continuation"  # 续保: insured before, now suspended or ended

REFUSED_NAME_MISMATCH = "name_mismatch"
REFUSED_ACTIVE = "active"
REFUSED_RETIRED = "retired"
REFUSED_DECEASED = "deceased"
REFUSED_OPEN_CASE = "open_case"


@dataclass(frozen=True)
class PersonState:
    known: bool
    actively_insured: bool = False
    retired: bool = False
    deceased: bool = False
    ever_insured: bool = False
    open_addition_case: bool = False


def addition_type(state: PersonState) -> tuple[str | None, str | None]:
    """(business type, None) or (None, refusal) for the person behind an ID number."""
    if state.open_addition_case:
        return None, REFUSED_OPEN_CASE
    if not state.known:
        return NEW_REGISTRATION, None
    if state.deceased:
        return None, REFUSED_DECEASED
    if state.retired:
        return None, REFUSED_RETIRED
    if state.actively_insured:
        return None, REFUSED_ACTIVE
    if state.ever_insured:
        return CONTINUATION, None
    return NEW_INSURANCE, None


def base_range(previous_year_average) -> tuple:
    """缴费基数 lies within 60 %–300 % of the previous year's provincial average wage."""
    from decimal import ROUND_HALF_UP, Decimal

    cent = Decimal("0.01")
    return (
        (previous_year_average * Decimal("0.6")).quantize(cent, ROUND_HALF_UP),
        (previous_year_average * Decimal("3")).quantize(cent, ROUND_HALF_UP),
    )


def start_month_window(
    *, work_start: YearMonth | None, this_month: YearMonth, backdate_months: int
) -> StopWindow:
    """参保开始年月: not before 参加工作日期, at most `backdate_months` back, at most one month
    ahead."""
    earliest = this_month - backdate_months
    if work_start is not None:
        earliest = max(earliest, work_start)
    return StopWindow(earliest=earliest, latest=this_month + 1)


def same_name(recorded: str, typed: str) -> bool:
    """Whether a typed name is the recorded one: compared after NFKC, without spaces and with
    every middle dot of minority and foreign names (·・•‧) as one, Latin letters in any case."""
    return _name_key(recorded) == _name_key(typed) != ""


def _name_key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name or "")
    name = re.sub(r"[\u00b7\u2022\u2027\u30fb\uff65]", "·", name)
    return re.sub(r"\s+", "", name).casefold()
