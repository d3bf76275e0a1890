"""Request helpers shared by every app."""

from django.conf import settings
from django.core.paginator import Paginator
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


def query_without(request, *names: str) -> str:
    """The request's query string without `names` (for links that set them anew)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def paginate(request, rows, per_page: int):
    """The requested page of `rows`, and the query string of the other parameters (the filters)
    for the page links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return page, query_without(request, "page")
