"""Issue 13: a NUL character in a path, a query or a form field is a 400 page, never a 500
(PostgreSQL cannot hold one; the fuzz test found raw values reaching lookups)."""

import pytest
from django.test import Client

from tests.progress.conftest import agent_client, unit

__all__ = ["agent_client", "unit"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "/pension/", {"personal_code": "3601\x0002"}),
        ("get", "/roster/active/", {"name": "王\x00"}),
        ("get", "/enrollment/reduce/start/36\x0001/", None),
        ("post", "/accounts/password/change/", {"old\x00": "x"}),
    ],
)
def test_a_nul_character_anywhere_is_a_400(agent_client, method, path, data):
    response = getattr(agent_client, method)(path, data)
    assert response.status_code == 400 and "请求有误" in response.content.decode()


def test_a_nul_character_at_the_public_login_is_a_400():
    client = Client()
    response = client.post("/accounts/login/", {"unit_code": "\x00", "password": "x"})
    assert response.status_code == 400


def test_the_same_requests_without_nul_are_answered_normally(agent_client):
    assert agent_client.get("/roster/active/", {"name": "王"}).status_code == 200
    assert agent_client.post("/pension/", {"personal_code": "360102"}).status_code == 404
