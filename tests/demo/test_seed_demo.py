"""`seed_demo` (DESIGN §4): idempotent, believable, with every scenario the manifest names."""

import json
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from accounts.models import Agent, PushCodeDevice
from accounts.rules import initial_password
from appcenter.models import AppUser
from pension.rules import minimum_contribution_months, retirement_group, statutory_retirement_month
from portal.identity import normalise_credit_code, normalise_resident_id, unit_username
from portal.models import AuditEvent
from portal.yearmonth import YearMonth
from progress.models import Application, Attachment
from roster.models import Contribution, DeemedPeriod, InsuranceRelation, Person, Retirement, Unit
from tests.demo.seeding import seeded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def manifest(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module; the tests only read, or roll back."""
    with seeded_demo(django_db_blocker, tmp_path_factory) as manifest:
        yield manifest


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Unit,
            Person,
            InsuranceRelation,
            Contribution,
            DeemedPeriod,
            Retirement,
            Agent,
            AppUser,
            get_user_model(),
            AuditEvent,
            PushCodeDevice,
            Application,
            Attachment,
        )
    }


def test_running_twice_changes_nothing(manifest, tmp_path):
    before = counts()
    second = tmp_path / "second.json"
    out = StringIO()
    call_command("seed_demo", manifest=second, stdout=out)
    assert "already loaded" in out.getvalue()
    assert counts() == before
    assert json.loads(second.read_text()) == manifest


def test_manifest_has_the_contract_keys(manifest):
    assert set(manifest) >= {
        "units",
        "staff",
        "admin",
        "persons",
        "enrollment",
        "units_without_service",
        "persons_by_unit",
    }
    assert set(manifest["persons"]) == {
        "pension_eligible",
        "pension_arrears",
        "pension_short_months",
        "pension_not_of_age",
        "retiree",
        "active",
    }
    assert set(manifest["enrollment"]) == {"new_registration", "new_insurance", "continuation"}


def test_units_with_service_have_both_code_lengths_and_an_unregistered_agent(manifest):
    codes = [unit["code"] for unit in manifest["units"]]
    assert {len(code) for code in codes} == {10, 12}
    assert any(not unit["app_registered"] for unit in manifest["units"])
    assert any(unit["app_registered"] for unit in manifest["units"])


def test_unit_logins_follow_r5_2_and_r5_3(manifest):
    for unit in manifest["units"]:
        assert unit["username"] == unit_username(unit["code"])
        assert unit["password"] == initial_password(unit["agent"]["id_number"])
        user = authenticate(username=unit["username"], password=unit["password"])
        assert user is not None and user.unit.code == unit["code"]


def test_staff_and_admin_logins_work(manifest):
    counties = set()
    for staff in manifest["staff"]:
        user = authenticate(username=staff["username"], password=staff["password"])
        assert user is not None and user.county.code == staff["county"]
        counties.add(staff["county"])
    assert len(counties) >= 2
    admin = authenticate(**manifest["admin"])
    assert admin is not None and admin.is_superuser


def test_units_without_service_have_no_account(manifest):
    assert manifest["units_without_service"]
    for unit in manifest["units_without_service"]:
        assert not Agent.objects.filter(unit__code=unit["code"]).exists()


def test_data_is_valid_and_believable(manifest):
    for unit in Unit.objects.all():
        unit.full_clean()
        assert normalise_credit_code(unit.credit_code) == unit.credit_code
        persons = Person.objects.filter(relations__unit=unit).distinct().count()
        assert 60 <= persons <= 200
    for person in Person.objects.all():
        assert normalise_resident_id(person.id_number) == person.id_number
        person.clean()  # sex and birth date agree with the ID number
    assert Retirement.objects.count() >= 5
    assert not Contribution.objects.filter(month__lt=YearMonth(2014, 10)).exists()


def person_months(code: str) -> tuple[int, int, int]:
    paid = Contribution.objects.filter(person__personal_code=code, status="paid").count()
    due = Contribution.objects.filter(person__personal_code=code, status="due").count()
    deemed = sum(p.months for p in DeemedPeriod.objects.filter(person__personal_code=code))
    return paid, due, deemed


def retirement_month(code: str) -> YearMonth:
    person = Person.objects.get(personal_code=code)
    group = retirement_group(sex=person.sex, is_cadre=person.staff_category == "cadre")
    return statutory_retirement_month(YearMonth.from_date(person.birth_date), group)


def test_pension_eligible_is_of_age_soon_with_enough_months_and_no_arrears(manifest):
    code = manifest["persons"]["pension_eligible"]["personal_code"]
    paid, due, deemed = person_months(code)
    retires = retirement_month(code)
    assert 0 < retires - YearMonth.current() <= 3
    assert due == 0
    assert paid + deemed >= minimum_contribution_months(retires.year)
    assert InsuranceRelation.objects.get(person__personal_code=code).status == "active"


def test_pension_arrears_has_due_months(manifest):
    _paid, due, _deemed = person_months(manifest["persons"]["pension_arrears"]["personal_code"])
    assert due > 0


def test_pension_short_months_cannot_reach_the_minimum(manifest):
    code = manifest["persons"]["pension_short_months"]["personal_code"]
    paid, _due, deemed = person_months(code)
    retires = retirement_month(code)
    assert 0 < retires - YearMonth.current() <= 3
    assert paid + deemed + (retires - YearMonth.current()) < minimum_contribution_months(
        retires.year
    )


def test_pension_not_of_age_is_years_away(manifest):
    code = manifest["persons"]["pension_not_of_age"]["personal_code"]
    assert retirement_month(code) - YearMonth.current() > 12


def eligibility(manifest, scenario: str) -> list[str]:
    from pension.services import eligibility_messages

    entry = manifest["persons"][scenario]
    person = Person.objects.get(personal_code=entry["personal_code"])
    unit = Unit.objects.get(code=entry["unit"])
    return eligibility_messages(unit=unit, person=person, this_month=YearMonth.current())


def test_r7_1_demo_persons_pass_or_fail_the_claim_conditions_with_their_reasons(manifest):
    assert eligibility(manifest, "pension_eligible") == []
    (arrears,) = eligibility(manifest, "pension_arrears")
    assert "应缴未缴" in arrears
    (short,) = eligibility(manifest, "pension_short_months")
    assert "少于" in short and "个月" in short
    (too_early,) = eligibility(manifest, "pension_not_of_age")
    assert "最早可退休年月" in too_early


def test_retiree_has_a_retirement_and_no_active_relation(manifest):
    code = manifest["persons"]["retiree"]["personal_code"]
    assert Retirement.objects.filter(person__personal_code=code).exists()
    assert not InsuranceRelation.objects.filter(
        person__personal_code=code, status="active"
    ).exists()


def test_enrollment_scenarios(manifest):
    enrollment = manifest["enrollment"]
    new_id = enrollment["new_registration"]["id_number"]
    assert normalise_resident_id(new_id) == new_id
    assert not Person.objects.filter(id_number=new_id).exists()
    never = Person.objects.get(personal_code=enrollment["new_insurance"]["personal_code"])
    assert not never.relations.exists()
    suspended = InsuranceRelation.objects.get(
        person__personal_code=enrollment["continuation"]["personal_code"]
    )
    assert suspended.status == "suspended"


def test_persons_by_unit_belong_to_their_unit(manifest):
    for code, personal_codes in manifest["persons_by_unit"].items():
        assert personal_codes
        assert Person.objects.filter(
            personal_code__in=personal_codes, relations__unit__code=code
        ).distinct().count() == len(personal_codes)


def test_data_seeded_on_another_day_is_reported_stale(manifest):
    import datetime

    from django.utils import timezone

    from demo.plan import build_plan
    from demo.seed import is_stale

    today = timezone.localdate()
    assert not is_stale(build_plan(today))
    assert is_stale(build_plan(today + datetime.timedelta(days=45)))


def test_r8_1_manifest_enrollment_ids_decide_each_addition_type(manifest):
    from django.core.exceptions import ValidationError

    from enrollment import rules, services

    enrollment = manifest["enrollment"]
    expected = {
        "new_registration": rules.NEW_REGISTRATION,
        "new_insurance": rules.NEW_INSURANCE,
        "continuation": rules.CONTINUATION,
    }
    for key, business_type in expected.items():
        decision = services.addition_decide(
            id_type="resident_id",
            id_number=enrollment[key]["id_number"],
            name=enrollment[key].get("name", "孙新人"),
        )
        assert decision.business_type == business_type
    for key in ("pension_eligible", "retiree"):
        with pytest.raises(ValidationError):
            services.addition_decide(
                id_type="resident_id",
                id_number=manifest["persons"][key]["id_number"],
                name=manifest["persons"][key]["name"],
            )


def test_demo_has_cases_in_every_state_the_pages_show(manifest):
    unit = Unit.objects.get(code=manifest["units"][0]["code"])
    statuses = sorted(Application.objects.filter(unit=unit).values_list("status", flat=True))
    assert statuses == ["approved", "draft", "rejected", "submitted", "submitted"]
    claim = Application.objects.get(unit=unit, business_code="pension_claim")
    assert claim.status == "submitted" and claim.attachments.count() == 5
    assert Attachment.objects.filter(application__unit=unit).count() == 3 + 5
    rejected = Application.objects.get(unit=unit, status="rejected")
    assert rejected.events.filter(action="rejected").exclude(note="").exists()


def test_the_printed_logins_tell_a_newcomer_how_to_get_a_login_code(manifest, tmp_path):
    """Issue 15: with the printed lines alone a newcomer logs in: user name and password, the
    agent's ID number and mobile for the stand-in app at /app/, and the first-login change."""
    out = StringIO()
    call_command("seed_demo", manifest=tmp_path / "again.json", stdout=out)
    printed = out.getvalue()
    for unit in manifest["units"]:
        assert unit["username"] in printed and unit["password"] in printed
        assert unit["agent"]["id_number"] in printed and unit["agent"]["phone"] in printed
    assert "/app/" in printed and "获取验证码" in printed and "make reset-demo" in printed
    assert "first login asks to change" in printed
