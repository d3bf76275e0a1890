"""Benchmark of 批量增员 (`make bench-batch`): a 1,000-row workbook on PostgreSQL, in a database of
its own (jxsi_batch, rebuilt each run), with 100,000 persons on record so that the lookups by set
meet a province-sized table.

    .venv/bin/python bench/batch.py [--rows 1000] [--rounds 3] [--persons 100000]

It prints, as median ms with their SQL counts and beside their floors:
- reading: `portal.workbooks.read` against openpyxl alone reading the same file (read-only);
- checking: every row through the single flows' forms and rules (`enrollment.batch`);
- the upload as the agent does it (read, check, store the file and the rows);
- approval: `additions_apply` against the floor of writing the same persons and relations with
  two bulk inserts.
A benchmark, not a test: nothing fails, the numbers are for reading.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "jxsi_batch"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def environment() -> None:
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        SECRET_KEY="batch-benchmark-" + "x" * 40,
        DEBUG="False",
        FILE_STORAGE="local",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    sys.path.insert(0, str(ROOT))


def create_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def timed(action, rounds: int, *, reset=None) -> tuple[float, int]:
    """Median ms over `rounds` and the SQL count of one run; `reset()` runs between rounds
    (not timed) and each run is rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(rounds):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                action()
                times.append((time.perf_counter() - started) * 1000)
            queries = len(captured)
            transaction.set_rollback(True)
        if reset:
            reset()
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--persons", type=int, default=100_000)
    options = parser.parse_args()
    environment()
    create_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    call_command("migrate", verbosity=0)

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import Agent
    from accounts.services import unit_account_open
    from enrollment import batch, batch_services, services
    from portal import workbooks
    from portal.identity import credit_code_with_check_character, resident_id_with_check_digit
    from portal.yearmonth import YearMonth
    from progress import registry
    from roster.models import County, InsuranceRelation, Person, Unit

    county = County.objects.create(code="360102", name="东湖区", city="南昌市")
    unit = Unit.objects.create(
        code="3601029001",
        name="南昌市第一医院",
        credit_code=credit_code_with_check_character("12360102900100000"),
        unit_type=Unit.Type.INSTITUTION,
        county=county,
        legal_representative="王建华",
        address="南昌市东湖区八一大道1号",
        phone="0791-86000000",
        insured_since=YearMonth(2014, 10),
    )
    agent = Agent.objects.create(
        unit=unit, name="李经办", id_number=resident_id_with_check_digit("36010219850101002"),
        phone="13907910000",
    )  # fmt: skip
    account = unit_account_open(unit=unit, agent=agent)

    def resident(birth: datetime.date, sequence: int) -> str:
        return resident_id_with_check_digit(f"360102{birth:%Y%m%d}{sequence:03d}")

    # Persons on record elsewhere in the province (never the batch's own IDs).
    day = datetime.date(1960, 1, 1)
    persons = [
        Person(
            personal_code=f"360102{n:06d}",
            name=f"在册{n}",
            id_number=resident(day + datetime.timedelta(days=n // 400), (n % 400) * 2 + 1),
            sex="M",
            birth_date=day + datetime.timedelta(days=n // 400),
            work_start_date=datetime.date(1985, 7, 1),
            staff_category="cadre",
        )
        for n in range(options.persons)
    ]
    Person.objects.bulk_create(persons, batch_size=5000)

    this_month = YearMonth.current()
    kind = batch_services.KINDS[services.BATCH_ADDITION]
    book = openpyxl.load_workbook(io.BytesIO(batch_services.template(kind)))
    sheet = book[kind.sheet]
    birth = datetime.date(1995, 1, 1)
    for line in range(2, options.rows + 2):
        n = line - 2
        values = {  # the template's example row, for another person each time
            **kind.example,
            "id_number": resident(birth + datetime.timedelta(days=n // 400), (n % 400) * 2 + 2),
            "name": f"新人{line}",
            "sex": "",
            "birth_date": "",
            "start_month": str(this_month),
        }
        for index, column in enumerate(kind.columns, start=1):
            sheet.cell(row=line, column=index, value=values.get(column.key, ""))
    output = io.BytesIO()
    book.save(output)
    content = output.getvalue()
    rounds = options.rounds

    def openpyxl_alone():
        alone = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = list(alone[kind.sheet].iter_rows(values_only=True))
        alone.close()
        return rows

    def read():
        return workbooks.read(
            content, sheet=kind.sheet, columns=kind.columns, max_rows=batch.MAX_ROWS
        )

    parsed = read()
    rows = [(row.line, batch.form_data(row.values, kind.columns)) for row in parsed.rows]
    checked = batch.check_additions(rows, unit=unit)
    if not all(result.ok for result in checked):
        sys.exit(f"the generated rows are refused: {checked[0].problems}")

    application = batch_services.batch_start(
        unit=unit, business_code=services.BATCH_ADDITION, by=account
    )

    def upload():
        application.refresh_from_db()
        draft = registry.get(application.business_code).draft(application)
        batch_services.batch_receive(
            draft, SimpleUploadedFile("名册.xlsx", content), by=account, version=application.version
        )

    cases = [(result.data, None) for result in checked]

    def approve():
        services.additions_apply(unit=unit, rows=cases)

    def bulk_floor():
        made = Person.objects.bulk_create(
            Person(
                personal_code=f"3601029{n:05d}",
                id_number=data["id_number"],
                name=data["name"],
                sex=data["sex"],
                birth_date=data["birth_date"],
                work_start_date=data["work_start_date"],
                staff_category="cadre",
            )
            for n, (data, _person) in enumerate(cases)
        )
        InsuranceRelation.objects.bulk_create(
            InsuranceRelation(person=person, unit=unit, status="active", start_month=this_month,
                              contribution_base=8000)
            for person in made
        )  # fmt: skip

    alone = ("openpyxl 只读读取", timed(openpyxl_alone, rounds))
    check = timed(lambda: batch.check_additions(rows, unit=unit), rounds)
    approval = timed(approve, rounds)
    measured = [
        ("读取名册 workbooks.read", timed(read, rounds), *alone),
        ("逐行校验", check, *alone),
        ("上传：读取+校验+保存", timed(upload, rounds), *alone),
        ("审核通过：写入人员和参保", approval, *alone),
        ("审核通过：写入人员和参保", approval, "两次批量插入", timed(bulk_floor, rounds)),
    ]
    print(f"批量增员 {options.rows} 行；在册人员 {options.persons:,} 人；PostgreSQL")
    print(f"每项 {rounds} 轮取中位数，每轮回滚")
    print(f"{'项目':<16}{'ms':>8}{'SQL':>6}   {'对照':<12}{'ms':>8}{'SQL':>6}{'比值':>8}")
    for name, (ms, sql), floor_name, (floor_ms, floor_sql) in measured:
        print(
            f"{name:<16}{ms:>8.0f}{sql:>6}   {floor_name:<12}{floor_ms:>8.0f}{floor_sql:>6}"
            f"{ms / floor_ms:>8.2f}"
        )
    print(f"每行校验 {measured[1][1][0] / options.rows:.2f} ms")


if __name__ == "__main__":
    main()
