"""Factories for the domain: valid codes and ID numbers by construction."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from accounts.models import Agent
from portal.identity import credit_code_with_check_character, resident_id_with_check_digit
from portal.yearmonth import YearMonth
from roster.models import (
    Contribution,
    County,
    DeemedPeriod,
    InsuranceRelation,
    Person,
    Retirement,
    Unit,
)


def resident_id(
    county: str = "360102", birth: datetime.date = datetime.date(1980, 5, 17), sequence: int = 123
) -> str:
    return resident_id_with_check_digit(f"{county}{birth:%Y%m%d}{sequence:03d}")


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ["code"]

    code = "360102"
    name = "东湖区"
    city = "南昌市"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"36010{n:05d}")
    name = factory.Sequence(lambda n: f"南昌市东湖区测试局{n}")
    credit_code = factory.Sequence(lambda n: credit_code_with_check_character(f"11360102{n:08d}0"))
    unit_type = Unit.Type.AGENCY
    county = factory.SubFactory(CountyFactory)
    legal_representative = "王建华"
    address = "南昌市东湖区八一大道1号"
    phone = "0791-86000000"
    insured_since = YearMonth(2014, 10)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    personal_code = factory.Sequence(lambda n: f"360102{n:06d}")
    name = factory.Sequence(lambda n: f"测试人员{n}")
    birth_date = datetime.date(1980, 5, 17)
    id_number = factory.Sequence(
        lambda n: resident_id(birth=datetime.date(1980, 5, 17), sequence=(n % 500) * 2 + 1)
    )
    sex = "M"
    work_start_date = datetime.date(2002, 8, 1)
    staff_category = Person.StaffCategory.CADRE


class InsuranceRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsuranceRelation

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    status = InsuranceRelation.Status.ACTIVE
    start_month = YearMonth(2014, 10)
    contribution_base = Decimal("6800.00")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    month = YearMonth(2020, 1)
    base = Decimal("6800.00")
    unit_amount = Decimal("1088.00")
    personal_amount = Decimal("544.00")
    status = Contribution.Status.PAID


class DeemedPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeemedPeriod

    person = factory.SubFactory(PersonFactory)
    start_month = YearMonth(2002, 8)
    end_month = YearMonth(2014, 9)


class RetirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Retirement

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    retirement_date = datetime.date(2020, 6, 1)
    retirement_type = Retirement.Type.NORMAL
    monthly_pension = Decimal("5230.50")


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agent

    unit = factory.SubFactory(UnitFactory)
    name = "张三"
    id_number = factory.LazyFunction(lambda: resident_id(birth=datetime.date(1985, 3, 9)))
    email = "agent@example.cn"
    phone = "13800138000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("Passw0rd2026")
