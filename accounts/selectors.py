"""Reads about accounts and agents."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts import throttle
from accounts.models import Agent, PushCodeDevice
from portal.identity import unit_username


def unit_account_for_login(typed_unit_code: str):
    """The unit account a typed 单位代码 means: the 10-digit code or the 12-digit user name
    (R-5.2); None when it is not a unit account or not active."""
    try:
        username = unit_username(typed_unit_code)
    except ValidationError:
        return None
    return (
        get_user_model()
        .objects.select_related("unit", "unit__agent")
        .filter(username=username, unit__isnull=False, is_active=True)
        .first()
    )


def agent_identity_matches(*, id_number: str, name: str, phone: str) -> bool:
    """Whether a unit's current agent has exactly this ID number, name and phone (R-2.2); the
    app stand-in asks this before accepting a registration."""
    return Agent.objects.filter(id_number=id_number.upper(), name=name, phone=phone).exists()


def unit_account_lock_status(user) -> int:
    """Seconds the unit account must still wait after failed passwords or codes."""
    device = PushCodeDevice.objects.filter(user=user).first()
    locked_until = device.throttle_locked_until() if device else None
    code_wait = int(locked_until.timestamp() - time.time() + 0.999) if locked_until else 0
    return max(throttle.account_locked_seconds(user.username), code_wait)
