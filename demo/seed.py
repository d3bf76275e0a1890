"""Write the demo plan (`demo.plan`) idempotently (`manage.py seed_demo`): objects are created
only when missing (found by unit code, personal code, user name), so a second run changes
nothing."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Agent
from accounts.services import unit_account_open
from appcenter.models import AppUser
from contributions.models import DeclarationYear
from demo import data
from demo.plan import (
    CENT,
    DEMO_CLAIM_SCENARIO,
    NEW_REGISTRATION_BIRTH,
    PERSONAL_RATE,
    SCHEME_START,
    UNIT_RATE,
    Plan,
    PlannedPerson,
    build_plan,
)
from portal.identity import credit_code_with_check_character, resident_id_with_check_digit
from portal.yearmonth import YearMonth
from roster.models import (
    Contribution,
    County,
    DeemedPeriod,
    InsuranceRelation,
    Person,
    Retirement,
    Unit,
)


def _contributions(person: PlannedPerson, unit: Unit, person_row: Person, last: YearMonth):
    end = person.end_month or last
    if person.start_month is None or person.start_month > end:
        return
    unit_amount = (person.base * UNIT_RATE).quantize(CENT, ROUND_HALF_UP)
    personal_amount = (person.base * PERSONAL_RATE).quantize(CENT, ROUND_HALF_UP)
    first_due = end - (person.arrears_months - 1) if person.arrears_months else None
    for month in person.start_month.iter_through(end):
        yield Contribution(
            person=person_row,
            unit=unit,
            month=month,
            base=person.base,
            unit_amount=unit_amount,
            personal_amount=personal_amount,
            status="due" if first_due and month >= first_due else "paid",
        )


@transaction.atomic
def write_plan(plan: Plan) -> dict:
    """Create what is missing; return counts of what was created."""
    created = {"counties": 0, "units": 0, "persons": 0, "contributions": 0, "users": 0}
    counties = {}
    for code, name, city in data.COUNTIES:
        counties[code], was_created = County.objects.get_or_create(
            code=code, defaults={"name": name, "city": city}
        )
        created["counties"] += was_created

    last_month = YearMonth.from_date(plan.today) - 1
    for demo_unit in data.UNITS:
        unit = Unit.objects.filter(code=demo_unit.code).first()
        if unit is None:
            unit = Unit.objects.create(
                code=demo_unit.code,
                name=demo_unit.name,
                credit_code=_credit_code(demo_unit),
                unit_type=demo_unit.unit_type,
                county=counties[demo_unit.county],
                legal_representative=demo_unit.legal_representative,
                address=demo_unit.address,
                phone=demo_unit.phone,
                insured_since=YearMonth.parse(demo_unit.insured_since),
            )
            created["units"] += 1
            _write_persons(plan, demo_unit, unit, last_month, created)
        _write_online_service(plan, demo_unit, unit, created)

    user_model = get_user_model()
    for username, password, county_code in data.STAFF:
        if not user_model.objects.filter(username=username).exists():
            user = user_model(
                username=username,
                county=counties[county_code],
                last_name="柜台",
                first_name=counties[county_code].name,
            )
            user.set_password(password)
            user.save()
            created["users"] += 1
    # The year's 缴费基数申报 is open, so the demo can declare (admins set real windows).
    DeclarationYear.objects.get_or_create(
        year=plan.today.year,
        defaults={
            "opens": plan.today.replace(month=1, day=1),
            "closes": plan.today + datetime.timedelta(days=30),
        },
    )
    admin_name, admin_password = data.ADMIN
    if not user_model.objects.filter(username=admin_name).exists():
        user_model.objects.create_superuser(admin_name, "admin@example.cn", admin_password)
        created["users"] += 1
    return created


def _credit_code(unit: data.DemoUnit) -> str:
    """统一社会信用代码: 11 (agency) or 12 (institution) + region + organisation code (GB 11714,
    with its own check character) + check character (GB 32100)."""
    prefix = "11" if unit.unit_type == "agency" else "12"
    body = f"{int(unit.code[-6:]) * 37 % 10**8:08d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    organisation = body + {10: "X", 11: "0"}.get(check, str(check))
    return credit_code_with_check_character(f"{prefix}{unit.county}{organisation}")


def _write_persons(
    plan: Plan, demo_unit: data.DemoUnit, unit: Unit, last_month: YearMonth, created: dict
) -> None:
    planned = [p for p in plan.persons if p.unit_code == demo_unit.code]
    rows = Person.objects.bulk_create(
        Person(
            personal_code=p.personal_code,
            name=p.name,
            id_number=p.id_number,
            sex=p.sex,
            birth_date=p.birth_date,
            work_start_date=p.work_start_date,
            staff_category=p.staff_category,
            phone=p.phone,
            address=f"{demo_unit.address[:6]}某小区{p.personal_code[-3:]}号",
        )
        for p in planned
    )
    created["persons"] += len(rows)
    by_code = {
        row.personal_code: row
        for row in Person.objects.filter(personal_code__in=[p.personal_code for p in planned])
    }
    relations, deemed, retirements, contributions = [], [], [], []
    for p in planned:
        row = by_code[p.personal_code]
        if p.relation_status is None:
            continue
        relations.append(
            InsuranceRelation(
                person=row,
                unit=unit,
                status=p.relation_status,
                start_month=p.start_month,
                end_month=p.end_month,
                contribution_base=p.base,
            )
        )
        work_start = YearMonth.from_date(p.work_start_date)
        if work_start < SCHEME_START:
            deemed.append(
                DeemedPeriod(
                    person=row,
                    start_month=work_start,
                    end_month=SCHEME_START - 1,
                    note="参加工作至2014年9月",
                )
            )
        if p.retirement:
            retired_on, kind, pension = p.retirement
            retirements.append(
                Retirement(
                    person=row,
                    unit=unit,
                    retirement_date=retired_on,
                    retirement_type=kind,
                    monthly_pension=pension,
                )
            )
        contributions.extend(_contributions(p, unit, row, last_month))
    InsuranceRelation.objects.bulk_create(relations)
    DeemedPeriod.objects.bulk_create(deemed)
    Retirement.objects.bulk_create(retirements)
    Contribution.objects.bulk_create(contributions, batch_size=2000)
    created["contributions"] += len(contributions)


def _write_online_service(plan: Plan, demo_unit: data.DemoUnit, unit: Unit, created: dict) -> None:
    if not demo_unit.has_service:
        return
    name, id_number, phone, email = plan.agents[demo_unit.code]
    agent, _ = Agent.objects.get_or_create(
        unit=unit, defaults={"name": name, "id_number": id_number, "phone": phone, "email": email}
    )
    if not get_user_model().objects.filter(unit=unit).exists():
        unit_account_open(unit=unit, agent=agent)
        created["users"] += 1
    if demo_unit.agent_registered_in_app:
        AppUser.objects.get_or_create(
            id_number=agent.id_number, defaults={"name": agent.name, "phone": agent.phone}
        )


def unknown_resident_id() -> str:
    """A valid resident ID number that no person in the database has (新登记 in the demo)."""
    for sequence in range(0, 1000, 2):
        number = resident_id_with_check_digit(
            f"360702{NEW_REGISTRATION_BIRTH:%Y%m%d}{sequence:03d}"
        )
        if not Person.objects.filter(id_number=number).exists():
            return number
    raise RuntimeError("no unused demo ID number left")


def is_stale(plan: Plan) -> bool:
    """True when the database was seeded on another day: its scenario persons are then placed
    relative to that day, and `pension_eligible` may no longer be eligible."""
    eligible = next(p for p in plan.persons if p.scenario == "pension_eligible")
    stored = Person.objects.filter(personal_code=eligible.personal_code).first()
    return stored is not None and stored.birth_date != eligible.birth_date


def seed(today: datetime.date | None = None) -> tuple[Plan, dict]:
    from demo.cases import seed_cases

    plan = build_plan(today or timezone.localdate())
    created = write_plan(plan)
    claim = next(p for p in plan.persons if p.scenario == DEMO_CLAIM_SCENARIO)
    created["cases"] = seed_cases(
        {p.personal_code for p in plan.persons if p.scenario}, claim_code=claim.personal_code
    )
    return plan, created
