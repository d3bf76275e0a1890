import datetime
from decimal import Decimal

import pytest

from accounts.services import unit_account_open
from pension.rules import SCHEME_START, RetirementGroup, statutory_retirement_month
from portal.yearmonth import YearMonth
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person
from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory, resident_id
from tests.progress.conftest import ensure_material_types


@pytest.fixture(autouse=True)
def _material_types(db):
    ensure_material_types()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _open_unit(code, name, county):
    unit = UnitFactory(code=code, name=name, county=county)
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    return unit


@pytest.fixture
def unit(db):
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    return _open_unit("3601021001", "南昌市东湖区教育体育局", county)


@pytest.fixture
def other_unit(db):
    county = CountyFactory(code="360702", name="章贡区", city="赣州市")
    return _open_unit("360702100212", "赣州市章贡区疾控中心", county)


@pytest.fixture
def agent_client(client, unit):
    client.force_login(unit.account)
    return client


@pytest.fixture
def staff(unit):
    return UserFactory(username="guitai_donghu", county=unit.county)


def birth_for_retirement_in(months_ahead: int) -> YearMonth:
    """The birth month of a man (cadre) whose statutory retirement is `months_ahead` away, or
    the first one after (under the gradual increase some months are nobody's)."""
    target = YearMonth.current() + months_ahead
    birth = target - 75 * 12
    while statutory_retirement_month(birth, RetirementGroup.MALE) < target:
        birth = birth + 1
    return birth


def statutory_of(person) -> YearMonth:
    return statutory_retirement_month(YearMonth.from_date(person.birth_date), RetirementGroup.MALE)


def retiring_person(
    unit,
    number=1,
    *,
    months_ahead=1,
    name="王退休",
    deemed_months=None,
    due_months=0,
) -> Person:
    """A man in `unit` reaching statutory retirement `months_ahead` from now, who worked from
    1988-08 (deemed to 2014-09, or only the last `deemed_months` of it) and paid every month
    from 2014-10 to last month (the last `due_months` due but unpaid)."""
    birth = birth_for_retirement_in(months_ahead)
    person = Person.objects.create(
        personal_code=f"{unit.county.code}{number:06d}",
        name=name,
        id_number=resident_id(
            county=unit.county.code, birth=birth.first_day(), sequence=number * 2 + 1
        ),
        sex="M",
        birth_date=birth.first_day() + datetime.timedelta(days=9),
        work_start_date=datetime.date(1988, 8, 1),
        staff_category="cadre",
    )
    base = Decimal("7200.00")
    InsuranceRelation.objects.create(
        person=person, unit=unit, status="active", start_month=SCHEME_START, contribution_base=base
    )
    last = YearMonth.current() - 1
    months = list(SCHEME_START.iter_through(last))
    Contribution.objects.bulk_create(
        Contribution(
            person=person,
            unit=unit,
            month=month,
            base=base,
            unit_amount=base * Decimal("0.16"),
            personal_amount=base * Decimal("0.08"),
            status="due" if index >= len(months) - due_months else "paid",
        )
        for index, month in enumerate(months)
    )
    first_deemed = YearMonth(2014, 9) - (deemed_months - 1) if deemed_months else YearMonth(1988, 8)
    DeemedPeriod.objects.create(
        person=person, start_month=first_deemed, end_month=YearMonth(2014, 9)
    )
    return person
