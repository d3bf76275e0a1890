"""Counting failed passwords and codes per account and per client address, in the shared cache
so that every app process agrees (DESIGN §5). After the limit, the account (or address) waits
`LOGIN_LOCKOUT_SECONDS`; a success clears the account's count."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60  # failures further apart than this are forgotten


def _keys(scope: str, value: str) -> tuple[str, str]:
    return f"auth-failures:{scope}:{value}", f"auth-locked:{scope}:{value}"


def _scopes(account: str, ip: str) -> list[tuple[str, str, int]]:
    scopes = [("account", account.strip(), settings.LOGIN_FAILURE_LIMIT)]
    if ip:
        scopes.append(("ip", ip, settings.LOGIN_IP_FAILURE_LIMIT))
    return scopes


def locked_seconds(*, account: str, ip: str) -> int:
    """Seconds the account or the address must still wait (0 when it may try now)."""
    now = time.time()
    waits = []
    for scope, value, _limit in _scopes(account, ip):
        until = cache.get(_keys(scope, value)[1])
        if until and until > now:
            waits.append(int(until - now + 0.999))
    return max(waits, default=0)


def record_failure(*, account: str, ip: str) -> int:
    """Count one failure; returns the seconds to wait now (0 while under the limits)."""
    for scope, value, limit in _scopes(account, ip):
        count_key, lock_key = _keys(scope, value)
        cache.add(count_key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, WINDOW_SECONDS)
            count = 1
        if count >= limit:
            cache.set(
                lock_key,
                time.time() + settings.LOGIN_LOCKOUT_SECONDS,
                settings.LOGIN_LOCKOUT_SECONDS,
            )
            cache.delete(count_key)
    return locked_seconds(account=account, ip=ip)


def reset(*, account: str, ip: str) -> None:
    """After a success: the account's failures go; the address's stay (somebody with one good
    account must not be able to wipe the per-address count between guesses at others)."""
    cache.delete_many(_keys("account", account.strip()))


def unlock(*, account: str) -> None:
    """Clear an account's failures and wait (counter staff, at the agent's request)."""
    cache.delete_many(_keys("account", account.strip()))
