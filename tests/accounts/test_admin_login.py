"""Django admin's login is throttled and audited like the others."""

import pytest

from portal.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_is_throttled_after_five_failures(client, clean_cache):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(4):
        client.post("/admin/login/", {"username": "root", "password": "Wrong2026"})
    response = client.post("/admin/login/", {"username": "root", "password": "Wrong2026"})
    assert "失败次数过多" in response.content.decode()
    response = client.post("/admin/login/", {"username": "root", "password": "Passw0rd2026"})
    assert "失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(reason="admin_bad_credentials").count() == 5


def test_admin_login_succeeds_below_the_limit(client, clean_cache):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(4):
        client.post("/admin/login/", {"username": "root", "password": "Wrong2026"})
    response = client.post("/admin/login/", {"username": "root", "password": "Passw0rd2026"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind="login_succeeded", reason="admin").exists()
