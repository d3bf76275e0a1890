"""R-8.1, R-8.2 在职人员增加: the system decides 新登记 / 新参保 / 续保 or refuses; the form's
rules on both sides; approval effects visible in the roster."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from enrollment import rules
from enrollment.rules import PersonState, addition_type, base_range
from portal.identity import resident_id_with_check_digit
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application, MaterialType
from roster.models import InsuranceRelation, Person, Retirement
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.progress.conftest import pdf_bytes, upload
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
NEW_ID = resident_id_with_check_digit("36010219980315011")  # born 1998-03-15, male


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (PersonState(known=False), (rules.NEW_REGISTRATION, None)),
        (PersonState(known=True), (rules.NEW_INSURANCE, None)),
        (PersonState(known=True, ever_insured=True), (rules.CONTINUATION, None)),
        (
            PersonState(known=True, ever_insured=True, actively_insured=True),
            (None, rules.REFUSED_ACTIVE),
        ),
        (PersonState(known=True, ever_insured=True, retired=True), (None, rules.REFUSED_RETIRED)),
        (PersonState(known=True, deceased=True), (None, rules.REFUSED_DECEASED)),
        (PersonState(known=False, open_addition_case=True), (None, rules.REFUSED_OPEN_CASE)),
    ],
)
def test_r8_1_addition_type_table(state, expected):
    assert addition_type(state) == expected


def test_base_range_is_60_to_300_percent():
    assert base_range(Decimal("8500.00")) == (Decimal("5100.00"), Decimal("25500.00"))


def start(client, id_number, id_type="resident_id", name=None):
    """Step 1 as an agent who has the ID card: the person's name on record, else a new one."""
    if name is None:
        recorded = Person.objects.filter(id_number=id_number).values_list("name", flat=True)
        name = recorded.first() or "孙新人"
    return client.post(
        "/enrollment/add/", {"id_type": id_type, "id_number": id_number, "name": name}
    )


def test_r8_1_unknown_id_is_a_new_registration(agent_client, unit):
    response = start(agent_client, NEW_ID)
    application = Application.objects.get()
    assert response.url == f"/progress/{application.pk}/details/"
    assert application.data["type"] == "new_registration"
    html = agent_client.get(response.url).content.decode()
    assert "新登记" in html and "人员一般信息" in html and "参保信息" in html


def test_r8_1_known_never_insured_person_is_new_insurance(agent_client, unit):
    person = PersonFactory(name="赵新参", id_number=NEW_ID, birth_date=datetime.date(1998, 3, 15))
    start(agent_client, NEW_ID)
    application = Application.objects.get()
    assert application.data["type"] == "new_insurance" and application.person == person
    html = agent_client.get(f"/progress/{application.pk}/details/").content.decode()
    assert "新参保" in html and 'value="赵新参"' in html and "人员一般信息" not in html


def test_r8_1_suspended_person_is_a_continuation(agent_client, unit):
    other = UnitFactory(code="360702100212")
    person = add_person(other, 5, status="suspended")
    start(agent_client, person.id_number)
    application = Application.objects.get()
    assert application.data["type"] == "continuation"
    html = agent_client.get(f"/progress/{application.pk}/details/").content.decode()
    assert "续保" in html and "人员关键信息" not in html


def test_r8_1_refusals_do_not_name_the_other_unit(agent_client, unit):
    other = UnitFactory(code="360702100212", name="赣州市章贡区某局")
    active = add_person(other, 6)
    html = start(agent_client, active.id_number).content.decode()
    assert "正在参保缴费" in html and "赣州市章贡区某局" not in html
    retired = add_person(other, 7, status="ended")
    Retirement.objects.create(
        person=retired,
        unit=other,
        retirement_date=datetime.date(2020, 1, 1),
        retirement_type="normal",
        monthly_pension=Decimal("5000"),
    )
    assert "已退休" in start(agent_client, retired.id_number).content.decode()
    dead = add_person(other, 8, status="ended")
    Person.objects.filter(pk=dead.pk).update(death_date=datetime.date(2024, 1, 1))
    assert "已登记死亡" in start(agent_client, dead.id_number).content.decode()
    assert not Application.objects.exists()


def test_r8_1_invalid_ids_are_refused_by_type(agent_client, unit):
    html = start(agent_client, NEW_ID[:-1] + ("0" if NEW_ID[-1] != "0" else "1")).content.decode()
    assert "校验位不正确" in html
    assert "5至30位" in start(agent_client, "A1", id_type="passport").content.decode()
    response = start(agent_client, "e1234567", id_type="passport")
    assert Application.objects.get().data["id_number"] == "E1234567"
    assert response.status_code == 302


def test_double_start_gives_one_case_and_another_unit_is_refused(agent_client, unit):
    start(agent_client, NEW_ID)
    start(agent_client, NEW_ID)
    assert Application.objects.count() == 1
    other = UnitFactory(code="360702100212")
    from accounts.services import unit_account_open
    from tests.factories import AgentFactory

    account = unit_account_open(
        unit=other, agent=AgentFactory(unit=other, id_number="360426199101010071")
    )
    account.must_change_password = False
    account.save()
    client = Client()
    client.force_login(account)
    assert "正在办理的增员业务" in start(client, NEW_ID).content.decode()


def addition_version() -> int:
    """The version the addition's page shows (every post names it)."""
    return Application.objects.get(business_code="staff_addition").version


def registration_data(**overrides):
    this_month = YearMonth.current()
    data = {
        "name": "孙新人",
        "sex": "M",
        "birth_date": "1998-03-15",
        "ethnicity": "汉族",
        "nationality": "中国",
        "household_type": "urban",
        "household_address": "南昌市东湖区某路1号",
        "education": "bachelor",
        "phone": "13870001234",
        "address": "南昌市东湖区某路1号",
        "work_start_date": "2020-07-01",
        "staff_category": "cadre",
        "occupational_annuity": "on",
        "start_month_0": str(this_month.year),
        "start_month_1": str(this_month.month),
        "base": "7000.00",
        "employment_type": "institution",
        "action": "next",
    }
    data.update(overrides)
    if "version" not in data:
        data["version"] = addition_version()
    return data


def case_url(client):
    start(client, NEW_ID)
    return f"/progress/{Application.objects.get().pk}/details/"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"work_start_date": "1998-03-15"}, "参加工作日期须晚于出生日期"),
        ({"phone": "1387000123"}, "11位手机号码"),
    ],
)
def test_r8_1_personal_data_checks(agent_client, unit, overrides, message):
    html = agent_client.post(
        case_url(agent_client), registration_data(**overrides)
    ).content.decode()
    assert message in html
    assert 'value="南昌市东湖区某路1号"' in html  # the rest is kept


def test_base_on_both_sides_of_the_range(agent_client, unit):
    url = case_url(agent_client)
    year = YearMonth.current().year - 1
    from enrollment.models import ProvincialAverageWage

    wage = ProvincialAverageWage.objects.get(year=year).monthly_amount
    low, high = base_range(wage)
    for base, ok in (
        (low, True),
        (low - Decimal("0.01"), False),
        (high, True),
        (high + Decimal("0.01"), False),
    ):
        response = agent_client.post(url, registration_data(base=str(base)))
        assert (response.status_code == 302) is ok, base
        if not ok:
            assert "缴费基数须在" in response.content.decode()


def test_start_month_on_both_sides(agent_client, unit):
    url = case_url(agent_client)
    this_month = YearMonth.current()
    for month, ok in (
        (this_month - 3, True),
        (this_month - 4, False),
        (this_month + 1, True),
        (this_month + 2, False),
    ):
        response = agent_client.post(
            url, registration_data(start_month_0=str(month.year), start_month_1=str(month.month))
        )
        assert (response.status_code == 302) is ok, month
    response = agent_client.post(
        url, registration_data(work_start_date=f"{this_month.year + 1}-01-01")
    )
    assert "参保开始年月须在" in response.content.decode()


def test_save_draft_keeps_invalid_input(agent_client, unit):
    url = case_url(agent_client)
    agent_client.post(url, registration_data(phone="12", action="save"))
    assert Application.objects.get().data["phone"] == "12"
    assert 'value="12"' in agent_client.get(url).content.decode()


def submit_and_approve(agent_client, unit, url):
    application = Application.objects.get(business_code="staff_addition")
    case_services.attachment_add(
        application=application,
        by=unit.account,
        material_type=MaterialType.objects.get(business_code="staff_addition", code="id_card"),
        upload=upload("身份证.pdf", pdf_bytes()),
    )
    case_services.attachment_add(
        application=application,
        by=unit.account,
        material_type=MaterialType.objects.get(
            business_code="staff_addition", code="hiring_approval"
        ),
        upload=upload("录用审批.pdf", pdf_bytes()),
    )
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    application.refresh_from_db()
    staff = Client()
    staff.force_login(UserFactory(username="guitai", county=unit.county))
    response = staff.post(
        f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"
    return application


def test_new_registration_approval_creates_person_and_relation(
    agent_client, unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_person(unit, 41)  # the county already has 360102000041
    url = case_url(agent_client)
    agent_client.post(url, registration_data())
    application = submit_and_approve(agent_client, unit, url)
    person = Person.objects.get(id_number=NEW_ID)
    assert person.personal_code == "360102000042"  # the next free code of the county
    assert application.person == person
    relation = InsuranceRelation.objects.get(person=person)
    assert relation.status == "active" and relation.unit == unit
    assert relation.start_month == YearMonth.current()
    assert "孙新人" in agent_client.get("/roster/active/").content.decode()


def test_continuation_after_a_reduction_brings_the_person_back(
    agent_client, unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    person = add_person(unit, 3, status="suspended")
    start(agent_client, person.id_number)
    url = f"/progress/{Application.objects.get().pk}/details/"
    this_month = YearMonth.current()
    agent_client.post(
        url,
        {
            "start_month_0": str(this_month.year),
            "start_month_1": str(this_month.month),
            "base": "7000.00",
            "employment_type": "institution",
            "action": "next",
            "version": addition_version(),
        },
    )
    submit_and_approve(agent_client, unit, url)
    statuses = sorted(
        InsuranceRelation.objects.filter(person=person).values_list("status", flat=True)
    )
    assert statuses == ["active", "ended"]
    assert person.name in agent_client.get("/roster/active/").content.decode()


def test_new_insurance_approval_creates_the_relation_and_applies_corrections(
    agent_client, unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    person = PersonFactory(name="赵新参", id_number=NEW_ID, birth_date=datetime.date(1998, 3, 15))
    start(agent_client, NEW_ID)
    url = f"/progress/{Application.objects.get().pk}/details/"
    data = registration_data(name="赵新参正")
    agent_client.post(url, data)
    submit_and_approve(agent_client, unit, url)
    person.refresh_from_db()
    assert person.name == "赵新参正"
    assert InsuranceRelation.objects.get(person=person).status == "active"


def test_reduction_then_continuation_of_the_same_person(agent_client, unit, settings, tmp_path):
    from enrollment import services as enrollment_services

    settings.MEDIA_ROOT = tmp_path / "media"
    person = add_person(unit, 4, start=YearMonth.current() - 24, months=23)
    reduction = enrollment_services.reduction_start(unit=unit, person=person, by=unit.account)
    this_month = YearMonth.current()
    reduction = case_services.case_save(
        application=reduction,
        by=unit.account,
        version=reduction.version,
        data={"reason": "other", "reason_other": "借调", "stop_month": str(this_month), "note": ""},
    )
    reduction = case_services.application_submit(
        application=reduction, by=unit.account, version=reduction.version
    )
    staff = UserFactory(username="guitai", county=unit.county)
    case_services.application_approve(application=reduction, by=staff, version=reduction.version)
    assert InsuranceRelation.objects.get(person=person).status == "suspended"
    assert person.name not in agent_client.get("/roster/active/").content.decode()

    start(agent_client, person.id_number)
    addition = Application.objects.get(business_code="staff_addition")
    assert addition.data["type"] == "continuation"
    agent_client.post(
        f"/progress/{addition.pk}/details/",
        {
            "start_month_0": str(this_month.year),
            "start_month_1": str(this_month.month),
            "base": "7000.00",
            "employment_type": "institution",
            "action": "next",
            "version": addition_version(),
        },
    )
    submit_and_approve(agent_client, unit, "")
    assert person.name in agent_client.get("/roster/active/").content.decode()


def test_the_start_page_goes_on_with_next_step_not_next_page(agent_client, unit):
    """Issue 15: the button read 下一页, the pagination's word for "Next"."""
    html = agent_client.get("/enrollment/add/").content.decode()
    assert ">下一步</button>" in html and "下一页" not in html
