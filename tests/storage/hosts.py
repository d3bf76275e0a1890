"""Two app hosts as production runs them: gunicorn processes with production settings over one
PostgreSQL, one Redis and one file storage, behind a TLS proxy, and a browser whose requests the
load balancer sends to whichever host the test names."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import requests

from tests.storage.processes import free_port, stop, wait_until_answers

ROOT = Path(__file__).resolve().parents[2]
SITE = "wt.example.cn"  # the name the proxy serves and passes on as Host
PRODUCTION = {
    "DEBUG": "False",
    # One key for all hosts: sessions, CSRF tokens and the app's tokens are signed with it.
    "SECRET_KEY": "two-hosts-7Qw2zX8mN4bT6yR1uE5oP0aS-dF3gH7jK9lZ2xC4vB6nM8qW1eR3tY5u",
    "ALLOWED_HOSTS": SITE,
    "DATABASE_POOL_MIN": "1",
    "DATABASE_POOL_MAX": "4",
    # The stand-in app receives the codes (production pushes to the real app over HTTP).
    "PUSH_BACKEND": "accounts.push.appcenter.AppCenterBackend",
    "APPCENTER_ENABLED": "True",
    "LOG_LEVEL": "WARNING",
}
# The README's production command, with one worker a host.
GUNICORN = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--chdir", str(ROOT)]
GUNICORN += ["--workers", "1", "--log-level", "warning"]
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def database_url(settings_dict: dict) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def production_environment(**settings: str) -> dict[str, str]:
    """Nothing of this process's environment but the basics: the hosts run on what is given."""
    environment = {key: os.environ[key] for key in KEPT if key in os.environ}
    return {**environment, **PRODUCTION, **settings, "DJANGO_SETTINGS_MODULE": "portal.settings"}


def collect_static(static_root: Path, environment: dict[str, str]) -> None:
    """Production serves the hashed static files that `collectstatic` wrote (README)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**environment, "STATIC_ROOT": str(static_root)},
        check=True,
        capture_output=True,
        timeout=120,
    )


@dataclass
class AppHost:
    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, environment: dict[str, str]) -> None:
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                [*GUNICORN, "--bind", f"127.0.0.1:{self.port}"],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait_until_healthy(self, seconds: float = 30) -> None:
        """Until /healthz says the database and the cache answer this host."""
        wait_until_answers(self.port, self.process, seconds=seconds)
        deadline = time.monotonic() + seconds
        while True:
            response = requests.get(f"{self.url}/healthz", headers={"Host": SITE}, timeout=5)
            if response.status_code == 200:
                return
            assert time.monotonic() < deadline, f"{self.name}: {response.text}\n{self.output()}"
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def start_hosts(names, *, environment: dict[str, str], logs: Path) -> list[AppHost]:
    hosts = [AppHost(name=name, port=free_port(), log=logs / f"{name}.log") for name in names]
    try:
        for host in hosts:
            host.start(environment)
        for host in hosts:
            host.wait_until_healthy()
    except BaseException:
        stop_hosts(hosts)
        raise
    return hosts


def stop_hosts(hosts: list[AppHost]) -> None:
    stop(*(host.process for host in hosts if host.process is not None))


@dataclass
class Browser:
    """One person's browser. It speaks HTTPS to the proxy, so it keeps the secure cookies;
    the proxy passes each request on to the host the test names, as plain HTTP with
    X-Forwarded-Proto: https and the site's name as Host."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, host: AppHost, path: str) -> requests.Response:
        return self._send(host, "GET", path)

    def post(self, host: AppHost, path: str, data: dict, files=None) -> requests.Response:
        """The form of the page at `path`, with the CSRF token (the cookie's secret, which
        Django takes as well as the masked one of the page's hidden field)."""
        data = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self._send(host, "POST", path, data=data, files=files)

    def _send(self, host: AppHost, method: str, path: str, **body) -> requests.Response:
        headers = {
            "Host": SITE,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        if method == "POST":
            headers.update(Origin=f"https://{SITE}", Referer=f"https://{SITE}{path}")
        response = requests.request(
            method, host.url + path, headers=headers, allow_redirects=False, timeout=30, **body
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        assert response.status_code < 500, f"{host.name} {method} {path}:\n{host.output()}"
        return response
