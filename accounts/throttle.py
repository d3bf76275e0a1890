"""Counting failed passwords and codes, in the shared cache so that every app process agrees
(DESIGN §5). Three counts, each with its own limit; reaching one makes the attempts it covers
wait `LOGIN_LOCKOUT_SECONDS`:

- an account from one client address (`LOGIN_FAILURE_LIMIT`, 5): what stops guessing. Someone
  else's five wrong passwords lock only their own address out of the account, so a known user
  name (a county counter's) cannot be locked out from one place;
- a client address over all accounts (`LOGIN_IP_FAILURE_LIMIT`, 20: offices share one NAT);
- an account over all addresses (`LOGIN_ACCOUNT_FAILURE_LIMIT`, 30): the backstop against a
  guess spread over many addresses. It takes a spread attack to reach it, and an admin (staff
  and admin accounts) or the county counter (unit accounts) lifts it at once.

A success clears the account's counts for that address and over all; `unlock` clears every
count and lock of the account, for every address."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60  # failures further apart than this are forgotten


def _keys(scope: str, value: str) -> tuple[str, str]:
    return f"auth-failures:{scope}:{value}", f"auth-locked:{scope}:{value}"


def _epoch(account: str) -> str:
    """Changes at every `unlock`: the per-address counts of an account live under it, so one
    unlock ends them all without knowing the addresses."""
    return str(cache.get(f"auth-epoch:{account}", 0))


def _scopes(account: str, ip: str) -> list[tuple[str, str, int]]:
    account = account.strip()
    scopes = [("account", account, settings.LOGIN_ACCOUNT_FAILURE_LIMIT)]
    if ip:
        scopes.append(
            ("account-ip", f"{account}:{_epoch(account)}:{ip}", settings.LOGIN_FAILURE_LIMIT)
        )
        scopes.append(("ip", ip, settings.LOGIN_IP_FAILURE_LIMIT))
    return scopes


def locked_seconds(*, account: str, ip: str) -> int:
    """Seconds this account from this address must still wait (0 when it may try now). With no
    address, only the account's lock over all addresses."""
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
            until = time.time() + settings.LOGIN_LOCKOUT_SECONDS
            cache.set(lock_key, until, settings.LOGIN_LOCKOUT_SECONDS)
            cache.delete(count_key)
            if scope == "account-ip":  # for the counter's view of the account
                cache.set(_somewhere_key(account), until, settings.LOGIN_LOCKOUT_SECONDS)
    return locked_seconds(account=account, ip=ip)


def _somewhere_key(account: str) -> str:
    return f"auth-locked-somewhere:{account.strip()}:{_epoch(account.strip())}"


def account_locked_seconds(account: str) -> int:
    """Seconds until no lock of the account is left, from any address (what the counter and
    the admin see before they unlock)."""
    now = time.time()
    untils = [cache.get(_keys("account", account.strip())[1]), cache.get(_somewhere_key(account))]
    return max((int(until - now + 0.999) for until in untils if until and until > now), default=0)


def reset(*, account: str, ip: str) -> None:
    """After a success: the account's counts go; the address's stay (somebody with one good
    account must not be able to wipe the per-address count between guesses at others)."""
    for scope, value, _limit in _scopes(account, ip):
        if scope != "ip":
            cache.delete(_keys(scope, value)[0])


def unlock(*, account: str) -> None:
    """Clear every count and lock of an account, from every address (counter staff at the
    agent's request; an admin for staff and admin accounts)."""
    account = account.strip()
    cache.delete_many(_keys("account", account))
    cache.set(f"auth-epoch:{account}", time.time_ns(), None)
