"""Users of the portal and the agents (经办人) of units."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import CooldownMixin, SideChannelDevice, ThrottlingMixin

from portal.identity import validate_mobile, validate_resident_id


class User(AbstractUser):
    """A login: a unit account (user name by R-5.2, linked to its unit), a counter-staff account
    (linked to a county) or an administrator (neither)."""

    unit = models.OneToOneField(
        "roster.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        verbose_name=_("unit"),
    )
    county = models.ForeignKey(
        "roster.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("county"),
    )
    # The initial password derives from an ID number: it must be changed first.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(county__isnull=True),
                name="user_unit_or_county_not_both",
            ),
        ]

    @property
    def is_unit_account(self) -> bool:
        return self.unit_id is not None

    @property
    def is_counter_staff(self) -> bool:
        return self.county_id is not None


class Agent(models.Model):
    """经办人 — the person who does a unit's online business now (its history is in the audit
    log). Verification codes go to the 江西人社 app of this ID number (R-3.1)."""

    unit = models.OneToOneField(
        "roster.Unit", on_delete=models.PROTECT, related_name="agent", verbose_name=_("unit")
    )
    name = models.CharField(_("agent name"), max_length=50)
    id_number = models.CharField(
        _("agent ID number"), max_length=18, validators=[validate_resident_id], db_index=True
    )
    email = models.EmailField(_("agent e-mail"), blank=True)
    phone = models.CharField(_("agent mobile phone"), max_length=11, validators=[validate_mobile])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["unit__code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.name}）"


class CodeCheck(Enum):
    """Outcome of checking a typed verification code."""

    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    USED = "used"
    NONE_SENT = "none_sent"
    THROTTLED = "throttled"


def _code_digest(challenge_id: str, code: str) -> str:
    """Codes are kept only as a keyed hash bound to their challenge (OWASP ASVS 2.7.5)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{challenge_id}:{code}".encode(), hashlib.sha256).hexdigest()


class PushCodeDevice(CooldownMixin, ThrottlingMixin, SideChannelDevice):
    """A unit account's verification-code device: 6-digit codes pushed to the 江西人社 app of
    the person whose ID number the device is bound to — the unit's current agent (R-3.1).

    The plain `token` column of django-otp stays empty: a code is stored as a keyed hash bound
    to the challenge id kept in the requesting session (ASVS 2.7.3), compared in constant time.
    """

    id_number = models.CharField(_("bound to ID number"), max_length=18)
    challenge_id = models.CharField(max_length=64, blank=True)
    token_digest = models.CharField(max_length=64, blank=True)
    used_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("verification code device")
        verbose_name_plural = _("verification code devices")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="push_device_one_per_user"),
        ]

    def get_cooldown_duration(self) -> int:
        return settings.OTP_PUSH_RESEND_SECONDS

    def get_throttle_factor(self) -> int:
        return settings.OTP_PUSH_THROTTLE_FACTOR

    def cooldown_remaining(self) -> int:
        """Seconds until another code may be sent (0 when allowed now)."""
        allowed, data = self.generate_is_allowed()
        if allowed:
            return 0
        return max(1, int((data["next_generation_at"] - timezone.now()).total_seconds() + 0.999))

    def issue_code(self) -> tuple[str, str]:
        """A new code and its challenge id; the caller saves the device and pushes the code."""
        code = f"{secrets.randbelow(10**6):06d}"
        challenge_id = secrets.token_urlsafe(24)
        self.challenge_id = challenge_id
        self.token_digest = _code_digest(challenge_id, code)
        self.used_digest = ""
        self.valid_until = timezone.now() + timedelta(seconds=settings.OTP_PUSH_CODE_VALID_SECONDS)
        self.last_generated_timestamp = timezone.now()
        return code, challenge_id

    def withdraw_code(self) -> None:
        """Forget a code that could not be delivered (or was meant for a previous agent), so a
        new one may be sent at once."""
        self.challenge_id = ""
        self.token_digest = ""
        self.used_digest = ""
        self.last_generated_timestamp = None

    def check_code(self, code: str, challenge_id: str) -> CodeCheck:
        """Check `code` for the session's `challenge_id`; saves the device (throttling, use)."""
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return CodeCheck.THROTTLED
        code = (code or "").strip()
        if self.used_digest and hmac.compare_digest(
            _code_digest(self.challenge_id, code), self.used_digest
        ):
            result = CodeCheck.USED
        elif not challenge_id or not hmac.compare_digest(challenge_id, self.challenge_id or "-"):
            return CodeCheck.NONE_SENT
        elif self.token_digest and hmac.compare_digest(
            _code_digest(challenge_id, code), self.token_digest
        ):
            if timezone.now() >= self.valid_until:
                result = CodeCheck.EXPIRED
            else:
                self.used_digest, self.token_digest = self.token_digest, ""
                self.valid_until = timezone.now()
                self.throttle_reset(commit=False)
                self.cooldown_reset(commit=False)
                self.save()
                return CodeCheck.OK
        else:
            result = CodeCheck.WRONG
        self.throttle_increment(commit=True)
        return result

    def throttle_locked_until(self):
        allowed, data = self.verify_is_allowed()
        return None if allowed else data.get("locked_until")

    def verify_token(self, token):
        """django-otp's interface: only valid together with the session's challenge id."""
        return False
