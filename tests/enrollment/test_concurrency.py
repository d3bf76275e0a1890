"""Twenty 在职人员增加 starts for one new ID number at the same moment (tabs, double clicks, two
units) make one case: the database holds one open case per person still to be registered."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from enrollment import services
from portal.identity import resident_id_with_check_digit
from progress.models import Application
from tests.factories import AgentFactory, UnitFactory

NEW_ID = resident_id_with_check_digit("36010219980315011")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_twenty_starts_at_once_for_one_new_id_make_one_case(unit):
    from accounts.services import unit_account_open

    other = UnitFactory(code="360702100212", name="赣州市章贡区疾控中心")
    unit_account_open(unit=other, agent=AgentFactory(unit=other, id_number="360426199101010071"))
    units = [unit] * 15 + [other] * 5
    barrier = threading.Barrier(len(units))
    started, refused, errors = [], [], []

    def start(who):
        try:
            barrier.wait()
            case = services.addition_start(
                unit=who, id_type="resident_id", id_number=NEW_ID, name="孙新人", by=who.account
            )
            started.append((who.pk, case.pk))
        except ValidationError as error:
            refused.append((who.pk, error.code))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start, args=(who,)) for who in units]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    case = Application.objects.get(subject_id_number=NEW_ID)  # exactly one
    assert {pk for _unit, pk in started} == {case.pk}
    assert all(unit_pk == case.unit_id for unit_pk, _pk in started)
    assert len(started) + len(refused) == len(units)
    assert all(code == "open_case" for _unit, code in refused)


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_case_for_one_new_person(unit):
    from django.db import IntegrityError, transaction

    Application.objects.create(unit=unit, business_code="staff_addition", subject_id_number=NEW_ID)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            unit=unit, business_code="staff_addition", subject_id_number=NEW_ID
        )
    Application.objects.filter(subject_id_number=NEW_ID).update(status="withdrawn")
    Application.objects.create(unit=unit, business_code="staff_addition", subject_id_number=NEW_ID)
