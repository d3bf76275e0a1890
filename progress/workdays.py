"""Working days (工作日) for the promised time limits of the businesses: Monday to Friday, less
the public holidays, plus the weekend days worked instead (调休上班), as the State Council
publishes them each year (`progress.CalendarDay`). Pure functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)
    workdays: frozenset[datetime.date] = field(default_factory=frozenset)  # weekend days worked

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date:
        """The `count`-th working day after `start` (the day of submission does not count)."""
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_left(self, today: datetime.date, due: datetime.date) -> int:
        """Working days after `today` up to `due`: 0 on the last day, negative once overdue
        (the working days since `due`)."""
        if due >= today:
            return self._between(today, due)
        return -self._between(due, today)

    def _between(self, first: datetime.date, last: datetime.date) -> int:
        days = (last - first).days
        return sum(
            self.is_working_day(first + datetime.timedelta(days=offset))
            for offset in range(1, days + 1)
        )
