"""R-5.1 … R-5.3, R-3: login with unit code, password and a code pushed to the agent's app."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts import services
from accounts.models import CodeCheck, PushCodeDevice
from portal.models import AuditEvent
from tests.accounts.conftest import AGENT_ID_WITH_X, PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def send_code(client, unit_code="3699199555", password=PASSWORD):
    return client.post(LOGIN, {"unit_code": unit_code, "password": password, "action": "send_code"})


def log_in(client, code, unit_code="3699199555", password=""):
    return client.post(
        LOGIN, {"unit_code": unit_code, "password": password, "code": code, "action": "login"}
    )


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def text(response):
    return response.content.decode()


def test_r5_1_login_page_has_the_contract_fields(client):
    html = text(client.get(LOGIN))
    for name in (
        'name="unit_code"',
        'name="password"',
        'name="code"',
        'value="send_code"',
        'value="login"',
    ):
        assert name in html
    assert "获取验证码" in html and "登录" in html


def test_r5_1_login_requires_the_pushed_code(client, unit_account, locmem_push):
    response = send_code(client)
    assert response.status_code == 200
    assert len(locmem_push.outbox) == 1
    log_in(client, "000000" if locmem_push.outbox[0].code != "000000" else "111111")
    assert logged_in_user_id(client) is None
    # django-otp's back-off: after one wrong code the next try waits a second.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        response = log_in(client, locmem_push.outbox[0].code)
    assert response.status_code == 302 and response.url == "/"
    assert logged_in_user_id(client) == str(unit_account.pk)


def test_r3_1_code_goes_to_the_current_agents_app_with_masked_confirmation(
    client, unit_account, locmem_push
):
    html = text(send_code(client))
    message = locmem_push.outbox[0]
    assert message.id_number == AGENT_ID_WITH_X
    assert len(message.code) == 6 and message.code.isdigit()
    assert "张*" in html and "3601**********009X" in html
    assert message.code not in html


@pytest.mark.parametrize("typed", ["3699199555", "369919955500"])
def test_r5_2_ten_digit_code_or_twelve_digit_user_name_both_work(
    client, unit_account, locmem_push, typed
):
    send_code(client, unit_code=typed)
    log_in(client, locmem_push.outbox[-1].code, unit_code=typed)
    assert logged_in_user_id(client) == str(unit_account.pk)


def test_r5_2_twelve_digit_unit_code_is_the_user_name(client, other_account, locmem_push):
    assert other_account.username == "369900181666"
    send_code(client, unit_code="369900181666")
    log_in(client, locmem_push.outbox[-1].code, unit_code="369900181666")
    assert logged_in_user_id(client) == str(other_account.pk)


def test_r5_3_initial_password_is_last_six_with_capital_x(client, unit_account, locmem_push):
    unit_account.set_password("09X".rjust(6, "0"))  # overwritten below by the real rule
    from accounts.rules import initial_password

    unit_account.set_password(initial_password(AGENT_ID_WITH_X))
    unit_account.save()
    assert initial_password(AGENT_ID_WITH_X) == AGENT_ID_WITH_X[-6:]
    assert text(send_code(client, password=AGENT_ID_WITH_X[-6:].lower())).count(
        "单位代码或密码错误"
    )
    assert locmem_push.outbox == []
    send_code(client, password=AGENT_ID_WITH_X[-6:])
    assert len(locmem_push.outbox) == 1


def test_no_push_for_a_wrong_password_and_same_message_as_unknown_unit(
    client, unit_account, locmem_push
):
    wrong_password = text(send_code(client, password="Wrong2026"))
    unknown_unit = text(send_code(client, unit_code="3699199556"))
    assert locmem_push.outbox == []
    assert "单位代码或密码错误" in wrong_password and "单位代码或密码错误" in unknown_unit


def test_r3_2_unregistered_agent_is_told_and_nothing_is_pushed(client, unit_account, locmem_push):
    locmem_push.unregistered.add(AGENT_ID_WITH_X)
    html = text(send_code(client))
    assert "请经办人先使用本人身份证号注册江西人社APP" in html
    assert locmem_push.outbox == []
    # Registering later lets the next request through at once (no cooldown was spent).
    locmem_push.unregistered.clear()
    send_code(client)
    assert len(locmem_push.outbox) == 1


def test_typed_unit_code_is_kept_and_password_is_not_echoed(client, unit_account):
    html = text(send_code(client))
    assert 'value="3699199555"' in html
    assert PASSWORD not in html
    assert "密码已验证" in html


def test_code_is_valid_for_5_minutes(client, unit_account, locmem_push):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_code(client)
    code = locmem_push.outbox[-1].code
    with time_machine.travel(start + datetime.timedelta(seconds=299), tick=False):
        log_in(client, code)
    assert logged_in_user_id(client) == str(unit_account.pk)


def test_code_expired_after_5_minutes(client, unit_account, locmem_push):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_code(client)
    with time_machine.travel(start + datetime.timedelta(seconds=301), tick=False):
        html = text(log_in(client, locmem_push.outbox[-1].code))
    assert "验证码已过期" in html
    assert logged_in_user_id(client) is None


def test_code_is_single_use(client, unit_account, locmem_push):
    send_code(client)
    code = locmem_push.outbox[-1].code
    log_in(client, code)
    client.post("/accounts/logout/")
    html = text(log_in(client, code, password=PASSWORD))
    assert "验证码已使用" in html
    assert logged_in_user_id(client) is None


def test_code_sent_for_unit_a_does_not_log_in_unit_b(
    client, unit_account, other_account, locmem_push
):
    send_code(client)
    code = locmem_push.outbox[-1].code
    log_in(client, code, unit_code="369900181666", password=PASSWORD)
    assert logged_in_user_id(client) is None


def test_wrong_and_missing_codes_have_their_own_messages(client, unit_account, locmem_push):
    assert "请先点击" in text(log_in(client, "123456", password=PASSWORD))
    send_code(client)
    wrong = "654321" if locmem_push.outbox[-1].code != "654321" else "123456"
    assert "验证码错误" in text(log_in(client, wrong))


def test_resend_within_60_seconds_is_refused_and_allowed_after(client, unit_account, locmem_push):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_code(client)
    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        html = text(send_code(client))
    assert len(locmem_push.outbox) == 1
    assert "秒后" in html and 'data-resend-wait="1"' in html
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        send_code(client)
    assert len(locmem_push.outbox) == 2


def test_four_failed_passwords_do_not_lock(client, unit_account, locmem_push):
    for _ in range(4):
        send_code(client, password="Wrong2026")
    send_code(client)
    assert len(locmem_push.outbox) == 1


def test_five_failed_passwords_lock_the_account_until_the_wait_is_over(
    client, unit_account, locmem_push
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            html = text(send_code(client, password="Wrong2026"))
        assert "失败次数过多，请5分" in html  # the wait is shown
        assert "失败次数过多" in text(send_code(client))  # the right password waits too
    with time_machine.travel(start + datetime.timedelta(seconds=299), tick=False):
        assert "失败次数过多，请1秒后再试" in text(send_code(client))
    assert locmem_push.outbox == []
    with time_machine.travel(start + datetime.timedelta(seconds=301), tick=False):
        send_code(client)
    assert len(locmem_push.outbox) == 1


def test_a_successful_login_resets_the_failure_count(client, unit_account, locmem_push):
    for _ in range(4):
        send_code(client, password="Wrong2026")
    send_code(client)
    log_in(client, locmem_push.outbox[-1].code)
    client.post("/accounts/logout/")
    for _ in range(4):
        send_code(client, password="Wrong2026")
    send_code(client)
    assert len(locmem_push.outbox) == 2  # 4 + 4 failures, yet not locked


def test_failures_are_counted_per_client_address_too(
    client, settings, unit_account, other_account, locmem_push
):
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    for index in range(6):
        send_code(client, unit_code=f"36991995{index:02d}", password="Wrong2026")
    html = text(send_code(client, unit_code="369900181666"))
    assert "失败次数过多" in html
    assert locmem_push.outbox == []


def test_a_quick_retry_after_a_wrong_code_waits_for_the_back_off(client, unit_account, locmem_push):
    send_code(client)
    right = locmem_push.outbox[-1].code
    log_in(client, "000000" if right != "000000" else "111111")
    assert "验证码错误次数过多，请1秒后再试" in text(log_in(client, right))
    assert logged_in_user_id(client) is None


def test_five_wrong_codes_lock_the_account_until_the_wait_is_over(
    client, unit_account, locmem_push
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_code(client)
    right = locmem_push.outbox[-1].code
    wrong = "000000" if right != "000000" else "111111"
    elapsed = 0
    for attempt in range(5):
        elapsed += 2**attempt + 1  # step past django-otp's back-off (1, 2, 4, 8 s)
        with time_machine.travel(start + datetime.timedelta(seconds=elapsed), tick=False):
            html = text(log_in(client, wrong))
    assert "失败次数过多，请5分" in html
    with time_machine.travel(start + datetime.timedelta(seconds=elapsed + 20), tick=False):
        assert "失败次数过多" in text(log_in(client, right))
    assert logged_in_user_id(client) is None
    later = start + datetime.timedelta(seconds=elapsed + 302)
    with time_machine.travel(later, tick=False):
        send_code(client)
        log_in(client, locmem_push.outbox[-1].code)
    assert logged_in_user_id(client) == str(unit_account.pk)


def test_a_new_code_does_not_reset_the_code_failure_count(unit_account, rf):
    device = PushCodeDevice.objects.get(user=unit_account)
    _code, challenge = device.issue_code()
    device.save()
    assert (
        device.check_code("999999" if _code != "999999" else "888888", challenge) is CodeCheck.WRONG
    )
    device.refresh_from_db()
    failures = device.throttling_failure_count
    device.issue_code()
    device.save()
    device.refresh_from_db()
    assert failures == 1 and device.throttling_failure_count == 1


def test_codes_are_stored_hashed_never_in_plain_text(client, unit_account, locmem_push):
    send_code(client)
    device = PushCodeDevice.objects.get(user=unit_account)
    code = locmem_push.outbox[-1].code
    assert device.token in (None, "")
    assert code not in device.token_digest and len(device.token_digest) == 64


def test_session_holds_no_password_between_the_steps(client, unit_account):
    send_code(client)
    challenge = client.session[services.LOGIN_CHALLENGE]
    assert set(challenge) == {"user", "challenge", "at"}
    assert PASSWORD not in str(dict(client.session.items()))


def test_session_key_is_rotated_at_login(client, unit_account, locmem_push):
    send_code(client)
    before = client.session.session_key
    log_in(client, locmem_push.outbox[-1].code)
    assert client.session.session_key != before


def test_logged_in_user_opening_the_login_page_goes_home(client, unit_account):
    client.force_login(unit_account)
    response = client.get(LOGIN)
    assert response.status_code == 302 and response.url == "/"


def test_audit_records_logins_and_codes_without_secrets(client, unit_account, locmem_push):
    send_code(client, password="Wrong2026")
    send_code(client)
    code = locmem_push.outbox[-1].code
    log_in(client, code)
    kinds = list(AuditEvent.objects.order_by("at", "id").values_list("kind", "reason"))
    assert kinds == [
        ("login_failed", "bad_credentials"),
        ("code_sent", ""),
        ("login_succeeded", ""),
    ]
    dumped = str(list(AuditEvent.objects.values()))
    assert code not in dumped and PASSWORD not in dumped and "Wrong2026" not in dumped


@pytest.mark.parametrize(
    "data",
    [
        {"unit_code": "", "password": PASSWORD, "action": "send_code"},
        {"unit_code": "1" * 13, "password": PASSWORD, "action": "send_code"},
        {"unit_code": "abc", "password": "", "action": "login", "code": "12"},
        {"unit_code": "3699199555", "password": "x" * 129, "action": "login"},
        {"unit_code": "3699199555", "password": PASSWORD, "action": "login", "code": "1234567"},
    ],
)
def test_bad_input_gets_a_message_never_a_500(client, unit_account, data):
    response = client.post(LOGIN, data)
    assert response.status_code == 200
    assert 'class="field-error"' in text(response) or 'class="form-errors"' in text(response)
