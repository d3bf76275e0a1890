"""`manage.py bill_contributions [--month 2026-12] [--unit 3601021001 …]`: 缴费核定 of the
month asked for, for the whole province or the units named; without --month, what the nightly
run bills (`billing.bill_recent`: this month, and the months back-dated additions reach). Run it
nightly from cron or a systemd timer, or let the Celery beat schedule do it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from contributions.billing import bill_month, bill_recent
from portal.yearmonth import YearMonth
from roster.models import Unit


class Command(BaseCommand):
    help = "Bill a month's contributions from the bases and rates in force."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; left out: this month and recent starts")
        parser.add_argument("--unit", action="append", default=[], help="a unit code")

    def handle(self, *args, month=None, unit=(), **options):
        try:
            month = YearMonth.parse(month) if month else None
        except ValueError as error:
            raise CommandError(f"--month: {error}") from None
        units = None
        if unit:
            units = list(Unit.objects.filter(code__in=unit))
            unknown = set(unit) - {u.code for u in units}
            if unknown:
                raise CommandError(f"unknown unit code: {', '.join(sorted(unknown))}")
        try:
            runs = [bill_month(month, units=units)] if month else bill_recent(units=units)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for billed in runs:
            self.stdout.write(
                f"{billed.month}: {billed.created} contributions billed, "
                f"{billed.existing} billed before"
            )
