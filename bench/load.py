"""A bounded load run (`make bench-load`): gunicorn with 3 workers on 127.0.0.1 over the scale
database that `make bench-scale` built, and a fixed number of logged-in agents of different
units browsing home → 在职花名册 → 办理中 → 单位参保证明 for a fixed time. The same run is
repeated against the floor views of those pages and against a trivial page; per run it prints
throughput, p50/p95/p99 and errors. A benchmark, not a test.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = 8765
FLOWS = {
    "portal": ["/", "/roster/active/", "/progress/in-progress/", "/roster/certificates/unit/"],
    "floors": [
        "/bench-floor/home/",
        "/bench-floor/active/",
        "/bench-floor/cases/",
        "/bench-floor/unit-certificate/",
    ],
    "trivial": ["/bench-floor/trivial/"] * 4,
}


def _sessions(count: int) -> list[str]:
    """Session keys of `count` agents of different units, made through the portal's services
    (sessions live in the shared Redis and database, so gunicorn's workers know them)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import Agent
    from accounts.services import unit_account_open
    from portal.identity import resident_id_with_check_digit
    from roster.models import Unit

    agents = get_user_model().objects.filter(unit__isnull=False)
    missing = max(0, count - agents.count())
    units = Unit.objects.filter(account__isnull=True).order_by("code")[:missing]
    for number, unit in enumerate(list(units), start=agents.count()):
        agent = Agent.objects.create(
            unit=unit,
            name=f"经办人{number}",
            id_number=resident_id_with_check_digit(f"36010219800101{200 + number:03d}"),
            phone="13800138000",
        )
        user = unit_account_open(unit=unit, agent=agent)
        user.must_change_password = False
        user.save()
    keys = []
    for user in agents.order_by("id")[:count]:
        client = Client()
        client.force_login(user)
        keys.append(client.cookies["sessionid"].value)
    return keys


def _client(session: str, paths: list[str], until: float, latencies: list, errors: list):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {"Host": "testserver", "Cookie": f"sessionid={session}"}
    while time.monotonic() < until:
        for path in paths:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"{path}: HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{path}: {error}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            latencies.append((time.perf_counter() - started) * 1000)
    connection.close()


def _run(name: str, sessions: list[str], seconds: float) -> float:
    latencies, errors = [], []
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(s, FLOWS[name], until, latencies, errors))
        for s in sessions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    print(
        f"{name:<8} {len(latencies) / seconds:8.1f} req/s   p50 {cuts[49]:7.1f}   "
        f"p95 {cuts[94]:7.1f}   p99 {cuts[98]:7.1f} ms   errors {len(errors)}"
    )
    for error in sorted(set(errors))[:5]:
        print(f"         {error}")
    return len(latencies) / seconds


def _wait_for_server(process) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            connection.request("GET", "/bench-floor/trivial/", headers={"Host": "testserver"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    arguments = parser.parse_args()

    from bench.scale import environment

    environment()
    import django

    django.setup()
    from django.db import connection

    if "roster_unit" not in connection.introspection.table_names():
        raise SystemExit("No scale database: run `make bench-scale` first.")
    sessions = _sessions(arguments.clients)
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "bench.wsgi", "--bind"]
    command += [
        f"127.0.0.1:{PORT}",
        "--workers",
        "3",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT)  # noqa: S603 (our own command)
    try:
        _wait_for_server(server)
        print(f"{arguments.clients} clients, {arguments.seconds:.0f} s each, gunicorn 3 workers")
        rates = {name: _run(name, sessions, arguments.seconds) for name in FLOWS}
        print(
            f"portal / floors {rates['portal'] / rates['floors']:.2f}x   "
            f"portal / trivial {rates['portal'] / rates['trivial']:.2f}x"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
