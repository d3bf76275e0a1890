"""Counter staff log in with user name + password (+ TOTP where set up or required)."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
LOGIN = "/backoffice/login/"


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()


def current_token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_log_in_with_password(client, staff):
    response = client.post(LOGIN, {"username": "guitai_donghu", "password": "Passw0rd2026"})
    assert response.status_code == 302 and response.url == "/backoffice/agents/register/"
    assert client.get("/backoffice/agents/register/").status_code == 200


def test_unit_accounts_cannot_log_in_as_staff(client, unit):
    from tests.factories import UserFactory

    UserFactory(username="360102100100", unit=unit)
    html = client.post(
        LOGIN, {"username": "360102100100", "password": "Passw0rd2026"}
    ).content.decode()
    assert "用户名或密码错误" in html


def test_staff_login_is_throttled(client, staff):
    for _ in range(5):
        html = client.post(
            LOGIN, {"username": "guitai_donghu", "password": "Wrong2026"}
        ).content.decode()
    assert "失败次数过多" in html
    html = client.post(
        LOGIN, {"username": "guitai_donghu", "password": "Passw0rd2026"}
    ).content.decode()
    assert "失败次数过多" in html


def test_confirmed_totp_device_is_required(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    html = client.post(
        LOGIN, {"username": "guitai_donghu", "password": "Passw0rd2026"}
    ).content.decode()
    assert "请输入身份验证器显示的动态码" in html
    html = client.post(
        LOGIN,
        {
            "username": "guitai_donghu",
            "password": "Passw0rd2026",
            "otp_token": "000000" if current_token(device) != "000000" else "111111",
        },
    ).content.decode()
    assert "动态码错误" in html
    # django-otp's back-off after a wrong token: the next try waits a moment.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        device.refresh_from_db()
        response = client.post(
            LOGIN,
            {
                "username": "guitai_donghu",
                "password": "Passw0rd2026",
                "otp_token": current_token(device),
            },
        )
    assert response.status_code == 302
    assert client.get("/backoffice/agents/register/").status_code == 200


def test_required_otp_sends_staff_without_a_device_to_set_one_up(client, settings, staff):
    settings.BACKOFFICE_REQUIRE_OTP = True
    client.post(LOGIN, {"username": "guitai_donghu", "password": "Passw0rd2026"})
    response = client.get("/backoffice/agents/register/")
    assert response.status_code == 302 and response.url == "/backoffice/security/otp/"
    page = client.get("/backoffice/security/otp/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    client.post("/backoffice/security/otp/", {"token": current_token(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/backoffice/agents/register/").status_code == 200


def test_next_parameter_cannot_leave_the_site(client, staff):
    response = client.post(
        LOGIN + "?next=https://evil.example/",
        {"username": "guitai_donghu", "password": "Passw0rd2026"},
    )
    assert response.url == "/backoffice/agents/register/"
