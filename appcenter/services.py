"""The stand-in app platform's own operations: registration, login tokens, message delivery.

It depends on nothing of the portal: whether a registration matches a county-hall agent record
is asked through the function named by `APPCENTER_IDENTITY_CHECK`.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from appcenter.models import AppUser, Message

TOKEN_SALT = "appcenter.token"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = 30 * 24 * 3600

REGISTRATION_MISMATCH = _(
    "Registration failed: the ID number, name and mobile number must be exactly those the "
    "county service hall recorded for a unit's agent."
)
LOGIN_FAILED = _("The ID number or mobile number is wrong, or the app is not registered yet.")


class AppCenterDisabled(Exception):
    pass


class AppUserNotRegistered(Exception):
    pass


def _ensure_enabled() -> None:
    if not settings.APPCENTER_ENABLED:
        raise AppCenterDisabled


def app_user_register(*, id_number: str, name: str, phone: str) -> AppUser:
    """Register (or re-register) a person; only a current agent's true record is accepted."""
    _ensure_enabled()
    id_number, name, phone = id_number.strip().upper(), name.strip(), phone.strip()
    if not import_string(settings.APPCENTER_IDENTITY_CHECK)(
        id_number=id_number, name=name, phone=phone
    ):
        raise ValueError(REGISTRATION_MISMATCH)
    user, _created = AppUser.objects.update_or_create(
        id_number=id_number, defaults={"name": name, "phone": phone}
    )
    return user


def app_user_login(*, id_number: str, phone: str) -> AppUser:
    _ensure_enabled()
    user = AppUser.objects.filter(id_number=id_number.strip().upper(), phone=phone.strip()).first()
    if user is None:
        raise ValueError(LOGIN_FAILED)
    return user


def token_for(user: AppUser) -> str:
    return signing.dumps({"id": user.id_number}, salt=TOKEN_SALT)


def user_for_token(token: str) -> AppUser | None:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return AppUser.objects.filter(id_number=data.get("id")).first()


@transaction.atomic
def message_deliver(
    *, id_number: str, title: str, body: str, code: str = "", key: str = ""
) -> Message:
    """Put a message into the person's message center (消息中心); a message whose key was
    delivered before is that message."""
    _ensure_enabled()
    user = AppUser.objects.filter(id_number=id_number).first()
    if user is None or not import_string(settings.APPCENTER_IDENTITY_CHECK)(
        id_number=user.id_number, name=user.name, phone=user.phone
    ):
        raise AppUserNotRegistered(id_number)
    if key:
        message, _created = Message.objects.get_or_create(
            app_user=user, key=key, defaults={"title": title, "body": body, "code": code}
        )
        return message
    return Message.objects.create(app_user=user, title=title, body=body, code=code)


def messages_for(user: AppUser, limit: int = 50):
    return user.messages.order_by("-created_at", "-id")[:limit]
