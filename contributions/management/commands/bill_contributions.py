"""`manage.py bill_contributions [--month 2026-12] [--unit 3601021001 …]`: 缴费核定 of a
month (the current one unless told), for the whole province or the units named. Run it early
each month (cron, a systemd timer, or the Celery beat schedule `contributions.tasks`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from contributions.billing import bill_month
from portal.yearmonth import YearMonth
from roster.models import Unit


class Command(BaseCommand):
    help = "Bill a month's contributions from the bases and rates in force."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM, the current month if left out")
        parser.add_argument("--unit", action="append", default=[], help="a unit code")

    def handle(self, *args, month=None, unit=(), **options):
        try:
            month = YearMonth.parse(month) if month else YearMonth.current()
        except ValueError as error:
            raise CommandError(f"--month: {error}") from None
        units = None
        if unit:
            units = list(Unit.objects.filter(code__in=unit))
            unknown = set(unit) - {u.code for u in units}
            if unknown:
                raise CommandError(f"unknown unit code: {', '.join(sorted(unknown))}")
        try:
            billed = bill_month(month, units=units)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{billed.month}: {billed.created} contributions billed, "
            f"{billed.existing} billed before"
        )
