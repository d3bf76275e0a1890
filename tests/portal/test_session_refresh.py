"""Issue 14: a session is saved at most once a minute, not on every request, and still ends 30
minutes after the last request."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.progress.conftest import agent_client, unit

__all__ = ["agent_client", "unit"]
pytestmark = pytest.mark.django_db


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.parametrize(("later", "moved"), [(59, 0), (61, 61)])
def test_a_session_is_saved_again_only_after_a_minute(agent_client, later, moved):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        agent_client.get("/roster/unit/")
        first = _expiry(agent_client)
    with time_machine.travel(start + datetime.timedelta(seconds=later), tick=False):
        agent_client.get("/roster/unit/")
        assert _expiry(agent_client) == first + datetime.timedelta(seconds=moved)


def test_a_session_idle_for_thirty_minutes_has_ended(agent_client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        agent_client.get("/roster/unit/")
    with time_machine.travel(start + datetime.timedelta(minutes=30, seconds=1), tick=False):
        response = agent_client.get("/roster/unit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
