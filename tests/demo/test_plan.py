"""The demo plan holds together on any day it is made (scenario dates move with the day)."""

import datetime

import pytest

from demo.plan import build_plan
from pension.rules import retirement_group, statutory_retirement_month
from portal.yearmonth import YearMonth

DAYS = [datetime.date(2024, 1, 15) + datetime.timedelta(days=31 * n) for n in range(40)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_plan_is_consistent_whatever_the_day(today):
    plan = build_plan(today)
    this_month = YearMonth.from_date(today)
    ids = [person.id_number for person in plan.persons]
    codes = [person.personal_code for person in plan.persons]
    assert len(set(ids)) == len(ids) and len(set(codes)) == len(codes)
    for person in plan.persons:
        assert person.birth_date < person.work_start_date <= today
        if person.relation_status is None:
            continue
        assert person.start_month <= this_month - 1, person
        if person.end_month is not None:
            assert person.start_month <= person.end_month, person
    eligible = next(p for p in plan.persons if p.scenario == "pension_eligible")
    group = retirement_group(sex=eligible.sex, is_cadre=eligible.staff_category == "cadre")
    retires = statutory_retirement_month(YearMonth.from_date(eligible.birth_date), group)
    assert 1 <= retires - this_month <= 2
