"""Django admin's login, throttled and audited like every other login (DESIGN §5)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from accounts import throttle
from accounts.rules import admin_login_key
from accounts.services import LOCKED, format_wait
from portal.audit import audit_record
from portal.http import client_ip
from portal.models import AuditEvent


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        account, ip = admin_login_key(username), client_ip(self.request)
        wait = throttle.locked_seconds(account=account, ip=ip)
        if wait:
            raise ValidationError(LOCKED % {"wait": format_wait(wait)}, code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            wait = throttle.record_failure(account=account, ip=ip)
            audit_record(
                kind=AuditEvent.Kind.LOGIN_FAILED,
                request=self.request,
                username=account,
                reason="admin_bad_credentials",
            )
            if wait:
                raise ValidationError(LOCKED % {"wait": format_wait(wait)}, code="locked") from None
            raise
        throttle.reset(account=account, ip=ip)
        audit_record(
            kind=AuditEvent.Kind.LOGIN_SUCCEEDED,
            request=self.request,
            user=self.get_user(),
            reason="admin",
        )
        return cleaned
