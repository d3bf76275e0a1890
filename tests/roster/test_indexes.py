"""Roster pages start from the unit's own relations (PostgreSQL plans); 个人代码 uses its
unique index."""

import pytest
from django.db import connection

from roster import selectors
from tests.roster.conftest import add_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"),
]


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: ask for the index
    return queryset.explain()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"sort": "code"},
        {"sort": "-code"},
        {"sort": "name"},
        {"sort": "-name"},
        {"name": "测试01"},
    ],
)
def test_sorts_and_filters_start_from_the_units_relations(unit, query):
    """Issue 14: at a million persons, walking the name or personal-code index of the province
    until 50 of this unit's persons turn up took 0.3–3 s; the unit's relations are found by
    their own index and sorted or filtered by lower-case keys, which no index serves."""
    for number in range(1, 30):
        add_person(unit, number, months=1)
    rows = selectors.active_roster(unit=unit, **query)[:50]
    assert 'LOWER("roster_person"."personal_code")' in str(rows.query)  # no index serves it
    explained = plan(rows)
    assert "relation_unit_status" in explained
    assert "person_name" not in explained and "personal_code_key" not in explained


def test_the_person_list_is_one_range_of_the_current_unit_index(unit):
    for number in range(1, 30):
        add_person(unit, number, months=1)
    explained = plan(selectors.unit_persons(unit=unit)[:50])
    assert "person_current_unit" in explained
    assert "Sort" not in explained  # the index hands the rows over in personal-code order
    assert "roster_insurancerelation" not in explained


def test_personal_code_filter_uses_the_unique_index(unit):
    for number in range(1, 30):
        add_person(unit, number, months=1)
    queryset = selectors.active_roster(unit=unit, personal_code="360102000011")
    assert "roster_person_personal_code" in plan(queryset)


def test_the_retired_roster_starts_from_the_units_retirements(unit):
    from tests.factories import RetirementFactory

    RetirementFactory.create_batch(10, unit=unit)
    explained = plan(selectors.retired_roster(unit=unit)[:50])
    assert "retirement_unit_date" in explained or "roster_retirement_unit_id" in explained
    assert "Seq Scan on roster_retirement" not in explained
