"""R-1.2: with JavaScript off (as IE11 policy may force) the avatar menu's items stay reachable
and the login form still works as plain submits."""

import pytest

from tests.e2e.conftest import VIEWPORT, Visitor, login_cookie, open_visitor
from tests.factories import AgentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_avatar_menu_items_are_links_without_javascript(browser, live_server):
    unit = UnitFactory(name="南昌市东湖区教育体育局")
    AgentFactory(unit=unit)
    user = UserFactory(username="360102100100", unit=unit)
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    login_cookie(context, live_server, user)
    visitor = Visitor(context.new_page(), live_server.url, javascript=False)
    page = visitor.page
    visitor.visit("/", "home-no-javascript")
    assert page.get_by_role("link", name="修改密码").is_visible()
    logout = page.get_by_role("button", name="退出登录")
    assert logout.is_visible()
    logout.click()
    page.wait_for_load_state()
    assert page.get_by_text("您已退出登录").is_visible()
    visitor.check("logged-out-no-javascript")
    context.close()


@pytest.mark.parametrize("width", [360, 1024])
def test_on_a_phone_without_javascript_the_navigation_wraps_in_view(browser, live_server, width):
    """Without the script there is no 菜单 button to press: the links stay on the page, and
    the page still fits the screen."""
    unit = UnitFactory(name="南昌市东湖区教育体育局")
    AgentFactory(unit=unit)
    user = UserFactory(username="360102100100", unit=unit)
    screen = {"width": width, "height": 740}
    with open_visitor(browser, live_server, user, screen, java_script_enabled=False) as visitor:
        page = visitor.page
        visitor.visit("/", f"home-no-javascript-{width}")
        assert not page.locator("[data-nav-toggle]").is_visible()
        for name in ("首页", "办理中", "办结"):
            box = page.locator(".nav-list").get_by_text(name).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, name
        assert page.get_by_role("button", name="退出登录").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_login_form_submits_without_javascript(browser, live_server):
    with open_visitor(browser, live_server, java_script_enabled=False) as visitor:
        page = visitor.page
        visitor.visit("/accounts/login/", "login-no-javascript")
        page.fill("input[name=unit_code]", "3601021001")
        page.fill("input[name=password]", "Wrong2026")
        page.click("button[data-send-code]")
        page.wait_for_load_state()
        assert "单位代码或密码错误" in page.inner_text("form")
        assert page.input_value("input[name=unit_code]") == "3601021001"
        visitor.check("login-refused-no-javascript")


def test_pension_claim_rows_are_added_modified_and_deleted_without_javascript(browser, live_server):
    """R-7.3, R-7.5: every row button posts the whole step; what was typed comes back."""
    from accounts.services import unit_account_open
    from tests.pension.conftest import retiring_person
    from tests.progress.conftest import ensure_material_types

    ensure_material_types()
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局")
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    person = retiring_person(unit)
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    login_cookie(context, live_server, account)
    visitor = Visitor(context.new_page(), live_server.url, javascript=False)
    page = visitor.page
    visitor.visit("/pension/", "pension-start-no-javascript")
    page.click(f"tr:has-text('{person.personal_code}') >> text=申领")
    page.wait_for_url("**/history/")
    visitor.check("pension-history-no-javascript")
    page.click(".step-actions button[value=next]")
    page.wait_for_url("**/basic/")
    visitor.check("pension-basic-no-javascript")
    page.fill("[name=salary_2014_title]", "科员")
    page.select_option("[name=new-kind]", "deduct")
    page.fill("[name=new-start]", "1989-01")
    page.fill("[name=new-end]", "1989-12")
    page.fill("[name=new-reason]", "学徒期")
    page.click("button[value=add]")
    page.wait_for_load_state()
    assert "学徒期" in page.inner_text(".rows-table")
    assert page.input_value("[name=salary_2014_title]") == "科员"
    page.click("button[value=delete-0]")
    page.wait_for_load_state()
    assert "学徒期" not in page.inner_text(".rows-table")
    assert page.input_value("[name=salary_2014_title]") == "科员"
    visitor.check("pension-rows-no-javascript")
    context.close()
