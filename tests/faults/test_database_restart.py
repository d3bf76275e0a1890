"""Issue 13, faults: after a quick PostgreSQL restart no request fails on a dead pooled
connection. The portal's own database settings, through Django's pool, behind a proxy that is
cut (every pooled connection closed under the pool) and restored."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper

from tests.faults.proxy import CuttableProxy

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the connection pool is PostgreSQL's"
)


@pytest.fixture
def proxied(django_db_blocker):
    """A second connection with the portal's settings, to PostgreSQL through the proxy."""
    proxy = CuttableProxy(5432)

    def connect(**changes):
        settings_dict = {
            **settings.DATABASES["default"],
            "NAME": "postgres",
            "HOST": "127.0.0.1",
            "PORT": proxy.port,
            **changes,
        }
        return DatabaseWrapper(settings_dict, alias=f"restart-{id(changes)}")

    with django_db_blocker.unblock():
        yield proxy, connect
    proxy.stop()


def _request(wrapper) -> int:
    """What one request does with the database: take a connection, query, give it back."""
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0]
    finally:
        wrapper.close()


def test_a_postgresql_restart_fails_no_request(proxied):
    proxy, connect = proxied
    wrapper = connect()
    try:
        assert wrapper.pool is not None
        assert _request(wrapper) == 1
        proxy.cut()
        proxy.restore()
        assert [_request(wrapper) for _ in range(3)] == [1, 1, 1]
    finally:
        wrapper.close_pool()


def test_without_health_checks_the_first_request_after_a_restart_fails(proxied):
    """What the setting prevents, shown with the same proxy."""
    proxy, connect = proxied
    wrapper = connect(CONN_HEALTH_CHECKS=False)
    try:
        assert _request(wrapper) == 1
        proxy.cut()
        proxy.restore()
        with pytest.raises(OperationalError):
            _request(wrapper)
    finally:
        wrapper.close_pool()
