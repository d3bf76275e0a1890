"""The promised completion date of submitted cases (承诺办结时限): the submission day plus the
business's time limit in working days (`ServiceGuide`, `CalendarDay`). Two queries for any
number of cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from progress.models import Application, CalendarDay, ServiceGuide
from progress.workdays import Calendar


@dataclass(frozen=True)
class Deadline:
    due: datetime.date
    days_left: int  # working days; negative once overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def calendar_from(first: datetime.date) -> Calendar:
    """The holidays and adjusted working days from `first` on (a few dozen rows a year)."""
    rows = CalendarDay.objects.filter(day__gte=first).values_list("day", "kind")
    holidays = {day for day, kind in rows if kind == CalendarDay.Kind.HOLIDAY}
    workdays = {day for day, kind in rows if kind == CalendarDay.Kind.WORKDAY}
    return Calendar(holidays=frozenset(holidays), workdays=frozenset(workdays))


def deadlines(cases) -> dict[int, Deadline]:
    """By case id, for the submitted cases among `cases` whose business has a time limit."""
    submitted = [
        case for case in cases if case.status == Application.Status.SUBMITTED and case.submitted_at
    ]
    if not submitted:
        return {}
    limits = dict(
        ServiceGuide.objects.filter(
            business_code__in={case.business_code for case in submitted}
        ).values_list("business_code", "time_limit_days")
    )
    days = {case.pk: timezone.localdate(case.submitted_at) for case in submitted}
    calendar = calendar_from(min(days.values()))
    today = timezone.localdate()
    found = {}
    for case in submitted:
        if case.business_code in limits:
            due = calendar.add_working_days(days[case.pk], limits[case.business_code])
            found[case.pk] = Deadline(due=due, days_left=calendar.working_days_left(today, due))
    return found
