"""The demo manifest (DESIGN §4): what tests and newcomers need to use the demo, read back from
the database so that it describes what is really there."""

from __future__ import annotations

from accounts.models import Agent
from accounts.rules import initial_password
from appcenter.models import AppUser
from demo import data
from demo.plan import Plan
from demo.seed import unknown_resident_id
from portal.identity import unit_username
from roster.models import Person, Unit

ACTIVE_SAMPLE = 5
PER_UNIT_SAMPLE = 5


def _person(person: Person, unit: Unit | None) -> dict:
    return {
        "personal_code": person.personal_code,
        "name": person.name,
        "id_number": person.id_number,
        "unit": unit.code if unit else None,
    }


def build_manifest(plan: Plan) -> dict:
    scenario_codes = {p.scenario: p.personal_code for p in plan.persons if p.scenario}
    scenario_units = {p.scenario: p.unit_code for p in plan.persons if p.scenario}
    persons = {
        person.personal_code: person
        for person in Person.objects.filter(personal_code__in=scenario_codes.values())
    }
    units = {unit.code: unit for unit in Unit.objects.select_related("county")}
    agents = {agent.unit.code: agent for agent in Agent.objects.select_related("unit")}
    registered = set(AppUser.objects.values_list("id_number", flat=True))

    def scenario(name: str) -> dict:
        return _person(persons[scenario_codes[name]], units[scenario_units[name]])

    main_unit = data.UNITS[0].code
    active = (
        Person.objects.filter(relations__unit__code=main_unit, relations__status="active")
        .exclude(personal_code__in=scenario_codes.values())
        .order_by("personal_code")[:ACTIVE_SAMPLE]
    )
    never_insured = scenario("new_insurance")
    never_insured["unit"] = None
    return {
        "units": [
            {
                "code": demo_unit.code,
                "name": demo_unit.name,
                "username": unit_username(demo_unit.code),
                "password": initial_password(agents[demo_unit.code].id_number),
                "agent": {
                    "name": agents[demo_unit.code].name,
                    "id_number": agents[demo_unit.code].id_number,
                    "phone": agents[demo_unit.code].phone,
                },
                "app_registered": agents[demo_unit.code].id_number in registered,
            }
            for demo_unit in data.UNITS
            if demo_unit.has_service
        ],
        "staff": [
            {"username": username, "password": password, "county": county}
            for username, password, county in data.STAFF
        ],
        "admin": {"username": data.ADMIN[0], "password": data.ADMIN[1]},
        "persons": {
            **{
                name: scenario(name)
                for name in (
                    "pension_eligible",
                    "pension_arrears",
                    "pension_short_months",
                    "pension_not_of_age",
                    "retiree",
                )
            },
            "active": [_person(person, units[main_unit]) for person in active],
        },
        "enrollment": {
            "new_registration": {"id_type": "resident_id", "id_number": unknown_resident_id()},
            "new_insurance": never_insured,
            "continuation": scenario("continuation"),
        },
        "units_without_service": [
            {"code": u.code, "name": u.name, "county": units[u.code].county.code}
            for u in data.UNITS
            if not u.has_service
        ],
        "persons_by_unit": {
            demo_unit.code: list(
                Person.objects.filter(relations__unit__code=demo_unit.code)
                .order_by("personal_code")
                .values_list("personal_code", flat=True)[:PER_UNIT_SAMPLE]
            )
            for demo_unit in data.UNITS
        },
    }
