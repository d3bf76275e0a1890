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
    unit=None,
) -> AuditEvent:
    """Write one audit event. `unit` (a roster Unit, or the user's own) files it under the unit
    and its county, so that the county's counter staff see it."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    if unit is None and user is not None:
        unit = getattr(user, "unit", None)
    return AuditEvent.objects.create(
        unit_code=unit.code if unit is not None else "",
        county_code=unit.county.code if unit is not None else "",
        kind=kind,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip=(client_ip(request) or None) if request is not None else None,
        reason=reason,
        detail=detail or {},
    )
