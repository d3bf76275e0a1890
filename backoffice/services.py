"""Counter operations (R-2): opening online service for a unit, changing its agent, unlocking
and restoring unit accounts, and the counter staff's own login. Each writes an audit event."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import counter_services
from accounts import services as account_services
from accounts.models import Agent
from accounts.rules import staff_login_key
from accounts.services import AccountError
from portal.audit import audit_record
from portal.http import client_ip
from portal.masking import mask_id_number
from portal.models import AuditEvent
from roster.models import Unit

AGENT_EXISTS = _(
    "%(unit)s already has online service. Change its agent under “Change agent information”."
)
NO_SERVICE = _("%(unit)s has no online service yet. Open it under “Register agent”.")
ID_MISMATCH = _("The ID number does not match the agent on record for this unit.")
STAFF_BAD_CREDENTIALS = _("The user name or the password is wrong.")
OTP_REQUIRED = _("Enter the code shown in your authenticator app.")
OTP_WRONG = _("The authenticator code is wrong or has expired.")
AGENT_FIELDS = ("name", "id_number", "email", "phone")


def _snapshot(agent: Agent) -> dict:
    return {field: getattr(agent, field) for field in AGENT_FIELDS}


@transaction.atomic
def agent_register(
    *, unit: Unit, name: str, id_number: str, email: str, phone: str, by, request=None
) -> tuple[Agent, bool]:
    """外网经办用户信息录入 (R-2.1, R-2.3): the unit's agent and its online account. Saving the
    same data twice (a double click) opens the unit once; other data for an opened unit is
    refused with a pointer to 变更."""
    unit = Unit.objects.select_for_update().select_related("county").get(pk=unit.pk)
    data = {"name": name, "id_number": id_number, "email": email, "phone": phone}
    existing = Agent.objects.filter(unit=unit).first()
    if existing is not None:
        if _snapshot(existing) == data:
            return existing, False
        raise ValidationError(AGENT_EXISTS % {"unit": unit.name}, code="agent_exists")
    agent = Agent(unit=unit, **data)
    agent.full_clean()
    agent.save()
    account_services.unit_account_open(unit=unit, agent=agent)
    audit_record(
        kind=AuditEvent.Kind.AGENT_REGISTERED,
        request=request,
        user=by,
        unit=unit,
        detail={"after": data},
    )
    return agent, True


@dataclass(frozen=True)
class AgentChange:
    changed_fields: tuple[str, ...]

    @property
    def id_changed(self) -> bool:
        return "id_number" in self.changed_fields


@transaction.atomic
def agent_change(
    *, unit: Unit, name: str, id_number: str, email: str, phone: str, by, request=None
) -> AgentChange:
    """外网经办用户信息变更 (R-2.4, R-2.5). A new ID number re-binds the code device to the new
    agent, restores the new agent's initial password and ends every session of the unit;
    a new phone or e-mail changes nothing else."""
    agent = Agent.objects.select_for_update().filter(unit=unit).first()
    if agent is None:
        raise ValidationError(NO_SERVICE % {"unit": unit.name}, code="no_service")
    before = _snapshot(agent)
    after = {"name": name, "id_number": id_number, "email": email, "phone": phone}
    changed = tuple(field for field in AGENT_FIELDS if before[field] != after[field])
    if not changed:
        return AgentChange(changed_fields=())
    for field, value in after.items():
        setattr(agent, field, value)
    agent.full_clean()
    agent.save()
    change = AgentChange(changed_fields=changed)
    if change.id_changed:
        counter_services.unit_account_rebind(user=unit.account, agent=agent)
    audit_record(
        kind=AuditEvent.Kind.AGENT_CHANGED,
        request=request,
        user=by,
        unit=unit,
        detail={"before": before, "after": after, "changed": list(changed)},
    )
    return change


def unit_account_unlock(*, unit: Unit, by, request=None) -> None:
    """Clear the waiting time after failed passwords or codes."""
    counter_services.unit_account_unlock(user=unit.account)
    audit_record(kind=AuditEvent.Kind.ACCOUNT_UNLOCKED, request=request, user=by, unit=unit)


def unit_password_restore(*, unit: Unit, confirmed_id_number: str, by, request=None) -> None:
    """Reset the unit's password to the agent's initial one, after the staff member checked the
    agent's ID card at the counter (the typed number must be the agent's)."""
    agent = unit.agent
    if confirmed_id_number != agent.id_number:
        raise ValidationError(ID_MISMATCH, code="id_mismatch")
    counter_services.unit_account_restore_initial_password(user=unit.account, agent=agent)
    audit_record(
        kind=AuditEvent.Kind.ACCOUNT_PASSWORD_RESTORED,
        request=request,
        user=by,
        unit=unit,
        detail={"agent": mask_id_number(agent.id_number)},
    )


def staff_login(*, request, username: str, password: str, otp_token: str):
    """Counter staff log in with user name + password (+ TOTP code when they have a confirmed
    device); throttled like agents. Returns (user, device or None)."""
    account = staff_login_key(username)
    account_services.refuse_if_locked(account, client_ip(request))
    user = (
        get_user_model()
        .objects.filter(username=username.strip(), county__isnull=False, is_active=True)
        .select_related("county")
        .first()
    )
    if not account_services.password_matches(user, password):
        account_services.fail_attempt(
            request=request,
            account=account,
            kind=AuditEvent.Kind.LOGIN_FAILED,
            reason="bad_credentials",
            message=STAFF_BAD_CREDENTIALS,
            field="password",
            user=user,
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        if not otp_token:
            raise AccountError(OTP_REQUIRED, field="otp_token")
        if not device.verify_token(otp_token.strip()):
            account_services.fail_attempt(
                request=request,
                account=account,
                kind=AuditEvent.Kind.LOGIN_FAILED,
                reason="bad_otp",
                message=OTP_WRONG,
                field="otp_token",
                user=user,
            )
    account_services.throttle.reset(account=account, ip=client_ip(request))
    audit_record(kind=AuditEvent.Kind.LOGIN_SUCCEEDED, request=request, user=user)
    return user, device


def otp_required_for(user) -> bool:
    return (
        settings.BACKOFFICE_REQUIRE_OTP
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


def totp_device_pending(*, user) -> TOTPDevice:
    """The staff member's unconfirmed authenticator device (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, token: str, request=None) -> TOTPDevice | None:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(kind=AuditEvent.Kind.OTP_DEVICE_CONFIRMED, request=request, user=user)
    return device
