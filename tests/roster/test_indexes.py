"""Roster filters use indexes (PostgreSQL): a trigram index for 姓名 contains, the unique index
for 个人代码."""

import pytest
from django.db import connection

from roster import selectors
from roster.models import Person
from tests.roster.conftest import add_person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"),
]


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: ask for the index
    return queryset.explain()


def test_name_contains_filter_uses_the_trigram_index(unit):
    for number in range(1, 30):
        add_person(unit, number, months=1)
    # The roster filters persons by `name__contains` (LIKE '%…%'), which a b-tree cannot serve.
    queryset = Person.objects.filter(name__contains="测试01")
    assert "person_name_trgm" in plan(queryset)
    assert "LIKE" in str(selectors.active_roster(unit=unit, name="测试01").query)


def test_personal_code_filter_uses_the_unique_index(unit):
    for number in range(1, 30):
        add_person(unit, number, months=1)
    queryset = selectors.active_roster(unit=unit, personal_code="360102000011")
    assert "roster_person_personal_code" in plan(queryset)
