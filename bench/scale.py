"""Province-scale benchmark (`make bench-scale`): builds the province on a PostgreSQL database of
its own (bench/scale_data.py) and measures the agents' and staff's list pages against floor
views that render the same rows minimally (bench/floors.py), at three sizes of the province.

    .venv/bin/python bench/scale.py [--stages 1000,100000,1000000] [--rounds 15] [--keep]

Per page it prints the median ms, the floor's median ms, their ratio and the page's SQL count;
then the growth of each page from the first to the last stage. A benchmark, not a test: nothing
fails, the numbers are for reading. The database `jxsi_scale` is rebuilt unless --keep is given
and it already holds the fixed part.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "jxsi_scale"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")

# (name, role, portal URL, floor URL); the export's floor is openpyxl alone.
PAGES = [
    ("在职花名册 5,000 人 第1页", "big", "/roster/active/", "/bench-floor/active/"),
    ("在职花名册 第100页", "big", "/roster/active/?page=100", "/bench-floor/active-deep/"),
    ("在职花名册 按姓名", "big", "/roster/active/?sort=name", "/bench-floor/active-name/"),
    (
        "在职花名册 按最后缴费",
        "big",
        "/roster/active/?sort=-last_paid",
        "/bench-floor/active-last-paid/",
    ),
    ("在职花名册 姓名含“王”", "big", "/roster/active/?name=王", "/bench-floor/active-wang/"),
    (
        "在职花名册 1,894 人 按姓名",
        "medium",
        "/roster/active/?sort=name",
        "/bench-floor/active-name/",
    ),
    ("个人参保证明 人员列表", "big", "/roster/certificates/persons/", "/bench-floor/persons/"),
    ("养老金申领 人员列表", "big", "/pension/", "/bench-floor/claimable/"),
    ("在职人员减少 人员列表", "big", "/enrollment/reduce/", "/bench-floor/reducible/"),
    ("办理中 500 件", "big", "/progress/in-progress/", "/bench-floor/cases/"),
    ("待审核 2,000 件", "staff", "/backoffice/reviews/", "/bench-floor/queue/"),
    (
        "单位查询",
        "staff",
        "/backoffice/agents/change/?q=人民医院",
        "/bench-floor/units/?q=人民医院",
    ),
    ("导出 5,000 行", "big", "/roster/active/?export=xlsx", "/bench-floor/export/"),
    ("缴费核定 12 个月", "big", "/contributions/monthly/", "/bench-floor/monthly/"),
    (
        "缴费基数申报 5,000 人 第1页",
        "big",
        "/progress/{declaration}/wages/",
        "/bench-floor/declaration/{declaration}/",
    ),
    (
        "养老金申领 缴费信息 120 个月",
        "big",
        "/progress/{claim}/history/",
        "/bench-floor/history/{claim}/",
    ),
    (
        "个人参保证明 首次打印 PDF",
        "big",
        "/roster/certificates/persons/{fresh}/pdf/",
        "/bench-floor/certificate-render/{printed}/",
    ),
    (
        "个人参保证明 再次打印 PDF",
        "big",
        "/roster/certificates/persons/{printed}/pdf/",
        "/bench-floor/certificate-stored/{printed}/",
    ),
]
# In the URLs: {claim} a pension claim under way, {printed} a person whose
# certificate was printed before, {fresh} a person of BIG never printed, new at each request.
BIG_CODE = "99{:010d}"  # bench_code() in scale_data
_fresh = itertools.cycle(range(1_000, 5_001))  # certificates are deleted at each stage


def environment() -> None:
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"),
        SECRET_KEY="scale-benchmark-" + "x" * 40,
        DEBUG="False",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),  # production's hashed static files
        FILE_STORAGE="local",  # emptied at each run: never a bucket named in the environment
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    sys.path.insert(0, str(ROOT))


def _create_database(rebuild: bool) -> bool:
    """Whether the fixed part must be built (a new database)."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if exists and not rebuild:
            return False
        if exists:
            connection.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return True


def accounts():
    """The agents of BIG and MEDIUM and the counter staff of REVIEW_COUNTY, made through the
    portal's own services."""
    from django.contrib.auth import get_user_model

    from accounts.models import Agent
    from accounts.services import unit_account_open
    from bench import scale_data
    from roster.models import County, Unit

    users = {}
    for role, code, id_body in (
        ("big", scale_data.BIG_UNIT, "36010219800101001"),
        ("medium", scale_data.MEDIUM_UNIT, "36010219800101002"),
    ):
        unit = Unit.objects.get(code=code)
        user = getattr(unit, "account", None)
        if user is None:
            from portal.identity import resident_id_with_check_digit

            agent = Agent.objects.create(
                unit=unit,
                name="经办人" + role,
                id_number=resident_id_with_check_digit(id_body),
                phone="13800138000",
            )
            user = unit_account_open(unit=unit, agent=agent)
            user.must_change_password = False
            user.save()
        users[role] = user
    county = County.objects.get(code=scale_data.REVIEW_COUNTY)
    users["staff"], _ = get_user_model().objects.get_or_create(
        username="bench_staff", defaults={"county": county}
    )
    return users


def subjects(users) -> dict[str, str]:
    """The persons and the case of the per-person pages, and no certificate of BIG yet."""
    import shutil

    from django.conf import settings

    from pension.selectors import PENSION_CLAIM
    from progress.models import Application
    from progress.services import application_create
    from roster.models import Certificate, Person

    user = users["big"]
    Certificate.objects.filter(unit=user.unit).delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    claim = Application.objects.filter(
        unit=user.unit, business_code=PENSION_CLAIM, status="draft", person__isnull=False
    ).first()
    if claim is None:  # for one whose other cases would not stand in the claim's way
        claimant = (
            Person.objects.filter(current_unit=user.unit)
            .exclude(applications__status__in=Application.IN_PROGRESS)
            .order_by("personal_code")
            .last()
        )
        claim = application_create(
            unit=user.unit, business_code=PENSION_CLAIM, by=user, person=claimant
        )
    return {
        "claim": str(claim.pk),
        "printed": BIG_CODE.format(1),
        "declaration": str(_declaration(user).pk),
    }


def _declaration(user):
    """BIG's declaration of this year (its window opened for the benchmark), half filled."""
    from django.utils import timezone

    from contributions import services
    from contributions.models import DeclarationYear
    from progress.services import case_save

    today = timezone.localdate()
    DeclarationYear.objects.get_or_create(
        year=today.year,
        defaults={
            "opens": today.replace(month=1, day=1),
            "closes": today.replace(month=12, day=31),
        },
    )
    declaration = services.declaration_of(unit=user.unit, year=today.year)
    if declaration is None:
        declaration = services.declaration_start(unit=user.unit, by=user)
        wages = {f"wage_{line}": str(6000 + line) for line in range(1, 2501)}
        case_save(
            application=declaration,
            data={**declaration.data, **wages},
            by=user,
            version=declaration.version,
        )
    return declaration


def _url(template: str, subjects: dict) -> str:
    if "{fresh}" in template:
        return template.format(**subjects, fresh=BIG_CODE.format(next(_fresh)))
    return template.format(**subjects)


def _medians_ms(client, urls: tuple[str, ...], rounds: int, subjects: dict) -> list[float]:
    """The median time of each URL, requested in turns (page, floor, page, floor, …) so that
    the machine's drift weighs on both alike."""
    for url in urls:
        _get(client, _url(url, subjects))
        _get(client, _url(url, subjects))
    times = [[] for _ in urls]
    for _ in range(rounds):
        for url, kept in zip(urls, times, strict=True):
            url = _url(url, subjects)
            started = time.perf_counter()
            _get(client, url)
            kept.append((time.perf_counter() - started) * 1000)
    return [statistics.median(kept) for kept in times]


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def _query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries)


TRIVIAL = "/bench-floor/trivial/"


def measure(
    users, rounds: int, only: str = ""
) -> tuple[dict[str, tuple[float, float, int]], float]:
    """Per page (ms, floor ms, SQL count), and the trivial page's ms: the machine's speed at
    the time, which drifts between stages minutes apart."""
    from django.test import Client

    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    known = subjects(users)
    trivial_ms = _medians_ms(clients["big"], (TRIVIAL,), rounds * 4, known)[0]
    results = {}
    for name, role, url, floor in PAGES:
        if only not in name:
            continue
        client = clients[role]
        page_ms, floor_ms = _medians_ms(client, (url, floor), rounds, known)
        results[name] = (page_ms, floor_ms, _query_count(client, _url(url, known)))
    return results, trivial_ms


def export_memory(users) -> dict[str, int]:
    """The Python memory a roster export takes at its peak, by its number of rows (5,000 and
    1,894): flat when rows stream to the workbook's file rather than gather in a list."""
    import tracemalloc

    from django.test import Client

    from bench.scale_data import BIG_PERSONS, MEDIUM_PERSONS

    peaks = {}
    for role, rows in (("big", BIG_PERSONS), ("medium", MEDIUM_PERSONS)):
        client = Client()
        client.force_login(users[role])
        _get(client, "/roster/active/?export=xlsx")
        tracemalloc.start()
        _get(client, "/roster/active/?export=xlsx")
        peaks[f"{rows:,} rows"] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    return peaks


def _print_stage(persons: int, results, trivial_ms: float) -> None:
    print(f"\n## {persons:,} persons in the province (the trivial page: {trivial_ms:.2f} ms)")
    print(f"{'page':<34} {'ms':>9} {'floor ms':>9} {'ratio':>7} {'SQL':>4}")
    for name, (page_ms, floor_ms, queries) in results.items():
        print(f"{name:<34} {page_ms:9.1f} {floor_ms:9.1f} {page_ms / floor_ms:6.2f}x {queries:4d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="1000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="reuse jxsi_scale if it exists")
    parser.add_argument("--only", default="", help="measure only pages whose name has this")
    arguments = parser.parse_args()
    stages = [int(value) for value in arguments.stages.split(",")]

    environment()
    new = _create_database(rebuild=not arguments.keep)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import scale_data

    settings.ROOT_URLCONF = "bench.floors"
    call_command("collectstatic", interactive=False, verbosity=0)
    if new:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            scale_data.build_fixed(cursor)
        print(f"fixed part built in {time.perf_counter() - started:.0f} s")
    users = accounts()
    by_stage = {}
    for others in stages:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            scale_data.grow(cursor, others=others)
            cursor.execute("SELECT count(*) FROM roster_person")
            persons = cursor.fetchone()[0]
        print(f"\ngrown to {persons:,} persons in {time.perf_counter() - started:.0f} s")
        by_stage[persons] = measure(users, arguments.rounds, only=arguments.only)
        _print_stage(persons, *by_stage[persons])
    if len(by_stage) > 1:
        _print_growth(by_stage)
    if not arguments.only or arguments.only in "导出":
        peaks = export_memory(users)
        print(
            "\n## export, peak Python memory: "
            + ", ".join(f"{k} {v:,} KB" for k, v in peaks.items())
        )


def _print_growth(by_stage) -> None:
    """Each page's time at the last stage over the first; beside it the same with the
    machine's drift taken out (each stage's times over its trivial page's)."""
    first, last = min(by_stage), max(by_stage)
    (first_pages, first_trivial), (last_pages, last_trivial) = by_stage[first], by_stage[last]
    print(f"\n## growth {first:,} → {last:,} persons (page ms, last / first)")
    print(f"{'page':<34} {'raw':>7} {'drift out':>10}")
    for name, (page_ms, _floor, _sql) in first_pages.items():
        raw = last_pages[name][0] / page_ms
        print(f"{name:<34} {raw:6.2f}x {raw * first_trivial / last_trivial:9.2f}x")


if __name__ == "__main__":
    main()
