"""The HTTP push backend against a local test server: signature, retry, timeout, failures."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accounts import push
from accounts.push.http import HttpBackend
from tests.accounts.conftest import PASSWORD

SECRET = "shared-secret-for-tests"


class Platform:
    """A stand-in for the app platform: answers with the queued statuses, records requests."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        self.bodies: list[bytes] = []  # what each answer says ({} unless queued here)
        self.delay = 0.0
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                platform.requests.append({"headers": dict(self.headers), "body": body})
                time.sleep(platform.delay)
                status = platform.statuses.pop(0) if platform.statuses else 200
                payload = platform.bodies.pop(0) if platform.bodies else b"{}"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/push"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def platform(settings):
    server = Platform()
    settings.PUSH_BACKEND = "accounts.push.http.HttpBackend"
    settings.PUSH_HTTP_URL = server.url
    settings.PUSH_HTTP_SECRET = SECRET
    settings.PUSH_HTTP_TIMEOUT = 0.5
    yield server
    server.close()


def send():
    HttpBackend().send(id_number="360102198005170009", title="验证码", body="正文", code="123456")


def test_delivers_json_with_a_valid_hmac_signature_over_timestamp_and_body(platform):
    send()
    request = platform.requests[0]
    body, headers = request["body"], request["headers"]
    assert json.loads(body) == {
        "id_number": "360102198005170009",
        "title": "验证码",
        "body": "正文",
        "code": "123456",
    }
    timestamp = headers["X-Push-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 5
    expected = hmac.new(
        SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(headers["X-Push-Signature"], expected)


def test_a_server_error_is_retried_once(platform):
    platform.statuses = [503, 200]
    send()
    assert len(platform.requests) == 2


def test_two_server_errors_fail(platform):
    platform.statuses = [503, 502]
    with pytest.raises(push.DeliveryFailed):
        send()
    assert len(platform.requests) == 2


def test_a_slow_platform_times_out(platform):
    platform.delay = 1.0
    started = time.monotonic()
    with pytest.raises(push.DeliveryFailed):
        send()
    assert time.monotonic() - started < 2.5  # two attempts of 0.5 s, not two of 1 s


NOT_REGISTERED = b'{"error": "not_registered"}'


@pytest.mark.parametrize("status", [404, 422])
def test_not_registered_answers(platform, status):
    platform.statuses, platform.bodies = [status], [NOT_REGISTERED]
    with pytest.raises(push.NotRegistered):
        send()
    assert len(platform.requests) == 1


@pytest.mark.parametrize("status", [404, 401, 422])
def test_a_refusal_that_does_not_say_not_registered_is_a_logged_failure(platform, caplog, status):
    """A bare 404 (a wrong PUSH_HTTP_URL) must not send the agent off to register the app."""
    platform.statuses = [status]
    with pytest.raises(push.DeliveryFailed):
        send()
    assert len(platform.requests) == 1
    assert any(r.levelname == "ERROR" and "push refused" in r.message for r in caplog.records)


def test_unreachable_platform_fails(settings):
    settings.PUSH_HTTP_URL = "http://127.0.0.1:9/push"
    settings.PUSH_HTTP_SECRET = SECRET
    with pytest.raises(push.DeliveryFailed):
        send()


@pytest.mark.django_db
def test_login_page_says_sending_failed_never_a_500(client, platform, unit_account, caplog):
    platform.statuses = [500, 500]
    response = client.post(
        "/accounts/login/", {"unit_code": "3699199555", "password": PASSWORD, "action": "send_code"}
    )
    assert response.status_code == 200
    assert "验证码发送失败，请稍后重试" in response.content.decode()
    assert any("push" in record.getMessage() for record in caplog.records)
    # Nothing was spent: the agent can ask again at once.
    platform.statuses = [200]
    client.post(
        "/accounts/login/", {"unit_code": "3699199555", "password": PASSWORD, "action": "send_code"}
    )
    assert len(platform.requests) == 3


def test_a_garbled_answer_or_a_bad_url_is_a_delivery_failure(settings):
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(2)

    def answer_garbage():
        for _ in range(2):
            connection, _address = server.accept()
            connection.recv(65536)
            connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")
            connection.close()

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    settings.PUSH_HTTP_URL = f"http://127.0.0.1:{server.getsockname()[1]}/push"
    settings.PUSH_HTTP_SECRET = SECRET
    settings.PUSH_HTTP_TIMEOUT = 1
    with pytest.raises(push.DeliveryFailed):
        send()
    server.close()
    settings.PUSH_HTTP_URL = "http//missing-colon"
    with pytest.raises(push.DeliveryFailed):
        send()
