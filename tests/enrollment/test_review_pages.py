"""Issue 15: what a 新登记 reads from the ID, 民族 as the 56 groups, and review and case pages
that show every field the agent typed, grouped as on the form, with the decision in view."""

import re

import pytest
from django.test import Client

from portal.identity import resident_id_with_check_digit
from progress.models import Application
from roster.ethnicity import ETHNIC_GROUPS
from roster.models import Person
from tests.enrollment.test_addition import (
    addition_version,
    registration_data,
    start,
    submit_and_approve,
)
from tests.enrollment.test_reduction import form_data, leaving_person, start_case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WOMAN_ID = resident_id_with_check_digit("36010219990704002")  # born 1999-07-04, female


def woman_case(client):
    start(client, WOMAN_ID, name="孙新人")
    return f"/progress/{Application.objects.get().pk}/details/"


def woman_data(**overrides):
    return registration_data(**{"sex": "", "birth_date": "", **overrides})


def staff_client(unit):
    client = Client()
    client.force_login(UserFactory(username="guitai_review", county=unit.county))
    return client


def test_r15_new_registration_reads_sex_and_birth_date_from_the_resident_id(agent_client, unit):
    url = woman_case(agent_client)
    html = agent_client.get(url).content.decode()
    sex = re.search(r'<select name="sex"[^>]*>.*?</select>', html, re.S).group(0)
    assert "disabled" in sex and re.search(r'<option value="F" selected>', sex)
    birth = re.search(r'<input[^>]*name="birth_date"[^>]*>', html).group(0)
    assert "disabled" in birth and 'value="1999-07-04"' in birth
    assert "由居民身份证号码读取" in html
    # Whatever is posted for them, the ID decides; a woman is never refused as a man.
    response = agent_client.post(url, woman_data(sex="M", birth_date="1998-01-01"))
    assert response.status_code == 302
    data = Application.objects.get().data
    assert (data["sex"], data["birth_date"]) == ("F", "1999-07-04")


def test_r15_a_passport_holder_still_types_sex_and_birth_date(agent_client, unit):
    start(agent_client, "E12345678", id_type="passport", name="孙新人")
    url = f"/progress/{Application.objects.get().pk}/details/"
    html = agent_client.get(url).content.decode()
    assert "disabled" not in re.search(r'<select name="sex"[^>]*>', html).group(0)
    response = agent_client.post(url, registration_data(sex="F", birth_date="1998-03-15"))
    assert response.status_code == 302
    assert Application.objects.get().data["sex"] == "F"


def test_r15_ethnicity_is_a_select_of_the_56_groups(agent_client, unit):
    url = woman_case(agent_client)
    html = agent_client.get(url).content.decode()
    select = re.search(r'<select name="ethnicity"[^>]*>(.*?)</select>', html, re.S).group(1)
    names = re.findall(r'<option value="([^"]+)"', select)
    assert names == [name for _code, name in ETHNIC_GROUPS] and len(names) == 56
    assert '<option value="汉族" selected>' in select
    refused = agent_client.post(url, woman_data(ethnicity="火星族")).content.decode()
    assert "选择一个有效的选项" in refused and 'value="南昌市东湖区某路1号"' in refused
    response = agent_client.post(url, woman_data(ethnicity="畲族", version=addition_version()))
    assert response.status_code == 302 and Application.objects.get().data["ethnicity"] == "畲族"


def test_r15_the_typed_name_names_the_case_everywhere(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data(name="孙  改名"))
    case = Application.objects.get()
    assert case.subject_name == "孙 改名"
    assert "孙 改名（" in agent_client.get("/progress/in-progress/").content.decode()
    assert "孙 改名（" in agent_client.get(f"/progress/{case.pk}/").content.decode()
    assert (
        "在职人员增加 · 孙 改名（"
        in agent_client.get(f"/progress/{case.pk}/materials/").content.decode()
    )


def review_page(unit, case) -> str:
    return staff_client(unit).get(f"/backoffice/reviews/{case.pk}/").content.decode()


def test_r15_review_shows_every_field_typed_grouped_with_the_decided_type(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data())
    case = Application.objects.get()
    Application.objects.filter(pk=case.pk).update(status="submitted")
    html = review_page(unit, case)
    sections = [
        "业务信息",
        "人员关键信息",
        "人员一般信息",
        "参保信息",
    ]
    positions = [html.index(f">{title}</h3>") for title in sections]
    assert positions == sorted(positions)
    for label, value in [
        ("业务类型", "新登记"),
        ("证件号码", WOMAN_ID),
        ("性别", "女"),
        ("出生日期", "1999-07-04"),
        ("民族", "汉族"),
        ("户籍性质", "城镇"),
        ("户籍地址", "南昌市东湖区某路1号"),
        ("学历", "大学本科"),
        ("手机号码", "13870001234"),
        ("联系地址", "南昌市东湖区某路1号"),
        ("干部/工人", "干部"),
        ("用工形式/编制类型", "事业编制"),
        ("同时参加职业年金", "是"),
        ("缴费基数（元）", "7000.00"),
    ]:
        assert re.search(
            rf'<th scope="row">{re.escape(label)}</th><td(?: colspan="3")?>{re.escape(value)}</td>',
            html,
        ), label
    # The decision comes first, where the reviewer sees it.
    assert html.index('id="decision-title"') < html.index('id="data-title"')
    # The agent's case page reads the same.
    assert "事业编制" in agent_client.get(f"/progress/{case.pk}/").content.decode()


def test_r15_no_decision_panel_once_decided(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data())
    case = Application.objects.get()
    Application.objects.filter(pk=case.pk).update(status="approved")
    assert 'id="decision-title"' not in review_page(unit, case)


def test_r15_approval_keeps_household_and_education(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data())
    submit_and_approve(agent_client, unit, url)
    person = Person.objects.get(id_number=WOMAN_ID)
    assert (person.sex, person.household_type, person.education) == ("F", "urban", "bachelor")
    assert person.household_address == "南昌市东湖区某路1号"


def test_r15_reduction_review_shows_the_person_reason_and_month(agent_client, unit):
    person = leaving_person(unit)
    start_case(agent_client, person)
    case = Application.objects.get(person=person)
    agent_client.post(
        f"/progress/{case.pk}/details/",
        form_data(reason="resignation", note="本人申请"),
    )
    Application.objects.filter(pk=case.pk).update(status="submitted")
    html = review_page(unit, case)
    for label, value in [
        ("姓名", "张离职"),
        ("个人代码", person.personal_code),
        ("减员原因", "辞职"),
        ("备注", "本人申请"),
    ]:
        assert re.search(
            rf'<th scope="row">{re.escape(label)}</th><td(?: colspan="3")?>{re.escape(value)}</td>',
            html,
        ), label


def test_r15_an_empty_id_number_is_one_message(agent_client, unit):
    html = agent_client.post(
        "/enrollment/add/", {"id_type": "resident_id", "id_number": "", "name": "孙新人"}
    ).content.decode()
    assert html.count('class="field-error"') == 1 and "请输入证件号码" in html


def test_r15_nothing_is_chosen_for_the_agent(agent_client, unit):
    html = agent_client.get(woman_case(agent_client)).content.decode()
    for name in ("staff_category", "employment_type"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
        assert "selected" not in select.split("</option>", 1)[1], name
    refused = agent_client.post(
        woman_case(agent_client), woman_data(staff_category="", employment_type="")
    ).content.decode()
    assert "请选择干部/工人" in refused and "请选择用工形式/编制类型" in refused


def test_r15_the_return_reason_names_itself_and_the_browser_leaves_it_to_us(agent_client, unit):
    url = woman_case(agent_client)
    agent_client.post(url, woman_data())
    case = Application.objects.get()
    Application.objects.filter(pk=case.pk).update(status="submitted")
    reviewer = staff_client(unit)
    html = reviewer.get(f"/backoffice/reviews/{case.pk}/").content.decode()
    assert html.count('class="bo-column form-stacked" novalidate>') == 2
    case.refresh_from_db()
    refused = reviewer.post(
        f"/backoffice/reviews/{case.pk}/reject/", {"reason": " ", "version": case.version}
    ).content.decode()
    assert "请输入退回原因" in refused
