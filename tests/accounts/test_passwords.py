"""R-5.3 forced change, R-5.4 forgot password, R-5.5 logout, R-5.6 change password."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.rules import initial_password
from portal.models import AuditEvent
from tests.accounts.conftest import AGENT_ID_WITH_X, PASSWORD

pytestmark = pytest.mark.django_db
RESET = "/accounts/password/reset/"
CHANGE = "/accounts/password/change/"


def text(response):
    return response.content.decode()


def test_r5_3_until_the_initial_password_is_changed_every_page_leads_to_change(
    client, unit_account
):
    unit_account.set_password(initial_password(AGENT_ID_WITH_X))
    unit_account.must_change_password = True
    unit_account.save()
    client.force_login(unit_account)
    for path in ("/", "/no-such-page/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == CHANGE
    assert client.get(CHANGE).status_code == 200
    response = client.post(
        CHANGE,
        {
            "old_password": initial_password(AGENT_ID_WITH_X),
            "new_password1": "Ganjiang2026",
            "new_password2": "Ganjiang2026",
        },
    )
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    unit_account.refresh_from_db()
    assert not unit_account.must_change_password


def test_r5_6_change_password_keeps_the_session_and_checks_the_old_one(client, unit_account):
    client.force_login(unit_account)
    html = text(
        client.post(
            CHANGE,
            {
                "old_password": "Wrong2026",
                "new_password1": "Ganjiang2026",
                "new_password2": "Ganjiang2026",
            },
        )
    )
    assert "旧密码不正确" in html
    unit_account.refresh_from_db()
    assert unit_account.check_password(PASSWORD)
    client.post(
        CHANGE,
        {
            "old_password": PASSWORD,
            "new_password1": "Ganjiang2026",
            "new_password2": "Ganjiang2026",
        },
    )
    unit_account.refresh_from_db()
    assert unit_account.check_password("Ganjiang2026")
    assert client.get("/").wsgi_request.user == unit_account
    assert AuditEvent.objects.filter(kind="password_changed", user=unit_account).count() == 1


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Gan2026", False),  # 7 characters
        ("Gan20266", True),  # 8 characters, letters and digits
        ("Ganjiangriver", False),  # no digit
        ("20262027", False),  # no letter
        ("Password1", False),  # common
    ],
)
def test_password_rule_letters_and_digits_at_least_8(client, unit_account, password, accepted):
    client.force_login(unit_account)
    client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": password, "new_password2": password}
    )
    unit_account.refresh_from_db()
    assert unit_account.check_password(password) is accepted


def test_mismatched_confirmation_is_refused(client, unit_account):
    client.force_login(unit_account)
    html = text(
        client.post(
            CHANGE,
            {
                "old_password": PASSWORD,
                "new_password1": "Ganjiang2026",
                "new_password2": "Ganjiang2027",
            },
        )
    )
    assert "field-error" in html
    unit_account.refresh_from_db()
    assert unit_account.check_password(PASSWORD)


def test_r5_5_logout_is_a_post_from_the_avatar_menu(client, unit_account):
    client.force_login(unit_account)
    html = text(client.get("/"))
    assert 'action="/accounts/logout/"' in html and "退出登录" in html and "修改密码" in html
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="logout", user=unit_account).exists()


def test_agent_pages_require_login(client):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def send_reset_code(client, id_number=AGENT_ID_WITH_X, unit_code="3699199555"):
    return client.post(
        RESET, {"unit_code": unit_code, "id_number": id_number, "action": "send_code"}
    )


def reset(client, code, password="Ganjiang2026", confirm=None, id_number=AGENT_ID_WITH_X):
    return client.post(
        RESET,
        {
            "unit_code": "3699199555",
            "id_number": id_number,
            "code": code,
            "new_password1": password,
            "new_password2": confirm or password,
            "action": "reset",
        },
    )


def test_r5_4_reset_with_the_agents_id_and_a_pushed_code(client, unit_account, locmem_push):
    other_session = Client()
    other_session.force_login(unit_account)
    send_reset_code(client, id_number=AGENT_ID_WITH_X.lower())  # a lower-case x is accepted
    assert locmem_push.outbox[-1].id_number == AGENT_ID_WITH_X
    response = reset(client, locmem_push.outbox[-1].code)
    assert response.status_code == 302 and response.url == "/accounts/login/"
    unit_account.refresh_from_db()
    assert unit_account.check_password("Ganjiang2026")
    # Every other session of the unit ends.
    assert other_session.get(CHANGE).status_code == 302
    assert AuditEvent.objects.filter(kind="password_reset", user=unit_account).exists()


def test_r5_4_wrong_id_pushes_nothing_and_reads_like_an_unknown_unit(
    client, unit_account, other_account, locmem_push
):
    other_agent_id = other_account.unit.agent.id_number
    wrong_id = text(send_reset_code(client, id_number=other_agent_id))
    unknown_unit = text(send_reset_code(client, unit_code="3699199556"))
    invalid_id = text(send_reset_code(client, id_number="360102"))
    assert locmem_push.outbox == []
    for html in (wrong_id, unknown_unit, invalid_id):
        assert "单位代码或经办人身份证号错误" in html


def test_r5_4_reset_needs_a_right_code_and_a_valid_password(client, unit_account, locmem_push):
    send_reset_code(client)
    code = locmem_push.outbox[-1].code
    assert "密码须同时包含字母和数字" in text(reset(client, code, password="ganjiangriver"))
    assert "两次输入的密码不一致" in text(reset(client, code, confirm="Ganjiang2027"))
    wrong = "000000" if code != "000000" else "111111"
    assert "验证码错误" in text(reset(client, wrong))
    unit_account.refresh_from_db()
    assert unit_account.check_password(PASSWORD)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        reset(client, code)
    unit_account.refresh_from_db()
    assert unit_account.check_password("Ganjiang2026")


def test_r5_4_reset_without_requesting_a_code_is_refused(client, unit_account):
    assert "请先点击" in text(reset(client, "123456"))
    unit_account.refresh_from_db()
    assert unit_account.check_password(PASSWORD)


def test_sessions_end_after_30_minutes_without_a_request(client, unit_account):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(unit_account)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(CHANGE).status_code == 200  # a request renews the 30 minutes
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 29), tick=False):
        assert client.get(CHANGE).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 29 + 31), tick=False):
        response = client.get(CHANGE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_wrong_current_passwords_at_change_are_throttled_like_logins(
    client, unit_account, settings
):
    """Issue 13: five wrong current passwords lock the account as five wrong logins do; while
    locked, even the right one is refused, and the password stays."""
    client.force_login(unit_account)

    def change(old):
        return text(
            client.post(
                CHANGE,
                {
                    "old_password": old,
                    "new_password1": "Ganjiang2026",
                    "new_password2": "Ganjiang2026",
                },
            )
        )

    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        html = change("Wrong2026")
        assert "旧密码不正确" in html and "失败次数过多" not in html
    assert "失败次数过多，请5分" in change("Wrong2026")
    assert "失败次数过多" in change(PASSWORD)
    unit_account.refresh_from_db()
    assert unit_account.check_password(PASSWORD)
    failures = AuditEvent.objects.filter(kind="login_failed", reason="wrong_current_password")
    assert failures.count() == settings.LOGIN_FAILURE_LIMIT
    client.logout()  # the lock holds at the login page too
    html = text(
        client.post(
            "/accounts/login/",
            {"unit_code": unit_account.username, "password": PASSWORD, "action": "send_code"},
        )
    )
    assert "失败次数过多" in html


def test_a_counter_clerks_wrong_current_passwords_lock_their_back_office_login(client, settings):
    from tests.factories import CountyFactory, UserFactory

    clerk = UserFactory(username="guitai_donghu", county=CountyFactory(code="360102"))
    client.force_login(clerk)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            CHANGE,
            {"old_password": "Wrong2026", "new_password1": "Gj2026ab", "new_password2": "Gj2026ab"},
        )
    client.logout()
    html = text(
        client.post("/backoffice/login/", {"username": "guitai_donghu", "password": "Passw0rd2026"})
    )
    assert "失败次数过多" in html
