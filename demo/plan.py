"""The demo data set as a plan, before anything is written (`demo.seed` writes it).

Everything comes from one seeded random generator, so two runs on the same day produce the same
people; the scenario persons (pension-eligible, arrears, ...) are placed relative to the day of the
run, so that `pension_eligible` is eligible whenever the data is made.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from demo import data
from pension.rules import (
    RetirementGroup,
    retirement_group,
    statutory_retirement_month,
)
from portal.identity import (
    resident_id_with_check_digit,
)
from portal.yearmonth import YearMonth

SEED = 20141001
SCHEME_START = YearMonth(2014, 10)
UNIT_RATE = Decimal("0.16")  # unit contribution: 16 % of the base
PERSONAL_RATE = Decimal("0.08")  # personal contribution: 8 % of the base
CENT = Decimal("0.01")
ARREARS_MONTHS = 3
NEW_REGISTRATION_BIRTH = datetime.date(2000, 3, 8)


@dataclass
class PlannedPerson:
    personal_code: str
    name: str
    id_number: str
    sex: str
    birth_date: datetime.date
    work_start_date: datetime.date
    staff_category: str
    phone: str
    unit_code: str
    relation_status: str | None  # None: never insured
    start_month: YearMonth | None = None
    end_month: YearMonth | None = None
    base: Decimal = Decimal("0")
    arrears_months: int = 0
    retirement: tuple[datetime.date, str, Decimal] | None = None
    scenario: str = ""


@dataclass
class Plan:
    today: datetime.date
    persons: list[PlannedPerson] = field(default_factory=list)
    agents: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)


class _Generator:
    def __init__(self, today: datetime.date):
        self.rng = random.Random(SEED)
        self.today = today
        self.this_month = YearMonth.from_date(today)
        self.used_ids: set[str] = set()
        self.county_sequence: dict[str, int] = {}

    # --- identities -----------------------------------------------------------------------
    def name(self) -> str:
        given = "".join(
            self.rng.choice(data.GIVEN_NAME_CHARACTERS) for _ in range(self.rng.choice((1, 2, 2)))
        )
        return self.rng.choice(data.SURNAMES) + given

    def id_number(self, county: str, birth: datetime.date, sex: str) -> str:
        while True:
            sequence = self.rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)
            number = resident_id_with_check_digit(f"{county}{birth:%Y%m%d}{sequence:03d}")
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return (
            self.rng.choice(("138", "139", "150", "158", "187", "135", "182"))
            + f"{self.rng.randrange(10**8):08d}"
        )

    def personal_code(self, county: str) -> str:
        sequence = self.county_sequence.get(county, 0) + 1
        self.county_sequence[county] = sequence
        return f"{county}{sequence:06d}"

    def birth_in(self, month: YearMonth) -> datetime.date:
        return datetime.date(month.year, month.month, self.rng.randint(1, 28))

    def base(self) -> Decimal:
        return Decimal(self.rng.randrange(4500, 14000, 10))

    # --- persons --------------------------------------------------------------------------
    def person(
        self,
        unit: data.DemoUnit,
        *,
        birth: datetime.date,
        sex: str,
        cadre: bool,
        work_start: datetime.date,
        scenario: str = "",
    ) -> PlannedPerson:
        return PlannedPerson(
            personal_code=self.personal_code(unit.county),
            name=self.name(),
            id_number=self.id_number(unit.county, birth, sex),
            sex=sex,
            birth_date=birth,
            work_start_date=work_start,
            staff_category="cadre" if cadre else "worker",
            phone=self.phone(),
            unit_code=unit.code,
            relation_status="active",
            start_month=max(
                SCHEME_START, YearMonth.from_date(work_start), YearMonth.parse(unit.insured_since)
            ),
            base=self.base(),
            scenario=scenario,
        )

    def random_active(self, unit: data.DemoUnit) -> PlannedPerson:
        sex = self.rng.choice("MF")
        cadre = self.rng.random() < 0.7
        group = retirement_group(sex=sex, is_cadre=cadre)
        # Somebody between 23 and five months before their statutory retirement.
        while True:
            age_years = self.rng.randint(23, 62)
            birth = self.birth_in(self.this_month - (age_years * 12 + self.rng.randrange(12)))
            if statutory_retirement_month(YearMonth.from_date(birth), group) > self.this_month + 5:
                break
        work_age = self.rng.randint(20, 24)
        work_start = datetime.date(birth.year + work_age, self.rng.randint(7, 9), 1)
        # Nobody starts work in the future, and a new starter has paid at least one month.
        work_start = min(work_start, (self.this_month - 2).first_day())
        return self.person(unit, birth=birth, sex=sex, cadre=cadre, work_start=work_start)

    def random_retiree(self, unit: data.DemoUnit) -> PlannedPerson:
        sex = self.rng.choice("MF")
        cadre = self.rng.random() < 0.7
        group = retirement_group(sex=sex, is_cadre=cadre)
        # Retired between 2016 and last year.
        retired = YearMonth(self.rng.randint(2016, self.today.year - 1), self.rng.randint(1, 12))
        birth_month = retired - statutory_retirement_age(group, retired)
        birth = self.birth_in(birth_month)
        work_start = datetime.date(birth.year + self.rng.randint(19, 23), 8, 1)
        person = self.person(unit, birth=birth, sex=sex, cadre=cadre, work_start=work_start)
        person.relation_status = "ended"
        person.end_month = retired - 1
        pension = Decimal(self.rng.randrange(3200, 9800, 10)) + Decimal("0.50")
        person.retirement = (retired.first_day(), "normal", pension)
        return person

    def near_retirement(
        self,
        unit: data.DemoUnit,
        scenario: str,
        *,
        months_ahead: range,
        work_start: datetime.date | None = None,
    ) -> PlannedPerson:
        """A man (cadre) whose statutory retirement month falls within `months_ahead` of today."""
        group = RetirementGroup.MALE
        targets = {self.this_month + n for n in months_ahead}
        birth_month = self.this_month - 75 * 12
        while statutory_retirement_month(birth_month, group) not in targets:
            birth_month = birth_month + 1
        birth = self.birth_in(birth_month)
        start = work_start or datetime.date(birth.year + 22, 8, 1)
        return self.person(
            unit, birth=birth, sex="M", cadre=True, work_start=start, scenario=scenario
        )


def statutory_retirement_age(group: RetirementGroup, retired: YearMonth) -> int:
    """The age (months) of someone in `group` who reached statutory retirement in `retired`."""
    birth = retired - 72 * 12
    while statutory_retirement_month(birth, group) < retired:
        birth = birth + 1
    return retired - birth


DEMO_CLAIM_SCENARIO = "pension_claim_submitted"


def build_plan(today: datetime.date) -> Plan:
    """Decide every person of the demo; pure (no database)."""
    generator = _Generator(today)
    plan = Plan(today=today)
    for unit in data.UNITS:
        retirees = max(4, unit.staff_count // 15)
        for _ in range(unit.staff_count - retirees):
            plan.persons.append(generator.random_active(unit))
        for _ in range(retirees):
            plan.persons.append(generator.random_retiree(unit))
        if unit.has_service:
            sex = generator.rng.choice("MF")
            birth = generator.birth_in(generator.this_month - generator.rng.randint(30, 50) * 12)
            plan.agents[unit.code] = (
                generator.name(),
                generator.id_number(unit.county, birth, sex),
                generator.phone(),
                f"agent{unit.code[-4:]}@example.cn",
            )

    main_unit, third_unit = data.UNITS[0], data.UNITS[2]
    scenarios = [
        generator.near_retirement(main_unit, "pension_eligible", months_ahead=range(1, 3)),
        generator.near_retirement(main_unit, "pension_arrears", months_ahead=range(1, 3)),
        generator.near_retirement(
            main_unit,
            "pension_short_months",
            months_ahead=range(1, 3),
            work_start=datetime.date(generator.today.year - 11, 3, 1),
        ),
    ]
    scenarios[1].arrears_months = ARREARS_MONTHS
    young = generator.person(
        main_unit,
        birth=generator.birth_in(generator.this_month - 45 * 12),
        sex="F",
        cadre=True,
        work_start=datetime.date(generator.today.year - 23, 8, 1),
        scenario="pension_not_of_age",
    )
    retiree = generator.random_retiree(main_unit)
    retiree.scenario = "retiree"
    never_insured = generator.person(
        main_unit,
        birth=generator.birth_in(generator.this_month - 28 * 12),
        sex="M",
        cadre=True,
        work_start=datetime.date(generator.today.year - 5, 7, 1),
        scenario="new_insurance",
    )
    never_insured.relation_status = None
    suspended = generator.person(
        third_unit,
        birth=generator.birth_in(generator.this_month - 38 * 12),
        sex="F",
        cadre=True,
        work_start=datetime.date(generator.today.year - 12, 9, 1),
    )
    suspended.relation_status = "suspended"
    suspended.end_month = generator.this_month - 14
    suspended.scenario = "continuation"
    plan.persons.extend([*scenarios, young, retiree, never_insured, suspended])
    # Last, so that everybody above stays as they were: whose claim awaits the county's review.
    plan.persons.append(
        generator.near_retirement(main_unit, DEMO_CLAIM_SCENARIO, months_ahead=range(1, 3))
    )
    return plan
