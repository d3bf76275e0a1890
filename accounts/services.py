"""Writes about accounts: opening a unit account, sending and checking pushed codes, logging
in, resetting and changing passwords. Every audit event of an account is written here."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import push, selectors, throttle
from accounts.models import CodeCheck, PushCodeDevice
from accounts.rules import initial_password, login_key
from portal.audit import audit_record
from portal.http import client_ip
from portal.identity import normalise_resident_id, unit_username
from portal.masking import mask_id_number, mask_name
from portal.models import AuditEvent

logger = logging.getLogger(__name__)

LOGIN_CHALLENGE = "login_challenge"
RESET_CHALLENGE = "reset_challenge"

BAD_CREDENTIALS = _("The unit code or the password is wrong.")
BAD_RESET_IDENTITY = _("The unit code or the agent's ID number is wrong.")
LOCKED = _("Too many failed attempts. Please try again in %(wait)s.")
PASSWORD_REQUIRED = _("Enter the password.")
CODE_REQUIRED = _("Enter the verification code.")
CODE_COOLDOWN = _("A code was sent just now. You can ask for another in %(seconds)d seconds.")
CODE_NOT_REGISTERED = _(
    "Ask the agent to register the Jiangxi HRSS app with their own ID number first."
)
CODE_DELIVERY_FAILED = _("The verification code could not be sent. Please try again later.")
CODE_NO_AGENT = _("The unit has no agent on record; please go to the county service hall.")
CODE_SENT = _(
    "The verification code was pushed to the Jiangxi HRSS app of the agent %(name)s "
    "(%(id_number)s). It is valid for %(minutes)d minutes."
)
CODE_MESSAGES = {
    CodeCheck.WRONG: _("The verification code is wrong."),
    CodeCheck.EXPIRED: _("The verification code has expired. Please ask for a new one."),
    CodeCheck.USED: _("The verification code has been used already. Please ask for a new one."),
    CodeCheck.NONE_SENT: _("Please click “Get code” first."),
    CodeCheck.THROTTLED: _("Too many wrong codes. Please try again in %(wait)s."),
}
PUSH_TITLE = _("Verification code of the online service hall")
PUSH_BODY = {
    "login": _(
        "%(unit)s is logging in to the Jiangxi Social Insurance Online Service Hall. The code "
        "is valid for %(minutes)d minutes. Never tell it to anyone."
    ),
    "reset": _(
        "%(unit)s is resetting its password of the Jiangxi Social Insurance Online Service "
        "Hall. The code is valid for %(minutes)d minutes. Never tell it to anyone."
    ),
}
USERNAME_TAKEN = _("An online account with the user name %(username)s exists already.")


class AccountError(Exception):
    """A refusal the user can act on: `message` for the form, `field` it belongs to."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class CodeSent:
    challenge_id: str
    agent_name: str  # masked
    agent_id_number: str  # masked
    message: str


def format_wait(seconds: int) -> str:
    minutes, seconds = divmod(max(1, int(seconds)), 60)
    if minutes:
        return gettext("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": seconds}
    return gettext("%(seconds)d s") % {"seconds": seconds}


# --- Unit accounts ------------------------------------------------------------------------------


@transaction.atomic
def unit_account_open(*, unit, agent):
    """Open the online account of a unit whose agent was registered (R-2.3): user name by R-5.2,
    initial password by R-5.3 (to be changed at first login), code device bound to the agent."""
    user_model = get_user_model()
    username = unit_username(unit.code)
    if user_model.objects.filter(username=username).exists():
        raise ValidationError(USERNAME_TAKEN % {"username": username})
    user = user_model(username=username, unit=unit, must_change_password=True)
    user.set_password(initial_password(agent.id_number))
    user.save()
    PushCodeDevice.objects.create(user=user, name="江西人社APP", id_number=agent.id_number)
    return user


def _device_for_update(user) -> PushCodeDevice:
    """The account's device, locked, bound to the unit's current agent (R-2.5: a new agent's ID
    replaces the old one, so the previous agent never gets another code)."""
    agent = getattr(user.unit, "agent", None) if user.unit_id else None
    if agent is None:
        raise AccountError(CODE_NO_AGENT)
    device, _created = PushCodeDevice.objects.select_for_update().get_or_create(
        user=user, defaults={"name": "江西人社APP", "id_number": agent.id_number}
    )
    if device.id_number != agent.id_number:
        device.id_number = agent.id_number
        device.withdraw_code()
        device.save()
    return device


def code_send(*, user, purpose: str, request=None) -> CodeSent:
    """Push a new 6-digit code to the agent's app, at most once per resend interval."""
    with transaction.atomic():
        device = _device_for_update(user)
        wait = device.cooldown_remaining()
        if wait:
            raise AccountError(CODE_COOLDOWN % {"seconds": wait}, field="code")
        code, challenge_id = device.issue_code()
        device.save()
    agent = user.unit.agent
    minutes = settings.OTP_PUSH_CODE_VALID_SECONDS // 60
    try:
        push.send(
            id_number=device.id_number,
            title=str(PUSH_TITLE),
            body=str(PUSH_BODY[purpose] % {"unit": user.unit.name, "minutes": minutes}),
            code=code,
        )
    except Exception as problem:
        error = (
            problem if isinstance(problem, push.PushError) else push.DeliveryFailed(repr(problem))
        )
        with transaction.atomic():
            device = PushCodeDevice.objects.select_for_update().get(pk=device.pk)
            device.withdraw_code()
            device.save()
        registered = not isinstance(error, push.NotRegistered)
        if registered:
            logger.error("push of a %s code for %s failed: %s", purpose, user.username, error)
        audit_record(
            kind=AuditEvent.Kind.CODE_NOT_SENT,
            request=request,
            user=user,
            reason="delivery_failed" if registered else "app_not_registered",
            detail={"purpose": purpose},
        )
        raise AccountError(
            CODE_DELIVERY_FAILED if registered else CODE_NOT_REGISTERED, field="code"
        ) from None
    audit_record(
        kind=AuditEvent.Kind.CODE_SENT,
        request=request,
        user=user,
        detail={"purpose": purpose, "to": mask_id_number(device.id_number)},
    )
    masked_name, masked_id = mask_name(agent.name), mask_id_number(device.id_number)
    return CodeSent(
        challenge_id=challenge_id,
        agent_name=masked_name,
        agent_id_number=masked_id,
        message=str(CODE_SENT % {"name": masked_name, "id_number": masked_id, "minutes": minutes}),
    )


def _code_check(*, user, code: str, challenge_id: str) -> tuple[CodeCheck, int]:
    with transaction.atomic():
        device = _device_for_update(user)
        result = device.check_code(code, challenge_id)
        locked_until = device.throttle_locked_until()
    wait = int(locked_until.timestamp() - time.time() + 0.999) if locked_until else 0
    return result, wait


# --- Login (R-5.1) ------------------------------------------------------------------------------


def refuse_if_locked(account: str, ip: str) -> None:
    wait = throttle.locked_seconds(account=account, ip=ip)
    if wait:
        raise AccountError(LOCKED % {"wait": format_wait(wait)})


def fail_attempt(
    *, request, account: str, kind: str, reason: str, message, field: str | None, user=None
):
    """Count a failure, audit it, and refuse — telling the wait when the limit was reached."""
    ip = client_ip(request)
    wait = throttle.record_failure(account=account, ip=ip)
    audit_record(kind=kind, request=request, user=user, username=account, reason=reason)
    if wait:
        raise AccountError(LOCKED % {"wait": format_wait(wait)})
    raise AccountError(message, field=field)


def _account_key(typed_unit_code: str) -> str:
    try:
        return unit_username(typed_unit_code)
    except ValidationError:
        return typed_unit_code.strip()[:20]


def password_matches(user, password: str) -> bool:
    if user is None:
        make_password(password)  # spend the same time as for a real account
        return False
    return user.check_password(password)


def _require_password(*, request, account: str, user, password: str) -> None:
    if not password:
        raise AccountError(PASSWORD_REQUIRED, field="password")
    if not password_matches(user, password):
        fail_attempt(
            request=request,
            account=account,
            kind=AuditEvent.Kind.LOGIN_FAILED,
            reason="bad_credentials",
            message=BAD_CREDENTIALS,
            field="password",
            user=user,
        )


def _remember_challenge(request, key: str, user, sent: CodeSent) -> None:
    """Between sending and checking a code the session keeps only the user id, the challenge id
    and the time — never the password (GHSA-vhr6-pvjm-9qwf)."""
    request.session[key] = {"user": user.pk, "challenge": sent.challenge_id, "at": time.time()}


def _fresh_challenge(request, key: str, user) -> dict | None:
    challenge = request.session.get(key)
    if not challenge or user is None or challenge.get("user") != user.pk:
        return None
    if time.time() - challenge.get("at", 0) > settings.LOGIN_CHALLENGE_SECONDS:
        return None
    return challenge


def _verify_code(
    *, request, account: str, user, code: str, challenge: dict | None, failure_kind: str
) -> None:
    """The typed code must be the pushed one; every failure counts towards the lockout."""
    if not code:
        raise AccountError(CODE_REQUIRED, field="code")
    result, wait = _code_check(
        user=user, code=code, challenge_id=challenge["challenge"] if challenge else ""
    )
    if result is CodeCheck.THROTTLED:
        raise AccountError(CODE_MESSAGES[result] % {"wait": format_wait(wait)}, field="code")
    if result is not CodeCheck.OK:
        fail_attempt(
            request=request,
            account=account,
            kind=failure_kind,
            reason=f"code_{result.value}",
            message=CODE_MESSAGES[result],
            field="code",
            user=user,
        )


def login_send_code(*, request, unit_code: str, password: str) -> CodeSent:
    """获取验证码 on the login page: only after the unit code and password are right (no push
    to anyone for a wrong password)."""
    account = _account_key(unit_code)
    refuse_if_locked(account, client_ip(request))
    user = selectors.unit_account_for_login(unit_code)
    _require_password(request=request, account=account, user=user, password=password)
    sent = code_send(user=user, purpose="login", request=request)
    _remember_challenge(request, LOGIN_CHALLENGE, user, sent)
    return sent


def pending_login(request, user) -> dict | None:
    """The session's checked-password challenge for `user`, while it is fresh."""
    return _fresh_challenge(request, LOGIN_CHALLENGE, user)


def login_with_code(*, request, unit_code: str, password: str, code: str):
    """登录: the password (or the one checked when the code was sent, in this session) and the
    pushed code; returns the user to log in."""
    account = _account_key(unit_code)
    refuse_if_locked(account, client_ip(request))
    user = selectors.unit_account_for_login(unit_code)
    challenge = pending_login(request, user)
    if password or challenge is None:
        _require_password(request=request, account=account, user=user, password=password)
    _verify_code(
        request=request,
        account=account,
        user=user,
        code=code,
        challenge=challenge,
        failure_kind=AuditEvent.Kind.LOGIN_FAILED,
    )
    request.session.pop(LOGIN_CHALLENGE, None)
    throttle.reset(account=account, ip=client_ip(request))
    audit_record(kind=AuditEvent.Kind.LOGIN_SUCCEEDED, request=request, user=user)
    return user


# --- Password reset and change (R-5.6) --------------------------------------------------


def _reset_account(*, request, unit_code: str, id_number: str):
    account = _account_key(unit_code)
    refuse_if_locked(account, client_ip(request))
    user = selectors.unit_account_for_login(unit_code)
    agent = getattr(user.unit, "agent", None) if user else None
    try:
        typed = normalise_resident_id(id_number)
    except ValidationError:
        typed = ""
    if agent is None or not typed or typed != agent.id_number:
        fail_attempt(
            request=request,
            account=account,
            kind=AuditEvent.Kind.PASSWORD_RESET_FAILED,
            reason="bad_identity",
            message=BAD_RESET_IDENTITY,
            field=None,
            user=user,
        )
    return account, user


def reset_send_code(*, request, unit_code: str, id_number: str) -> CodeSent:
    """获取验证码 on 忘记密码: only when the ID number is the unit's current agent's."""
    _account, user = _reset_account(request=request, unit_code=unit_code, id_number=id_number)
    sent = code_send(user=user, purpose="reset", request=request)
    _remember_challenge(request, RESET_CHALLENGE, user, sent)
    return sent


def reset_complete(*, request, unit_code: str, id_number: str, code: str, new_password: str):
    """提交 on 忘记密码: set the new password; every session of the unit ends with the old one."""
    account, user = _reset_account(request=request, unit_code=unit_code, id_number=id_number)
    if not code:
        raise AccountError(CODE_REQUIRED, field="code")
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise AccountError(error, field="new_password1") from None
    _verify_code(
        request=request,
        account=account,
        user=user,
        code=code,
        challenge=_fresh_challenge(request, RESET_CHALLENGE, user),
        failure_kind=AuditEvent.Kind.PASSWORD_RESET_FAILED,
    )
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
    request.session.pop(RESET_CHALLENGE, None)
    throttle.reset(account=account, ip=client_ip(request))
    audit_record(kind=AuditEvent.Kind.PASSWORD_RESET, request=request, user=user)
    return user


def password_change_wrong_current(*, request, user) -> None:
    """A wrong current password at 修改密码 counts like a failed login of the same user:
    whoever holds the session may not be its owner, and must not get unlimited guesses."""
    wait = throttle.record_failure(account=login_key(user), ip=client_ip(request))
    reason = "wrong_current_password"
    audit_record(kind=AuditEvent.Kind.LOGIN_FAILED, request=request, user=user, reason=reason)
    if wait:
        raise AccountError(LOCKED % {"wait": format_wait(wait)})


def password_change(*, user, new_password: str, request=None) -> None:
    """修改密码 (R-5.6); the caller keeps the current session logged in."""
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
    audit_record(kind=AuditEvent.Kind.PASSWORD_CHANGED, request=request, user=user)


def logout_record(*, request, user) -> None:
    audit_record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)
