"""R-5 in a real browser: code pushed to the app, read in a second tab, login, forced change of
the initial password, logout, login with the new password."""

import datetime

import pytest

from accounts.rules import initial_password
from accounts.services import unit_account_open
from appcenter.models import AppUser
from tests.e2e.conftest import Visitor
from tests.factories import AgentFactory, UnitFactory, resident_id

pytestmark = pytest.mark.django_db(transaction=True)

AGENT_ID = resident_id(county="360102", birth=datetime.date(1980, 5, 17), sequence=9)  # …X


@pytest.fixture
def demo_unit(settings):
    settings.PUSH_BACKEND = "accounts.push.appcenter.AppCenterBackend"
    settings.APPCENTER_ENABLED = True
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局")
    agent = AgentFactory(unit=unit, name="赵云雪", id_number=AGENT_ID, phone="13945458823")
    unit_account_open(unit=unit, agent=agent)
    AppUser.objects.create(id_number=AGENT_ID, name="赵云雪", phone="13945458823")
    return unit


def read_code_in_app(browser_context, base_url: str) -> str:
    app_visitor = Visitor(browser_context.new_page(), base_url)
    app = app_visitor.page
    app_visitor.visit("/app/", "app-start")
    if app.locator("input[name=id_number]").count():
        app.fill("input[name=id_number]", AGENT_ID)
        app.fill("input[name=phone]", "13945458823")
        app.click("button[type=submit]")
    app_visitor.check("app-message-center")
    code = app.locator("[data-code]").first.inner_text().strip()
    app.close()
    return code


def request_code_and_log_in(visitor, password: str, screenshot: str) -> None:
    page = visitor.page
    visitor.visit("/accounts/login/", screenshot)
    page.fill("input[name=unit_code]", "3601021001")
    page.fill("input[name=password]", password)
    page.click("button[data-send-code]")
    page.wait_for_selector(".message-success")
    assert "赵*" in page.inner_text(".message-success")
    assert page.locator("button[data-send-code]").is_disabled()  # the countdown runs
    visitor.check(screenshot + "-code-sent")
    code = read_code_in_app(page.context, visitor.base_url)
    page.fill("input[name=code]", code)
    page.click(".form-actions button")


def test_login_with_app_code_change_password_logout_login_again(visitor, demo_unit):
    page = visitor.page
    request_code_and_log_in(visitor, initial_password(AGENT_ID), "login")

    # The initial password must be changed first.
    page.wait_for_url("**/accounts/password/change/")
    visitor.check("password-change-forced")
    page.fill("input[name=old_password]", initial_password(AGENT_ID))
    page.fill("input[name=new_password1]", "Ganjiang2026")
    page.fill("input[name=new_password2]", "Ganjiang2026")
    page.click(".form-actions button")
    page.wait_for_url(visitor.base_url + "/")
    assert "南昌市东湖区教育体育局" in page.inner_text(".user-menu-toggle")
    visitor.check("home-logged-in")

    # The avatar drop-down opens by click and holds 退出登录.
    page.click("[data-user-menu-toggle]")
    assert page.locator(".user-menu-list").is_visible()
    visitor.check("user-menu-open")
    page.click("text=退出登录")
    page.wait_for_url(visitor.base_url + "/")
    assert page.locator(".user-menu").count() == 0
    visitor.check("logged-out")

    request_code_and_log_in(visitor, "Ganjiang2026", "login-again")
    page.wait_for_url(visitor.base_url + "/")
    assert "南昌市东湖区教育体育局" in page.inner_text(".user-menu-toggle")
    visitor.check("home-logged-in-again")
