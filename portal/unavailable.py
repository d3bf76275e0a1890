"""A store the portal cannot work without is gone: the cache (Redis in production: sessions,
login codes, throttles), the database, or the object storage that holds the files. Every page
then answers 503 with a Chinese page and `Retry-After`, the fault is logged in one line without
a traceback, and `/healthz` says whether the cache or the database is down, so the load
balancer and the operator see the truth.

Django turns an exception anywhere in a request (a middleware loading the session, a view, the
session saved on the way out) into a call of `handler500`; this one tells the outage apart from
a fault in our code, which still gets the 500 page and its traceback."""

from __future__ import annotations

import logging
import sys

from botocore.exceptions import ClientError as StorageRefusal
from botocore.exceptions import ConnectionError as StorageConnectionError
from botocore.exceptions import HTTPClientError as StorageHTTPError
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
# The object storage (FILE_STORAGE=s3) unreachable, or its connection dropped or timed out.
OUTAGES = (
    RedisConnectionError,
    RedisTimeoutError,
    OperationalError,
    StorageConnectionError,
    StorageHTTPError,
)
RETRY_AFTER_SECONDS = 30


def is_outage(error: BaseException | None) -> bool:
    if isinstance(error, StorageRefusal):  # the store answers, but 503 SlowDown, 500 …
        return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500
    return isinstance(error, OUTAGES)


def server_error(request):
    """handler500: 503 "服务暂时不可用" for an outage, else the 500 page."""
    error = sys.exc_info()[1]
    # Both pages are rendered without the request: its context processors would ask the
    # session and the database, which may be what is down.
    if is_outage(error):
        # The session saved on the way out fails a second time in the same request.
        if not getattr(request, "outage_logged", False):
            logger.error("service unavailable: %s: %s", type(error).__name__, error)
            request.outage_logged = True
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


class OutageNotLoggedTwice(logging.Filter):
    """Leaves out django.request's traceback of an outage: `server_error` logged it already."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and is_outage(record.exc_info[1]))


def stores_down() -> list[str]:
    """The names of the stores that do not answer now (for /healthz)."""
    down = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        down.append("database")
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            down.append("cache")
    except Exception:  # any backend's error (redis, database cache) means "down"
        down.append("cache")
    return down
