"""Request helpers shared by every app."""

from django.conf import settings
from django.http import Http404


def client_ip(request) -> str:
    """The client's address. Behind `TRUSTED_PROXY_COUNT` proxies, the address the nearest
    untrusted hop reported in X-Forwarded-For; otherwise REMOTE_ADDR (a forwarded header from
    anyone else can be forged)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def agent_unit(request):
    """The unit of the agent making the request; anyone else gets a 404 (agents' pages are
    scoped to their unit in every selector)."""
    unit = getattr(request.user, "unit", None)
    if unit is None:
        raise Http404
    return unit
