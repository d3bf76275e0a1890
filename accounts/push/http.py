"""Pushes through the app platform's HTTP interface.

POST `PUSH_HTTP_URL` with a JSON body {id_number, title, body, code, key} (`key`, when not
empty, names the message: one sent again with the same key is shown once); headers
`X-Push-Timestamp` (Unix seconds) and `X-Push-Signature` = hex HMAC-SHA256 over
"<timestamp>.<body>" with the shared secret `PUSH_HTTP_SECRET`. 2xx is delivered; an answer
{"error": "not_registered"} means the person has not registered the app; anything else, or no
answer within `PUSH_HTTP_TIMEOUT` seconds (one retry), is a failure. A bare 404 is a failure
too (a wrong URL must not tell the agent to register the app), logged as an error.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings

from accounts.push import BaseBackend, DeliveryFailed, NotRegistered

logger = logging.getLogger(__name__)
ATTEMPTS = 2


def signature(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class HttpBackend(BaseBackend):
    def send(self, *, id_number: str, title: str, body: str, code: str, key: str = "") -> None:
        if not settings.PUSH_HTTP_URL or not settings.PUSH_HTTP_SECRET:
            raise DeliveryFailed("PUSH_HTTP_URL and PUSH_HTTP_SECRET must be set")
        message = {"id_number": id_number, "title": title, "body": body, "code": code}
        if key:
            message["key"] = key
        payload = json.dumps(message, ensure_ascii=False).encode()
        last_error: Exception | None = None
        for attempt in range(1, ATTEMPTS + 1):
            timestamp = str(int(time.time()))
            try:
                request = urllib.request.Request(  # noqa: S310 (the URL is our own setting)
                    settings.PUSH_HTTP_URL,
                    data=payload,
                    method="POST",
                    headers={
                        "Content-Type": "application/json; charset=utf-8",
                        "X-Push-Timestamp": timestamp,
                        "X-Push-Signature": signature(
                            settings.PUSH_HTTP_SECRET, timestamp, payload
                        ),
                    },
                )
                with urllib.request.urlopen(  # noqa: S310
                    request, timeout=settings.PUSH_HTTP_TIMEOUT
                ) as response:
                    if 200 <= response.status < 300:
                        return
                    last_error = DeliveryFailed(f"HTTP {response.status}")
            except urllib.error.HTTPError as error:
                if _says_not_registered(error):
                    raise NotRegistered(id_number) from None
                last_error = error
                if 400 <= error.code < 500:  # a refusal will not change on retry
                    logger.error(
                        "push refused by %s: HTTP %d (check PUSH_HTTP_URL and PUSH_HTTP_SECRET)",
                        settings.PUSH_HTTP_URL,
                        error.code,
                    )
                    break
            except (
                urllib.error.URLError,
                http.client.HTTPException,
                TimeoutError,
                OSError,
                ValueError,
            ) as error:
                # ValueError: a malformed PUSH_HTTP_URL; HTTPException: a garbled answer.
                last_error = error
            logger.warning(
                "push attempt %d to %s failed: %s", attempt, settings.PUSH_HTTP_URL, last_error
            )
        raise DeliveryFailed(str(last_error))


def _says_not_registered(error: urllib.error.HTTPError) -> bool:
    try:
        return json.loads(error.read() or b"{}").get("error") == "not_registered"
    except (ValueError, AttributeError):
        return False
