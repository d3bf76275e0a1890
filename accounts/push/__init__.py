"""Push gateway: deliver a message with a verification code to the 江西人社 app of a person.

The backend is named by the `PUSH_BACKEND` setting, like Django's e-mail backends:
`accounts.push.appcenter.AppCenterBackend` (the demo stand-in), `accounts.push.http.HttpBackend`
(the real platform) or `accounts.push.locmem.LocmemBackend` (tests).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


class PushError(Exception):
    """The message could not be delivered."""


class NotRegistered(PushError):
    """Nobody with this ID number has registered the app (R-3.2)."""


class DeliveryFailed(PushError):
    """The platform did not accept the message (down, timeout, refused)."""


class BaseBackend:
    def send(self, *, id_number: str, title: str, body: str, code: str, key: str = "") -> None:
        """`key` names the message: the platform shows a message sent twice with one key once."""
        raise NotImplementedError


def get_backend() -> BaseBackend:
    return import_string(settings.PUSH_BACKEND)()


def send(*, id_number: str, title: str, body: str, code: str, key: str = "") -> None:
    """Push one message; raises NotRegistered or DeliveryFailed."""
    get_backend().send(id_number=id_number, title=title, body=body, code=code, key=key)
