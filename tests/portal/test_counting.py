"""portal.counting: a count whose SQL is compiled once counts what the ORM counts (issue 14)."""

import pytest

from portal.counting import CompiledCount
from roster.models import InsuranceRelation
from tests.factories import InsuranceRelationFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_a_compiled_count_is_the_orms_count_for_every_value():
    busy, quiet, empty = UnitFactory(), UnitFactory(), UnitFactory()
    InsuranceRelationFactory.create_batch(3, unit=busy)
    InsuranceRelationFactory(unit=busy, status="ended")
    InsuranceRelationFactory(unit=quiet)
    count = CompiledCount(
        lambda unit_id: InsuranceRelation.objects.filter(unit_id=unit_id, status="active")
    )
    for unit in (busy, quiet, empty):
        expected = InsuranceRelation.objects.filter(unit=unit, status="active").count()
        assert count(unit.pk) == expected
    assert [count(unit.pk) for unit in (busy, quiet, empty)] == [3, 1, 0]


def test_a_value_that_the_query_holds_twice_is_refused():
    count = CompiledCount(
        lambda unit_id: InsuranceRelation.objects.filter(unit_id=unit_id, person_id=unit_id)
    )
    with pytest.raises(ValueError, match="exactly once"):
        count(1)
