"""Counter tools: unlock a locked unit account, restore the initial password."""

import pytest

from accounts import throttle
from accounts.rules import initial_password
from portal.models import AuditEvent
from tests.backoffice.conftest import NEW_AGENT_ID, OTHER_AGENT_ID, agent_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(staff_client, unit):
    from django.core.cache import cache

    cache.clear()
    staff_client.post(f"/backoffice/agents/register/{unit.code}/", agent_data())
    return unit.__class__.objects.get(pk=unit.pk)


def test_unlock_a_locked_account(staff_client, opened):
    account = opened.account.username
    for _ in range(5):
        throttle.record_failure(account=account, ip="203.0.113.5")
    assert throttle.locked_seconds(account=account, ip="203.0.113.5") > 0
    page = staff_client.get(f"/backoffice/agents/change/{opened.code}/").content.decode()
    assert "已锁定" in page
    staff_client.post(f"/backoffice/accounts/{opened.code}/unlock/")
    assert throttle.locked_seconds(account=account, ip="203.0.113.5") == 0
    assert throttle.account_locked_seconds(account) == 0
    assert AuditEvent.objects.filter(kind="account_unlocked", unit_code=opened.code).exists()


def test_restore_initial_password_needs_the_agents_id(staff_client, opened):
    account = opened.account
    account.set_password("Ganjiang2026")
    account.must_change_password = False
    account.save()
    html = staff_client.post(
        f"/backoffice/accounts/{opened.code}/restore-password/", {"id_number": OTHER_AGENT_ID}
    ).content.decode()
    assert "不一致" in html
    account.refresh_from_db()
    assert account.check_password("Ganjiang2026")
    staff_client.post(
        f"/backoffice/accounts/{opened.code}/restore-password/", {"id_number": NEW_AGENT_ID}
    )
    account.refresh_from_db()
    assert account.check_password(initial_password(NEW_AGENT_ID))
    assert account.must_change_password
    assert AuditEvent.objects.filter(kind="account_password_restored").exists()


def test_counter_tools_need_post_and_the_county(staff_client, opened, foreign_unit):
    assert staff_client.get(f"/backoffice/accounts/{opened.code}/unlock/").status_code == 405
    assert staff_client.post(f"/backoffice/accounts/{foreign_unit.code}/unlock/").status_code == 404


def test_counter_tools_on_a_unit_without_service_are_a_404(staff_client, unit):
    assert staff_client.post(f"/backoffice/accounts/{unit.code}/unlock/").status_code == 404
    assert (
        staff_client.post(
            f"/backoffice/accounts/{unit.code}/restore-password/", {"id_number": NEW_AGENT_ID}
        ).status_code
        == 404
    )
    response = staff_client.get(f"/backoffice/agents/change/{unit.code}/")
    assert response.status_code == 302 and "/register/" in response.url
