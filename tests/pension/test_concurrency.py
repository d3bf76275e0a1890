"""Two 申领 clicks (two tabs, a double click) racing each other start one claim (PostgreSQL:
SQLite has no row locks and serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections

from pension import services
from progress.models import Application
from tests.pension.conftest import retiring_person


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_claim_starts_at_once_open_one_claim(unit):
    person = retiring_person(unit)
    barrier = threading.Barrier(2)
    started, errors = [], []

    def claim():
        try:
            barrier.wait()
            started.append(services.claim_start(unit=unit, person=person, by=unit.account).pk)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(started)) == 1
    assert Application.objects.filter(person=person).count() == 1
