"""Issue 14: the case lists read through their own indexes, not every case of the province:
the review queue the county's submitted cases, 办理中 / 办结 the unit's cases of those statuses
(PostgreSQL plans; tiny test tables ask for the index)."""

import pytest
from django.db import connection

from progress import selectors
from progress.models import Application
from tests.progress.conftest import make_case

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"),
]


def test_the_review_queue_starts_from_the_submitted_cases_index(unit):
    for _ in range(20):
        make_case(unit)
    Application.objects.filter(pk__in=Application.objects.values("pk")[:5]).update(
        status="submitted"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    explained = selectors.review_queue(county=unit.county)[:20].explain()
    assert "application_review_queue" in explained or "application_unit_status" in explained
    assert "Seq Scan on progress_application" not in explained


@pytest.mark.parametrize("select", [selectors.cases_in_progress, selectors.cases_completed])
def test_the_units_case_lists_start_from_the_units_cases(unit, other_unit, select):
    for owner in (unit, other_unit):
        for _ in range(10):
            make_case(owner)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    explained = select(unit=unit)[:20].explain()
    assert "application_unit_status" in explained or "progress_application_unit_id" in explained
    assert "Seq Scan on progress_application" not in explained
