"""R-1.2: with JavaScript off (as IE11 policy may force) the avatar menu's items stay reachable
and the login form still works as plain submits."""

import pytest

from tests.e2e.conftest import VIEWPORT, login_cookie
from tests.factories import AgentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_avatar_menu_items_are_links_without_javascript(browser, live_server):
    unit = UnitFactory(name="南昌市东湖区教育体育局")
    AgentFactory(unit=unit)
    user = UserFactory(username="360102100100", unit=unit)
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    login_cookie(context, live_server, user)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="修改密码").is_visible()
    logout = page.get_by_role("button", name="退出登录")
    assert logout.is_visible()
    page.screenshot(path="var/screenshots/home-no-javascript.png")
    logout.click()
    page.wait_for_load_state()
    assert page.get_by_text("您已退出登录").is_visible()
    context.close()


def test_login_form_submits_without_javascript(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=unit_code]", "3601021001")
    page.fill("input[name=password]", "Wrong2026")
    page.click("button[data-send-code]")
    page.wait_for_load_state()
    assert "单位代码或密码错误" in page.inner_text("form")
    assert page.input_value("input[name=unit_code]") == "3601021001"
    context.close()
