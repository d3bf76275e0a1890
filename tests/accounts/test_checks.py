"""A wrong PUSH_BACKEND stops the start with a clear message (not a 500 at 获取验证码)."""

import pytest
from django.core import checks

from accounts.checks import push_backend_check


@pytest.mark.parametrize(
    "path",
    [
        "appcenter",
        "accounts.push.nothing.Backend",
        "accounts.push.http.signature",  # importable, but no backend
        "accounts.models.User",
    ],
)
def test_a_wrong_push_backend_is_reported_at_start(settings, path):
    settings.PUSH_BACKEND = path
    errors = push_backend_check()
    assert [error.id for error in errors] == ["accounts.E001"] and path in errors[0].msg
    assert "accounts.E001" in [message.id for message in checks.run_checks()]


@pytest.mark.parametrize(
    "path",
    [
        "accounts.push.http.HttpBackend",
        "accounts.push.appcenter.AppCenterBackend",
        "accounts.push.locmem.LocmemBackend",
    ],
)
def test_the_push_backends_pass(settings, path):
    settings.PUSH_BACKEND = path
    assert push_backend_check() == []
