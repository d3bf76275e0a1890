"""R-2: counter staff open online service for a unit (外网经办用户信息录入) and change its agent
(外网经办用户信息变更); county isolation; audit."""

import pytest
from django.test import Client

from accounts.models import Agent, PushCodeDevice
from accounts.rules import initial_password
from portal.models import AuditEvent
from tests.backoffice.conftest import NEW_AGENT_ID, OTHER_AGENT_ID, agent_data
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
REGISTER = "/backoffice/agents/register/"
CHANGE = "/backoffice/agents/change/"


def text(response):
    return response.content.decode()


def open_service(client, unit, **overrides):
    return client.post(f"{REGISTER}{unit.code}/", agent_data(**overrides))


def test_back_office_needs_a_staff_login(client, unit):
    response = client.get(REGISTER)
    assert response.status_code == 302 and response.url.startswith("/backoffice/login/")


def test_unit_accounts_may_not_enter_the_back_office(client, unit):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="360102100100", unit=unit))
    assert client.get(REGISTER).status_code == 403


@pytest.mark.parametrize("keyword", ["教育", "东湖区教育体育", "021001", "3601021001"])
def test_r2_1_fuzzy_search_by_part_of_name_or_code(staff_client, unit, keyword):
    UnitFactory(code="3601029999", name="南昌市东湖区卫生健康委员会", county=unit.county)
    html = text(staff_client.get(REGISTER, {"q": keyword}))
    assert "南昌市东湖区教育体育局" in html
    assert "卫生健康委员会" not in html
    assert f'data-href="{REGISTER}3601021001/"' in html  # double-click target
    assert f'href="{REGISTER}3601021001/"' in html  # and the 选择 link


def test_search_lists_only_the_staff_members_county(staff_client, unit, foreign_unit):
    html = text(staff_client.get(REGISTER, {"q": "中心"}))
    assert "疾病预防控制中心" not in html
    assert "本区县没有符合条件的单位" in html


def test_search_results_are_paginated_with_constant_queries(staff_client, unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(numbers):
        for number in numbers:
            UnitFactory(
                code=f"36010250{number:02d}", name=f"东湖区测试单位{number}", county=unit.county
            )

    make(range(3))
    staff_client.get(REGISTER, {"q": "测试单位"})
    with CaptureQueriesContext(connection) as few:
        staff_client.get(REGISTER, {"q": "测试单位"})
    make(range(3, 45))
    with CaptureQueriesContext(connection) as many:
        html = text(staff_client.get(REGISTER, {"q": "测试单位"}))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "第 1 页 共 3 页" in html


def test_r2_1_r2_3_saving_opens_the_account_with_r5_rules(staff_client, unit, staff):
    response = open_service(staff_client, unit)
    assert response.status_code == 302 and response.url == f"{REGISTER}3601021001/done/"
    agent = Agent.objects.get(unit=unit)
    assert (agent.name, agent.id_number, agent.phone) == ("王芳", NEW_AGENT_ID, "13970001234")
    account = unit.__class__.objects.get(pk=unit.pk).account
    assert account.username == "360102100100"
    assert account.check_password(initial_password(NEW_AGENT_ID))
    assert account.must_change_password
    assert PushCodeDevice.objects.get(user=account).id_number == NEW_AGENT_ID
    html = text(staff_client.get(response.url))
    assert "360102100100" in html and "身份证号码后六位" in html and "注册江西人社APP" in html
    event = AuditEvent.objects.get(kind="agent_registered")
    assert event.user == staff and event.unit_code == unit.code and event.county_code == "360102"
    assert event.detail["after"]["id_number"] == NEW_AGENT_ID


def test_double_saving_opens_the_unit_once(staff_client, unit):
    first = open_service(staff_client, unit)
    second = open_service(staff_client, unit)
    assert first.status_code == second.status_code == 302
    assert Agent.objects.filter(unit=unit).count() == 1
    assert AuditEvent.objects.filter(kind="agent_registered").count() == 1


def test_a_unit_with_service_is_pointed_to_change(staff_client, unit):
    open_service(staff_client, unit)
    html = text(staff_client.get(f"{REGISTER}{unit.code}/"))
    assert "已开通网办业务" in html and f"{CHANGE}{unit.code}/" in html
    html = text(open_service(staff_client, unit, name="李明"))
    assert "外网经办用户信息变更" in html
    assert Agent.objects.get(unit=unit).name == "王芳"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "360102198602140771", "校验位不正确"),
        ("id_number", "36010219860214077", "应为18位"),
        ("phone", "1397000123", "11位手机号码"),
        ("email", "wangfang@", "有效的电子邮箱地址"),
        ("name", "", "请输入经办人姓名"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_the_rest(
    staff_client, unit, field, value, message
):
    html = text(open_service(staff_client, unit, **{field: value}))
    assert message in html
    assert 'class="field-error"' in html
    kept = agent_data()
    kept.pop(field)
    for other in kept.values():
        assert f'value="{other}"' in html
    assert not Agent.objects.filter(unit=unit).exists()


def test_too_long_input_is_refused(staff_client, unit):
    html = text(open_service(staff_client, unit, name="王" * 51))
    assert 'class="field-error"' in html
    assert not Agent.objects.filter(unit=unit).exists()


@pytest.mark.parametrize("path", ["{register}{code}/", "{register}{code}/done/", "{change}{code}/"])
def test_another_countys_unit_is_a_404(staff_client, foreign_unit, path):
    url = path.format(register=REGISTER, change=CHANGE, code=foreign_unit.code)
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, agent_data()).status_code in (404, 405)  # done/ is GET only
    assert not Agent.objects.filter(unit=foreign_unit).exists()


def test_r2_4_change_search_lists_units_with_service_only(staff_client, unit):
    other = UnitFactory(code="3601021004", name="南昌市东湖区档案馆", county=unit.county)
    open_service(staff_client, unit)
    html = text(staff_client.get(CHANGE, {"q": "东湖区"}))
    assert "教育体育局" in html and other.name not in html


def login_agent(client, unit_code, password, locmem_push):
    client.post(
        "/accounts/login/", {"unit_code": unit_code, "password": password, "action": "send_code"}
    )
    code = locmem_push.outbox[-1].code
    client.post("/accounts/login/", {"unit_code": unit_code, "code": code, "action": "login"})
    return client.session.get("_auth_user_id")


def test_r2_5_new_agent_rebinds_codes_resets_password_and_ends_sessions(
    staff_client, unit, locmem_push
):
    open_service(staff_client, unit)
    agent_session = Client()
    assert login_agent(agent_session, "3601021001", NEW_AGENT_ID[-6:], locmem_push)
    response = staff_client.post(
        f"{CHANGE}{unit.code}/", agent_data(name="李明", id_number=OTHER_AGENT_ID)
    )
    assert response.status_code == 302
    assert "新经办人须先使用相同的身份证号码" in text(staff_client.get(response.url))
    # The old session ended.
    assert agent_session.get("/accounts/password/change/").status_code == 302
    # The password is the new agent's initial one, to be changed.
    account = unit.__class__.objects.get(pk=unit.pk).account
    assert account.check_password(OTHER_AGENT_ID[-6:]) and account.must_change_password
    assert not account.check_password(NEW_AGENT_ID[-6:])
    # A code requested now goes to the new agent only.
    locmem_push.outbox.clear()
    assert login_agent(Client(), "3601021001", OTHER_AGENT_ID[-6:], locmem_push)
    assert [m.id_number for m in locmem_push.outbox] == [OTHER_AGENT_ID]
    event = AuditEvent.objects.get(kind="agent_changed")
    assert event.detail["before"]["id_number"] == NEW_AGENT_ID
    assert event.detail["after"]["id_number"] == OTHER_AGENT_ID
    assert set(event.detail["changed"]) == {"name", "id_number"}


def test_r2_5_phone_only_change_keeps_password_and_sessions(staff_client, unit, locmem_push):
    open_service(staff_client, unit)
    agent_session = Client()
    login_agent(agent_session, "3601021001", NEW_AGENT_ID[-6:], locmem_push)
    staff_client.post(
        f"{CHANGE}{unit.code}/", agent_data(phone="13970009999", email="new@example.cn")
    )
    assert agent_session.get("/accounts/password/change/").status_code == 200
    account = unit.__class__.objects.get(pk=unit.pk).account
    assert account.check_password(NEW_AGENT_ID[-6:])
    assert PushCodeDevice.objects.get(user=account).id_number == NEW_AGENT_ID
    event = AuditEvent.objects.get(kind="agent_changed")
    assert set(event.detail["changed"]) == {"phone", "email"}


def test_audit_list_masks_id_numbers(staff_client, unit):
    open_service(staff_client, unit)
    staff_client.post(f"{CHANGE}{unit.code}/", agent_data(id_number=OTHER_AGENT_ID))
    html = text(staff_client.get("/backoffice/audit/"))
    assert "经办人变更" in html and "网办业务已开通" in html
    assert NEW_AGENT_ID not in html and OTHER_AGENT_ID not in html
    assert NEW_AGENT_ID[:4] + "**********" + NEW_AGENT_ID[-4:] in html


def test_audit_list_shows_only_the_county(staff_client, unit, foreign_unit):
    from portal.audit import audit_record

    audit_record(kind="agent_registered", unit=foreign_unit, username="guitai_zhanggong")
    assert "360702100212" not in text(staff_client.get("/backoffice/audit/"))
