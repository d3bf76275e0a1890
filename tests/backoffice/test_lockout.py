"""Issue 13, lockout as denial of service: wrong passwords from one place lock only that place
out of an account; a guess spread over many addresses reaches the account's backstop, and an
admin lifts any staff or admin lock at once."""

import pytest
from django.core.cache import cache
from django.test import Client

from portal.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/backoffice/login/"
RIGHT = "Passw0rd2026"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()


def _log_in(address, password, username="guitai_donghu"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response


def test_five_wrong_passwords_from_one_address_leave_the_counter_free_elsewhere(staff):
    for _ in range(5):
        _log_in("203.0.113.66", "Wrong2026")
    _client, response = _log_in("203.0.113.66", RIGHT)
    assert "失败次数过多" in response.content.decode()
    _client, response = _log_in("10.36.1.20", RIGHT)  # the counter's own office
    assert response.status_code == 302


def test_a_guess_spread_over_addresses_reaches_the_accounts_backstop(staff, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    for number in range(1, 13):  # 3 addresses, 4 failures each: none reaches its own limit
        _log_in(f"198.51.100.{number % 3}", "Wrong2026")
    _client, response = _log_in("10.36.1.20", RIGHT)
    assert "失败次数过多" in response.content.decode()


def test_an_admin_sees_and_unlocks_a_locked_staff_account(staff, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    for number in range(12):
        _log_in(f"198.51.100.{number % 3}", "Wrong2026")
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = admin.get(f"/admin/accounts/user/{staff.pk}/change/").content.decode()
    assert "已锁定" in page
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "unlock_login", "_selected_action": [staff.pk]},
        follow=True,
    )
    assert "已解除1个用户的登录锁定" in response.content.decode()
    assert "未锁定" in admin.get(f"/admin/accounts/user/{staff.pk}/change/").content.decode()
    _client, response = _log_in("10.36.1.20", RIGHT)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind="account_unlocked", username="guitai_donghu").exists()


def test_an_unlock_ends_the_locks_of_every_address(staff):
    for address in ("203.0.113.66", "203.0.113.67"):
        for _ in range(5):
            _log_in(address, "Wrong2026")
    from accounts.counter_services import user_login_unlock

    user_login_unlock(user=staff)
    for address in ("203.0.113.66", "203.0.113.67"):
        assert _log_in(address, RIGHT)[1].status_code == 302
