"""Writing the audit log: the one way in (`audit_record`)."""

from __future__ import annotations

from portal.http import client_ip
from portal.models import AuditEvent


def audit_record(
    *,
    kind: str,
    request=None,
    user=None,
    username: str = "",
    reason: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    if user is not None and not getattr(user, "pk", None):
        user = None
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip=(client_ip(request) or None) if request is not None else None,
        reason=reason,
        detail=detail or {},
    )
