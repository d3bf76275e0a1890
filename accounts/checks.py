"""Start-up checks of the account settings (`manage.py check`, and every `runserver`)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


@checks.register(checks.Tags.compatibility)
def push_backend_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """PUSH_BACKEND names a push backend class: a wrong value must stop the start, not give a
    500 at the first 获取验证码."""
    from accounts.push import BaseBackend

    path = settings.PUSH_BACKEND
    try:
        backend = import_string(path)
    except ImportError as error:
        problem = str(error)
    else:
        if isinstance(backend, type) and issubclass(backend, BaseBackend):
            return []
        problem = "not a subclass of accounts.push.BaseBackend"
    return [
        checks.Error(
            f"PUSH_BACKEND={path!r} is not a push backend ({problem}).",
            hint="Use accounts.push.http.HttpBackend, accounts.push.appcenter.AppCenterBackend "
            "or accounts.push.locmem.LocmemBackend.",
            id="accounts.E001",
        )
    ]
