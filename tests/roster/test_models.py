"""Database constraints hold the domain's invariants (DESIGN §3), on PostgreSQL and SQLite."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.yearmonth import YearMonth
from roster.models import Contribution, InsuranceRelation, Person
from tests.factories import (
    ContributionFactory,
    DeemedPeriodFactory,
    InsuranceRelationFactory,
    PersonFactory,
    UnitFactory,
    resident_id,
)

pytestmark = pytest.mark.django_db


def violates(factory, **kwargs) -> bool:
    try:
        with transaction.atomic():
            factory(**kwargs)
    except IntegrityError:
        return True
    return False


def test_unit_code_is_unique():
    UnitFactory(code="3601021001")
    assert violates(UnitFactory, code="3601021001")


def test_unit_code_must_have_10_or_12_digits():
    assert not violates(UnitFactory, code="360102100212")
    assert violates(UnitFactory, code="36010210011")


def test_credit_code_is_unique():
    unit = UnitFactory()
    assert violates(UnitFactory, credit_code=unit.credit_code)


def test_personal_code_is_unique():
    PersonFactory(personal_code="360102000001")
    assert violates(PersonFactory, personal_code="360102000001")


def test_id_type_and_number_are_unique_together():
    person = PersonFactory()
    assert violates(PersonFactory, id_number=person.id_number)
    assert not violates(PersonFactory, id_number=person.id_number, id_type=Person.IdType.PASSPORT)


def test_at_most_one_active_relation_per_person():
    relation = InsuranceRelationFactory()
    assert violates(InsuranceRelationFactory, person=relation.person)
    assert not violates(
        InsuranceRelationFactory,
        person=relation.person,
        status=InsuranceRelation.Status.SUSPENDED,
        end_month=YearMonth(2020, 1),
    )


def test_relation_cannot_end_before_it_starts():
    assert violates(
        InsuranceRelationFactory,
        start_month=YearMonth(2020, 5),
        end_month=YearMonth(2020, 4),
        status=InsuranceRelation.Status.ENDED,
    )
    assert not violates(
        InsuranceRelationFactory,
        start_month=YearMonth(2020, 5),
        end_month=YearMonth(2020, 5),
        status=InsuranceRelation.Status.ENDED,
    )


def test_one_contribution_per_person_unit_month():
    row = ContributionFactory()
    assert violates(ContributionFactory, person=row.person, unit=row.unit, month=row.month)
    assert not violates(ContributionFactory, person=row.person, unit=row.unit, month=row.month + 1)


def test_contribution_status_paid_or_due():
    row = ContributionFactory(status=Contribution.Status.DUE)
    assert row.get_status_display() == "应缴未缴"
    assert violates(ContributionFactory, status="owed")


def test_relation_status_is_one_of_the_three():
    assert violates(InsuranceRelationFactory, status="paused")


def test_deemed_period_ends_before_the_scheme_began():
    assert not violates(DeemedPeriodFactory, end_month=YearMonth(2014, 9))
    assert violates(DeemedPeriodFactory, end_month=YearMonth(2014, 10))


def test_deemed_period_months_are_counted_inclusively():
    period = DeemedPeriodFactory(start_month=YearMonth(2002, 8), end_month=YearMonth(2014, 9))
    assert period.months == 146


def test_person_clean_checks_id_against_sex_and_birth_date():
    number = resident_id(birth=datetime.date(1980, 5, 17), sequence=123)  # odd: male
    person = PersonFactory.build(id_number=number, sex="F", birth_date=datetime.date(1980, 5, 18))
    with pytest.raises(ValidationError) as raised:
        person.clean()
    assert set(raised.value.message_dict) == {"sex", "birth_date"}
    person.sex, person.birth_date = "M", datetime.date(1980, 5, 17)
    person.clean()


def test_person_clean_refuses_an_invalid_resident_id():
    person = PersonFactory.build(id_number="360426199101010072")
    with pytest.raises(ValidationError) as raised:
        person.clean()
    assert "id_number" in raised.value.message_dict


def test_passport_numbers_are_not_checked_as_resident_ids():
    person = PersonFactory.build(id_type=Person.IdType.PASSPORT, id_number="E12345678")
    person.clean()


def current_unit(person):
    return Person.objects.values_list("current_unit", flat=True).get(pk=person.pk)


def test_r6_5_current_unit_follows_the_latest_relation_whatever_writes_it():
    first, second = UnitFactory(), UnitFactory()
    person = PersonFactory()
    assert current_unit(person) is None
    InsuranceRelationFactory(
        person=person, unit=first, status="ended", start_month=YearMonth(2015, 1)
    )
    assert current_unit(person) == first.pk
    later = InsuranceRelationFactory(person=person, unit=second, start_month=YearMonth(2019, 7))
    assert current_unit(person) == second.pk
    # An older relation recorded afterwards does not move the person back.
    InsuranceRelation.objects.create(
        person=person,
        unit=first,
        status="ended",
        start_month=YearMonth(2014, 10),
        end_month=YearMonth(2014, 12),
        contribution_base=6800,
    )
    assert current_unit(person) == second.pk
    # A corrected start month, a bulk update and a deletion are followed too.
    InsuranceRelation.objects.filter(pk=later.pk).update(start_month=YearMonth(2014, 11))
    assert current_unit(person) == first.pk
    later.start_month = YearMonth(2020, 1)
    later.save()
    assert current_unit(person) == second.pk
    later.delete()
    assert current_unit(person) == first.pk
    InsuranceRelation.objects.filter(person=person).delete()
    assert current_unit(person) is None


def test_r6_5_moving_a_relation_to_another_person_refreshes_both():
    unit_a, unit_b = UnitFactory(), UnitFactory()
    alice, bob = PersonFactory(), PersonFactory()
    relation = InsuranceRelationFactory(person=alice, unit=unit_a)
    InsuranceRelationFactory(
        person=bob, unit=unit_b, status="ended", start_month=YearMonth(2014, 10)
    )
    InsuranceRelation.objects.filter(pk=relation.pk).update(
        person=bob, start_month=YearMonth(2020, 1)
    )
    assert current_unit(alice) is None
    assert current_unit(bob) == unit_a.pk


def test_r6_5_a_stale_copy_saved_does_not_undo_the_current_unit():
    first, second = UnitFactory(), UnitFactory()
    relation = InsuranceRelationFactory(unit=first)
    stale = Person.objects.get(pk=relation.person_id)  # read while the person was in `first`
    InsuranceRelation.objects.filter(pk=relation.pk).update(status="ended")
    InsuranceRelationFactory(person_id=stale.pk, unit=second, start_month=YearMonth(2021, 1))
    assert current_unit(stale) == second.pk
    stale.phone = "13900000000"
    stale.save()  # writes every column, the old current unit among them
    assert current_unit(stale) == second.pk
    Person.objects.filter(pk=stale.pk).update(current_unit=first)
    assert current_unit(stale) == second.pk


@pytest.mark.django_db(transaction=True)
def test_r6_5_migrating_back_and_forth_rebuilds_the_person_table_and_keeps_the_unit():
    """Back to 0006 removes the column (SQLite rebuilds roster_person, which the triggers must
    not stand in the way of); forward again computes every person's unit anew."""
    from django.core.management import call_command

    relation = InsuranceRelationFactory()
    call_command("migrate", "roster", "0006", verbosity=0)
    call_command("migrate", verbosity=0)
    assert current_unit(relation.person) == relation.unit_id
    later = InsuranceRelationFactory(
        person=relation.person, status="ended", start_month=YearMonth(2022, 1)
    )
    assert current_unit(relation.person) == later.unit_id
