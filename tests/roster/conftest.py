import datetime
from decimal import Decimal

import pytest

from accounts.services import unit_account_open
from portal.yearmonth import YearMonth
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person, Retirement
from tests.factories import AgentFactory, UnitFactory, resident_id


def add_person(
    unit,
    number,
    *,
    name=None,
    start=None,
    months=24,
    due=0,
    status="active",
    base=Decimal("6800.00"),
):
    start = start or YearMonth(2014, 10)
    birth = datetime.date(1970 + number % 30, number % 12 + 1, number % 28 + 1)
    person = Person.objects.create(
        personal_code=f"{unit.county.code}{number:06d}",
        name=name or f"测试{number:03d}",
        id_number=resident_id(county=unit.county.code, birth=birth, sequence=number % 999),
        sex="M" if (number % 999) % 2 else "F",
        birth_date=birth,
        work_start_date=datetime.date(1995, 8, 1),
        staff_category="cadre",
    )
    InsuranceRelation.objects.create(
        person=person, unit=unit, status=status, start_month=start, contribution_base=base
    )
    Contribution.objects.bulk_create(
        Contribution(
            person=person,
            unit=unit,
            month=month,
            base=base,
            unit_amount=base * Decimal("0.16"),
            personal_amount=base * Decimal("0.08"),
            status="due" if index >= months - due else "paid",
        )
        for index, month in enumerate(start.iter_through(start + (months - 1)))
    )
    return person


def add_retiree(unit, number, retired: datetime.date, pension=Decimal("5200.00")):
    person = add_person(unit, number, status="ended", months=12)
    Retirement.objects.create(
        person=person,
        unit=unit,
        retirement_date=retired,
        retirement_type="normal",
        monthly_pension=pension,
    )
    return person


@pytest.fixture
def unit(db):
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局")
    agent = AgentFactory(unit=unit, name="赵云雪")
    account = unit_account_open(unit=unit, agent=agent)
    account.must_change_password = False
    account.save()
    return unit


@pytest.fixture
def other_unit(db):
    return UnitFactory(code="360702100212", name="赣州市章贡区疾病预防控制中心")


@pytest.fixture
def agent_client(client, unit):
    client.force_login(unit.account)
    return client


@pytest.fixture
def deemed(db):
    def make(person, start, end):
        return DeemedPeriod.objects.create(person=person, start_month=start, end_month=end)

    return make
