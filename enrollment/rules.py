"""Rules of staff reduction (在职人员减少), as pure functions."""

from __future__ import annotations

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
