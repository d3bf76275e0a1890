"""Issue 14: `Person.current_unit` under PostgreSQL's concurrency and TRUNCATE."""

import threading

import psycopg
import pytest
from django.db import connection

from portal.yearmonth import YearMonth
from roster.models import Person
from tests.factories import InsuranceRelationFactory, UnitFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's triggers"),
    pytest.mark.django_db(transaction=True),
]
INSERT = (
    "INSERT INTO roster_insurancerelation (person_id, unit_id, scheme, occupational_annuity, "
    "status, start_month, end_month, contribution_base) "
    "VALUES (%s, %s, 'public_pension', true, 'ended', %s, %s, 6000)"
)


def current_unit(person_id):
    return Person.objects.values_list("current_unit", flat=True).get(pk=person_id)


def connect():
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
    )


def test_r6_5_two_writers_of_one_persons_relations_leave_the_latest_unit():
    """The later relation commits first while an earlier one waits on the person's row: the
    waiting writer's trigger must see the committed one, not its own start-of-statement view."""
    first = InsuranceRelationFactory(start_month=YearMonth(2015, 1))
    later_unit, earlier_unit = UnitFactory(), UnitFactory()
    person = first.person_id
    with connect() as one, connect() as two:
        one.execute(INSERT, [person, later_unit.pk, "2020-01-01", "2020-12-01"])  # holds the row
        waited = threading.Event()

        def second_writer():
            two.execute(INSERT, [person, earlier_unit.pk, "2016-01-01", "2016-12-01"])
            two.commit()
            waited.set()

        writer = threading.Thread(target=second_writer)
        writer.start()
        assert not waited.wait(0.5)  # blocked behind the first writer's lock on the person
        one.commit()
        writer.join(10)
    assert waited.is_set()
    assert current_unit(person) == later_unit.pk


def test_r6_5_truncating_the_relations_leaves_nobody_in_a_unit():
    relation = InsuranceRelationFactory()
    with connection.cursor() as cursor:
        # The base periods refer to the relations: PostgreSQL truncates both together or neither.
        cursor.execute("TRUNCATE roster_insurancerelation, contributions_baseperiod")
    assert current_unit(relation.person_id) is None
