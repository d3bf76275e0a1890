"""Issue 16: the promised time limit in working days — weekends, the public holidays and the
weekend days worked instead — shown as the promised completion date on the unit's case page,
with the days left and an overdue flag in the review queue."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from progress.deadlines import deadlines
from progress.models import Application, CalendarDay, ServiceGuide
from progress.workdays import Calendar
from tests.progress.conftest import DUMMY, make_case
from tests.progress.test_references import submit

pytestmark = pytest.mark.django_db
D = datetime.date
# 国庆节 2026: 10-01 … 10-07 off, Sunday 09-20 and Saturday 10-10 worked.
NATIONAL_DAY = Calendar(
    holidays=frozenset(D(2026, 10, day) for day in range(1, 8)),
    workdays=frozenset({D(2026, 9, 20), D(2026, 10, 10)}),
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 9, 18), True),  # Friday
        (D(2026, 9, 19), False),  # Saturday
        (D(2026, 9, 20), True),  # Sunday worked instead
        (D(2026, 10, 1), False),  # Thursday, a holiday
        (D(2026, 10, 8), True),  # Thursday after the holiday
        (D(2026, 10, 10), True),  # Saturday worked instead
        (D(2026, 10, 11), False),  # Sunday
    ],
)
def test_r16_working_days_on_both_sides_of_the_holiday_table(day, working):
    assert NATIONAL_DAY.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (D(2026, 9, 28), 1, D(2026, 9, 29)),  # Monday + 1: Tuesday
        (D(2026, 9, 28), 3, D(2026, 10, 8)),  # Mon → Tue, Wed, then the week off, Thu 10-08
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 8), 2, D(2026, 10, 10)),  # Thu → Fri, Saturday worked
        (D(2026, 10, 8), 3, D(2026, 10, 12)),
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Friday → the Sunday worked
    ],
)
def test_r16_adding_working_days_across_the_holiday(start, count, due):
    assert NATIONAL_DAY.add_working_days(start, count) == due


def test_r16_days_left_and_overdue_count_working_days():
    due = D(2026, 10, 8)
    assert NATIONAL_DAY.working_days_left(D(2026, 9, 30), due) == 1  # the holiday does not count
    assert NATIONAL_DAY.working_days_left(due, due) == 0
    assert NATIONAL_DAY.working_days_left(D(2026, 10, 12), due) == -3  # 9th, 10th (worked), 12th


def test_r16_the_seeded_calendar_and_guides():
    assert CalendarDay.objects.get(day=D(2026, 10, 1)).kind == "holiday"
    assert CalendarDay.objects.get(day=D(2026, 10, 10)).kind == "workday"
    limits = dict(ServiceGuide.objects.values_list("business_code", "time_limit_days"))
    assert limits == {
        "pension_claim": 20,
        "staff_addition": 5,
        "staff_reduction": 5,
        "batch_addition": 10,
        "batch_reduction": 10,
        "base_declaration": 10,
    }


@pytest.fixture
def guide(db):
    return ServiceGuide.objects.update_or_create(
        business_code=DUMMY.code, defaults={"time_limit_days": 3}
    )[0]


# Submitted on Monday 2026-09-28 at 10:00 in 南昌: due on Thursday 10-08.
SUBMITTED = datetime.datetime(2026, 9, 28, 2, 0, tzinfo=datetime.UTC)


def test_r16_the_unit_sees_the_promised_date(unit, media, guide):
    with time_machine.travel(SUBMITTED, tick=False):
        case = submit(make_case(unit))
        agent = Client()
        agent.force_login(unit.account)
        html = agent.get(f"/progress/{case.pk}/").content.decode()
    assert "承诺办结：2026-10-08（剩余3个工作日）" in html


def test_r16_the_review_queue_shows_days_left_and_flags_overdue(unit, staff, media, guide):
    with time_machine.travel(SUBMITTED, tick=False):
        late = submit(make_case(unit))
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=10), tick=False):  # Thu 10-08
        fresh = submit(make_case(unit, person_name="李雷"))  # due Mon 10-12 (Sat 10-10 worked)
    reviewer = Client()
    reviewer.force_login(staff)
    with time_machine.travel(
        datetime.datetime(2026, 10, 12, 2, 0, tzinfo=datetime.UTC), tick=False
    ):
        html = reviewer.get("/backoffice/reviews/").content.decode()
        assert deadlines([fresh])[fresh.pk].due == D(2026, 10, 12)
    assert '<td class="warning-text">2026-10-08（已超期3个工作日）</td>' in html
    assert "<td>2026-10-12（今日到期）</td>" in html
    assert late.pk != fresh.pk


def test_r16_the_queue_reads_deadlines_in_constant_queries(unit, staff, media, guide):
    reviewer = Client()
    reviewer.force_login(staff)
    counts = []
    reviewer.get("/backoffice/reviews/")  # the session and the menu's counts warmed up
    for name in ("甲", "乙", "丙"):
        submit(make_case(unit, person_name=name))
        with CaptureQueriesContext(connection) as captured:
            reviewer.get("/backoffice/reviews/")
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2]
    assert Application.objects.filter(status="submitted").count() == 3
