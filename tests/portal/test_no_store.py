"""Pages and exports with personal data are never stored by a browser or a proxy."""

import pytest

from tests.progress.conftest import agent_client, unit

__all__ = ["agent_client", "unit"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/", "/roster/active/", "/roster/active/?export=xlsx", "/progress/in-progress/", "/pension/"],
)
def test_logged_in_pages_say_no_store(agent_client, path):
    response = agent_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_public_home_page_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
