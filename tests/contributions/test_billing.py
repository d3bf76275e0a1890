"""R-13.3 缴费核定 of a month: who is billed (both sides of every boundary), the base in force and
the rate in force, billing twice, the command and the monthly task, and what the monthly view
shows of a billed month."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from contributions import billing, tasks
from contributions.models import BasePeriod, ContributionRate
from portal.yearmonth import YearMonth
from roster.models import Contribution, InsuranceRelation
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
MONTH = YearMonth(2026, 1)


@pytest.fixture(autouse=True)
def _rates(db):
    importlib.import_module("contributions.migrations.0002_rates").add(apps, None)


def billed(person, month=MONTH):
    return Contribution.objects.get(person=person, month=month)


def test_r13_3_a_month_is_billed_from_the_base_in_force_at_the_rate_in_force(unit):
    person = add_person(unit, 1, start=YearMonth(2025, 1), months=0, base=Decimal("6800"))
    relation = InsuranceRelation.objects.get(person=person)
    BasePeriod.objects.create(relation=relation, valid_from=YearMonth(2025, 1), base=6800)
    BasePeriod.objects.create(relation=relation, valid_from=MONTH, base=Decimal("9001.03"))
    result = billing.bill_month(MONTH - 1)
    assert (result.created, result.existing) == (1, 0)
    december = billed(person, MONTH - 1)
    assert (december.base, december.unit_amount, december.personal_amount) == (
        Decimal("6800.00"),
        Decimal("1088.00"),
        Decimal("544.00"),
    )
    assert december.status == Contribution.Status.DUE and december.unit == unit
    billing.bill_month(MONTH)
    january = billed(person, MONTH)
    # 9,001.03 × 16 % = 1,440.1648 → 1,440.16; × 8 % = 720.0824 → 720.08
    assert (january.base, january.unit_amount, january.personal_amount) == (
        Decimal("9001.03"),
        Decimal("1440.16"),
        Decimal("720.08"),
    )


def test_r13_3_without_periods_the_base_the_relation_started_with(unit):
    person = add_person(unit, 1, start=YearMonth(2025, 1), months=0, base=Decimal("7300.50"))
    billing.bill_month(MONTH)
    assert billed(person).base == Decimal("7300.50")


def test_r13_3_the_unit_rate_changes_in_may_2019(unit):
    person = add_person(unit, 1, start=YearMonth(2019, 1), months=0, base=Decimal("5000"))
    billing.bill_month(YearMonth(2019, 4))
    billing.bill_month(YearMonth(2019, 5))
    april, may = billed(person, YearMonth(2019, 4)), billed(person, YearMonth(2019, 5))
    assert (april.unit_amount, april.personal_amount) == (Decimal("1000.00"), Decimal("400.00"))
    assert (may.unit_amount, may.personal_amount) == (Decimal("800.00"), Decimal("400.00"))


@pytest.mark.parametrize(
    ("start", "end", "status", "unit_status", "owes"),
    [
        (MONTH, None, "active", "active", True),  # started this month
        (MONTH + 1, None, "active", "active", False),  # starts next month
        (YearMonth(2020, 1), MONTH, "active", "active", True),  # ends this month
        (YearMonth(2020, 1), MONTH - 1, "active", "active", False),  # ended last month
        (YearMonth(2020, 1), None, "suspended", "active", False),  # 暂停缴费
        (YearMonth(2020, 1), MONTH, "suspended", "active", True),  # 减员 from next month
        (YearMonth(2020, 1), MONTH - 1, "suspended", "active", False),  # 减员 from this month
        (YearMonth(2020, 1), MONTH, "ended", "active", True),  # died this month
        (YearMonth(2020, 1), None, "active", "suspended", False),  # the unit suspended
    ],
)
def test_r13_3_who_owes_the_month(unit, start, end, status, unit_status, owes):
    person = add_person(unit, 1, start=start, months=0, status=status)
    InsuranceRelation.objects.filter(person=person).update(end_month=end)
    type(unit).objects.filter(pk=unit.pk).update(status=unit_status)
    assert billing.bill_month(MONTH).created == (1 if owes else 0)
    assert Contribution.objects.filter(person=person).exists() is owes


def test_r13_3_billing_twice_bills_nobody_twice_and_keeps_what_was_paid(unit, other_unit):
    paid = add_person(unit, 1, start=MONTH, months=1)  # January on record, paid
    new = add_person(unit, 2, start=MONTH, months=0)
    elsewhere = add_person(other_unit, 3, start=MONTH, months=0)
    first = billing.bill_month(MONTH, units=[unit])
    assert (first.created, first.existing) == (1, 1)
    assert billed(paid).status == "paid" and billed(new).status == "due"
    assert not Contribution.objects.filter(person=elsewhere).exists()
    again = billing.bill_month(MONTH)
    assert (again.created, again.existing) == (1, 2)
    assert Contribution.objects.filter(month=MONTH).count() == 3


def test_r13_3_billing_runs_in_chunks_each_with_its_own_bases(unit, monkeypatch):
    monkeypatch.setattr(billing, "CHUNK", 2)
    people = [add_person(unit, n, start=MONTH - 12, months=0) for n in range(1, 6)]
    for n, person in enumerate(people, start=1):
        relation = InsuranceRelation.objects.get(person=person)
        BasePeriod.objects.create(relation=relation, valid_from=MONTH, base=7000 + n)
        BasePeriod.objects.create(relation=relation, valid_from=MONTH + 1, base=9000 + n)
    assert billing.bill_month(MONTH).created == 5
    bases = dict(Contribution.objects.filter(month=MONTH).values_list("person_id", "base"))
    assert bases == {p.pk: Decimal(7000 + n) for n, p in enumerate(people, start=1)}


def test_r13_3_a_month_without_a_rate_is_refused(unit):
    add_person(unit, 1, start=YearMonth(2014, 1), months=0)
    with pytest.raises(ValidationError, match="没有执行中的基本养老保险费率"):
        billing.bill_month(YearMonth(2014, 9))
    assert billing.bill_month(YearMonth(2014, 10)).created == 1  # the scheme's first month


def test_r13_3_the_command_and_the_monthly_task(unit, other_unit, capsys):
    add_person(unit, 1, start=MONTH, months=0)
    add_person(other_unit, 2, start=MONTH, months=0)
    call_command("bill_contributions", "--month", "2026-01", "--unit", unit.code)
    assert "2026-01: 1" in capsys.readouterr().out
    with pytest.raises(CommandError, match="month"):
        call_command("bill_contributions", "--month", "2026-13")
    with pytest.raises(CommandError, match="999999999999"):
        call_command("bill_contributions", "--unit", "999999999999")
    ContributionRate.objects.all().delete()
    with pytest.raises(CommandError, match="费率"):
        call_command("bill_contributions", "--month", "2026-02")
    importlib.import_module("contributions.migrations.0002_rates").add(apps, None)
    current = YearMonth.current()
    assert tasks.bill_contributions.apply().get() == 2
    assert Contribution.objects.filter(month=current).count() == 2


def test_r13_3_the_monthly_view_shows_a_billed_month_as_outstanding(agent_client, unit):
    person = add_person(unit, 1, start=YearMonth(2025, 1), months=0, base=Decimal("10000"))
    current = YearMonth.current()
    billing.bill_month(current)
    html = agent_client.get("/contributions/monthly/").content.decode()
    row = html.split(f'<th scope="row">{current}</th>')[1].split("</tr>")[0]
    assert "2400.00" in row  # 应缴 1,600 + 800, none paid: all of it 欠缴
    assert row.count("2400.00") == 2
    assert billed(person, current).status == "due"


@pytest.mark.parametrize("base", ["5100.00", "9001.03", "12345.65", "25500.00", "0.01", "7777.77"])
@pytest.mark.parametrize("annuity", [True, False])
def test_r13_5_a_declarations_pricing_gives_the_rules_amounts(base, annuity):
    """The declaration's totals price thousands of rows by factors found once; each amount is
    `rules.monthly_amounts`' to the cent."""
    from contributions import rules
    from contributions.services import Pricing

    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    pricing = Pricing(2026)
    rates = [
        rules.Rate(r.scheme, r.valid_from, r.unit_rate, r.personal_rate)
        for r in ContributionRate.objects.all()
    ]
    expected = rules.monthly_amounts(Decimal(base), YearMonth(2026, 1), rates, annuity=annuity)
    assert pricing.amounts(Decimal(base), annuity=annuity) == (
        expected.unit,
        expected.personal,
        expected.annuity_unit,
        expected.annuity_personal,
    )


def test_r13_3_the_beat_schedule_bills_every_night_at_one():
    """The schedule names the registered task, at 01:00 every day, in the portal's time
    zone."""
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["bill-contributions"]
    assert entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert schedule.hour == {1} and schedule.minute == {0} and len(schedule.day_of_month) == 31
    assert app.conf.timezone == "Asia/Shanghai"


def test_r13_3_each_night_bills_the_months_a_back_dated_addition_reaches(unit, settings):
    """An addition approved late may start up to ENROLLMENT_BACKDATE_MONTHS back: the nightly
    run bills those months for who started within them, and only this month for the rest."""
    settings.ENROLLMENT_BACKDATE_MONTHS = 3
    old = add_person(unit, 1, start=MONTH - 24, months=0)
    edge = add_person(unit, 2, start=MONTH - 3, months=0)
    joined = add_person(unit, 3, start=MONTH - 2, months=0)
    runs = billing.bill_recent(MONTH)
    assert [str(run.month) for run in runs] == ["2025-10", "2025-11", "2025-12", "2026-01"]
    months = {
        person.name: sorted(str(c.month) for c in Contribution.objects.filter(person=person))
        for person in (old, edge, joined)
    }
    assert months == {
        old.name: ["2026-01"],
        edge.name: ["2025-10", "2025-11", "2025-12", "2026-01"],
        joined.name: ["2025-11", "2025-12", "2026-01"],
    }
    assert sum(run.created for run in billing.bill_recent(MONTH)) == 0


def test_r13_3_a_person_owes_a_month_once_to_the_newer_unit(unit, other_unit):
    """续保 begun before the old relation's end: both reach the month; it is billed once."""
    person = add_person(unit, 1, start=MONTH - 12, months=0)
    InsuranceRelation.objects.filter(person=person).update(status="suspended", end_month=MONTH)
    InsuranceRelation.objects.create(
        person=person, unit=other_unit, status="active", start_month=MONTH, contribution_base=7100
    )
    result = billing.bill_month(MONTH)
    assert (result.created, result.existing) == (1, 1)
    assert billed(person).unit == other_unit and billed(person).base == Decimal("7100.00")
    assert billing.bill_month(MONTH - 1).created == 1  # before: the first unit's alone
    assert billed(person, MONTH - 1).unit == unit


def test_r13_3_the_command_without_a_month_bills_the_nightly_run(unit, capsys, settings):
    settings.ENROLLMENT_BACKDATE_MONTHS = 1
    add_person(unit, 1, start=YearMonth.current() - 1, months=0)
    call_command("bill_contributions")
    out = capsys.readouterr().out
    assert f"{YearMonth.current() - 1}: 1 contributions billed" in out
    assert f"{YearMonth.current()}: 1 contributions billed" in out
