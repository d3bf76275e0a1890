"""The audit log: who did what and when, for logins, codes, passwords, agents, cases."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One audited action. Never stores passwords or verification codes."""

    class Kind(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", _("Login succeeded")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGOUT = "logout", _("Logged out")
        CODE_SENT = "code_sent", _("Verification code sent")
        CODE_NOT_SENT = "code_not_sent", _("Verification code not sent")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        PASSWORD_RESET_FAILED = "password_reset_failed", _("Password reset failed")
        AGENT_REGISTERED = "agent_registered", _("Online service opened")
        AGENT_CHANGED = "agent_changed", _("Agent changed")
        ACCOUNT_UNLOCKED = "account_unlocked", _("Account unlocked")
        ACCOUNT_PASSWORD_RESTORED = (
            "account_password_restored",
            _("Password reset to the initial one at the counter"),
        )
        OTP_DEVICE_CONFIRMED = "otp_device_confirmed", _("Authenticator app set up")
        CASE_SUBMITTED = "case_submitted", _("Case submitted")
        CASE_REJECTED = "case_rejected", _("Case returned")
        CASE_APPROVED = "case_approved", _("Case approved")
        CASE_WITHDRAWN = "case_withdrawn", _("Case withdrawn")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=40, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name as typed"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    unit_code = models.CharField(_("unit code"), max_length=12, blank=True)
    county_code = models.CharField(_("county code"), max_length=6, blank=True, db_index=True)
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at"]
        indexes = [models.Index(fields=["username", "-at"], name="audit_username_at")]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)  # Beijing time, as every page shows it
        return f"{at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"
