"""Issue 13, throttles: X-Forwarded-For is believed only from the proxies in TRUSTED_PROXIES
(addresses or networks), so a client talking to the app directly cannot dodge the per-address
limits by naming a new address in every request."""

import pytest
from django.test import RequestFactory

from portal.http import client_ip
from tests.accounts.test_login import text

PROXIES = ["10.0.0.0/8", "127.0.0.1", "fd00::/8"]


def _ip(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),  # direct: the header is the client's own
        ("10.0.0.2", "198.51.100.7", "198.51.100.7"),  # one trusted proxy
        ("10.0.0.2", "1.1.1.1, 198.51.100.7, 10.9.9.9", "198.51.100.7"),  # forged part on the left
        ("127.0.0.1", "not-an-address, 10.1.2.3", "10.1.2.3"),  # garbage stops the walk
        ("10.0.0.2", "10.0.0.3, 10.0.0.4", "10.0.0.3"),  # all trusted: the farthest hop
        ("10.0.0.2", "", "10.0.0.2"),
        ("fd00::1", "2001:db8::9", "2001:db8::9"),
        ("11.0.0.1", "198.51.100.7", "11.0.0.1"),  # just outside 10.0.0.0/8
    ],
)
def test_forwarded_addresses_are_believed_only_from_trusted_proxies(
    settings, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = PROXIES
    assert _ip(remote, forwarded) == client


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert _ip("10.0.0.2", "198.51.100.7") == "10.0.0.2"


@pytest.mark.django_db
def test_a_direct_client_naming_a_new_address_each_time_is_still_locked_out(
    client, settings, unit_account, locmem_push
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    for index in range(6):
        client.post(
            "/accounts/login/",
            {"unit_code": f"36991995{index:02d}", "password": "Wrong2026", "action": "send_code"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{index}",
        )
    response = client.post(
        "/accounts/login/",
        {"unit_code": "3699199555", "password": "x", "action": "send_code"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert "失败次数过多" in text(response)
    assert locmem_push.outbox == []
