import datetime
from decimal import Decimal

import pytest

from pension.rules import SCHEME_START, RetirementGroup, statutory_retirement_month
from portal.yearmonth import YearMonth
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person
from tests.factories import resident_id
from tests.progress.conftest import (
    agent_client,
    ensure_material_types,
    media,
    other_unit,
    staff,
    unit,
)


@pytest.fixture(autouse=True)
def _material_types(db):
    ensure_material_types()


# The same units, agent client and staff as the case tests (not their stand-in business).
__all__ = ["agent_client", "media", "other_unit", "staff", "unit"]


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
