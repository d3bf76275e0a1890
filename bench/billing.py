"""Benchmark of the month's 缴费核定 (`make bench-billing`) over the province that `make
bench-scale` built (the database jxsi_scale; build it first): `contributions.billing.bill_month`
for the current month against its floor, one INSERT … SELECT that finds each relation's base in
force in SQL and writes the same rows. Each run is rolled back.

    .venv/bin/python bench/billing.py [--rounds 3]

A benchmark, not a test: nothing fails, the numbers are for reading.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import scale

FLOOR = """
INSERT INTO roster_contribution (person_id, unit_id, month, base, unit_amount, personal_amount,
    status)
SELECT r.person_id, r.unit_id, %(month)s, b.base, round(b.base * %(unit)s / 100, 2),
       round(b.base * %(personal)s / 100, 2), 'due'
FROM roster_insurancerelation r
JOIN roster_unit u ON u.id = r.unit_id AND u.status = 'active'
CROSS JOIN LATERAL (
  SELECT coalesce((SELECT p.base FROM contributions_baseperiod p
                   WHERE p.relation_id = r.id AND p.valid_from <= %(month)s
                   ORDER BY p.valid_from DESC LIMIT 1), r.contribution_base) AS base
) AS b
WHERE r.start_month <= %(month)s
  AND ((r.status = 'active' AND r.end_month IS NULL) OR r.end_month >= %(month)s)
  AND NOT EXISTS (SELECT 1 FROM roster_contribution c
                  WHERE c.person_id = r.person_id AND c.month = %(month)s)
"""


class Rollback(Exception):
    pass


def timed(action, rounds: int) -> tuple[float, int]:
    """Median seconds over the rounds, each rolled back (and its dead rows vacuumed, so that
    the next run meets the table as the first did), and the rows of the last."""
    from django.db import connection, transaction

    times, rows = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                rows = action()
                times.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE roster_contribution")
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    scale.environment()
    import django

    django.setup()
    from django.db import connection

    from contributions import billing, rules
    from portal.yearmonth import YearMonth

    month = YearMonth.current()
    rate = rules.rate_in_force(billing.basic_rates(), rules.BASIC, month)
    parameters = {
        "month": month.first_day(),
        "unit": rate.unit_rate,
        "personal": rate.personal_rate,
    }

    def floor() -> int:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR, parameters)
            return cursor.rowcount

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM roster_insurancerelation WHERE status = 'active'")
        active = cursor.fetchone()[0]
    print(f"## 缴费核定 of {month}: {active:,} active relations in the province")
    page_s, page_rows = timed(lambda: billing.bill_month(month).created, arguments.rounds)
    floor_s, floor_rows = timed(floor, arguments.rounds)
    print(f"{'run':<28} {'s':>7} {'floor s':>8} {'ratio':>6} {'rows':>10}")
    print(
        f"{'bill_month':<28} {page_s:7.1f} {floor_s:8.1f} {page_s / floor_s:5.2f}x {page_rows:>10,}"
    )
    if page_rows != floor_rows:
        print(f"the floor wrote {floor_rows:,} rows")


if __name__ == "__main__":
    main()
