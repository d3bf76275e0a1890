"""What the county counter does to a unit's online account (called by the back office): unlock
it, bind it to a new agent, restore the initial password; and an admin's unlock of any user."""

from __future__ import annotations

from django.db import transaction

from accounts import throttle
from accounts.models import PushCodeDevice
from accounts.rules import admin_login_key, initial_password, staff_login_key


@transaction.atomic
def unit_account_unlock(*, user) -> None:
    throttle.unlock(account=user.username)
    device = PushCodeDevice.objects.select_for_update().filter(user=user).first()
    if device:
        device.throttle_reset()


def login_keys(user) -> list[str]:
    """Every name under which the throttle counts a user's failures: the agents' login (the unit
    account's user name), the back office's and Django admin's."""
    return [user.username, staff_login_key(user.username), admin_login_key(user.username)]


def login_locked_seconds(user) -> int:
    return max(throttle.account_locked_seconds(key) for key in login_keys(user))


@transaction.atomic
def user_login_unlock(*, user) -> None:
    """Lift every login lock of any user (an admin's action for staff and admin accounts)."""
    for key in login_keys(user):
        throttle.unlock(account=key)
    device = PushCodeDevice.objects.select_for_update().filter(user=user).first()
    if device:
        device.throttle_reset()


@transaction.atomic
def unit_account_rebind(*, user, agent) -> None:
    """After the agent's ID number changed (R-2.5): codes go to the new agent only, the password
    becomes the new agent's initial one (to be changed), and every session of the unit ends
    (sessions carry a hash of the password)."""
    device = PushCodeDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        device = PushCodeDevice(user=user, name="江西人社APP")
    device.id_number = agent.id_number
    device.withdraw_code()
    device.throttle_reset(commit=False)
    device.save()
    unit_account_restore_initial_password(user=user, agent=agent)


@transaction.atomic
def unit_account_restore_initial_password(*, user, agent) -> None:
    """The agent's initial password again (R-5.3), to be changed at the next login; every session
    of the unit ends."""
    user.set_password(initial_password(agent.id_number))
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    throttle.unlock(account=user.username)
