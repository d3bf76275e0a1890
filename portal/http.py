"""Request helpers shared by every app."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header


def client_ip(request) -> str:
    """The client's address. X-Forwarded-For is believed only as far as it was written by the
    proxies in `TRUSTED_PROXIES` (addresses or networks): walking it from the right, starting at
    the peer (REMOTE_ADDR), every hop that is a trusted proxy passes on to the address it
    reported, and the first that is not is the client. A client talking to the app directly
    therefore cannot name its own address, whatever header it sends."""
    address = request.META.get("REMOTE_ADDR", "")
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    if not trusted or not _within(address, trusted):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([part.strip() for part in forwarded if part.strip()]):
        if not _is_address(hop):
            break  # not written by a proxy we trust: the last trusted hop is all we know
        address = hop
        if not _within(hop, trusted):
            break
    return address


@lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _within(value: str, networks) -> bool:
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    return any(address in network for network in networks)


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


def matching(form, rows):
    """`rows` while the filter form is valid; none while a filter is in error: the page shows
    the message next to the field, never rows that do not match what was asked."""
    return rows if form.is_valid() else rows.none()


def paginate(request, rows, per_page: int):
    """The requested page of `rows`, and the query string of the other parameters (the filters)
    for the page links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return page, query_without(request, "page")


def workbook_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx to download under `filename` (templates, error copies), never cached."""
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF to download under `filename` (certificates, receipts), never kept by a cache."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
