"""Issue 13, faults: with Redis gone, logins, every logged-in page and /verify/ answer a Chinese
503 page logged in one line without a traceback, and /healthz says the cache is down."""

import logging

import pytest
from django.test import Client

from tests.progress.conftest import unit

__all__ = ["unit"]

pytestmark = pytest.mark.django_db
UNAVAILABLE = "服务暂时不可用"


@pytest.fixture
def logged_in(redis_proxy, unit):
    """An agent's session, made while the proxied Redis answers."""
    client = Client(raise_request_exception=False)
    client.force_login(unit.account)
    assert client.get("/roster/certificates/unit/").status_code == 200
    return client


def _outage_records(caplog):
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/roster/certificates/unit/", None),
        ("get", "/", None),
        ("get", "/verify/?code=ABCD-EFGH-JKLM-NPQR", None),
        ("post", "/accounts/login/", {"username": "360102100100", "password": "x"}),
    ],
)
def test_cache_down_gives_a_chinese_503_page_logged_once_without_traceback(
    logged_in, redis_proxy, caplog, method, path, data
):
    redis_proxy.cut()
    response = getattr(logged_in, method)(path, data)
    assert response.status_code == 503
    assert UNAVAILABLE in response.content.decode()
    assert response["Retry-After"] == "30"
    records = _outage_records(caplog)
    assert len(records) == 1
    assert records[0].name == "portal.unavailable" and records[0].exc_info is None


def test_healthz_reports_the_cache_and_recovers_with_it(logged_in, redis_proxy, caplog):
    client = Client()
    assert client.get("/healthz").status_code == 200
    redis_proxy.cut()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.content == b"cache unreachable\n"
    redis_proxy.restore()
    assert client.get("/healthz").status_code == 200
    assert logged_in.get("/roster/certificates/unit/").status_code == 200  # the session is back


def test_a_fault_in_our_code_is_still_a_500_with_its_traceback(logged_in, caplog, monkeypatch):
    from roster import views

    monkeypatch.setattr(views, "_unit_certificate", lambda request: 1 / 0)
    response = logged_in.get("/roster/certificates/unit/")
    assert response.status_code == 500 and "系统繁忙" in response.content.decode()
    assert any(record.exc_info for record in _outage_records(caplog))
