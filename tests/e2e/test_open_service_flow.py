"""R-2 in a real browser: counter staff open online service for a unit (search with Enter,
double-click), the new agent registers the app and logs in with the initial password."""

import datetime

import pytest

from tests.e2e.conftest import Visitor, open_visitor
from tests.factories import CountyFactory, UnitFactory, UserFactory, resident_id

pytestmark = pytest.mark.django_db(transaction=True)
AGENT_ID = resident_id(county="360102", birth=datetime.date(1986, 2, 14), sequence=77)


@pytest.fixture
def county_hall(settings):
    settings.PUSH_BACKEND = "accounts.push.appcenter.AppCenterBackend"
    settings.APPCENTER_ENABLED = True
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    UnitFactory(code="3601021004", name="南昌市东湖区档案馆", county=county)
    UnitFactory(code="3601021005", name="南昌市东湖区文化馆", county=county)
    UserFactory(
        username="guitai_donghu",
        county=county,
        password="Guitai360102",
        first_name="东湖区",
        last_name="柜台",
    )


def test_staff_open_service_and_the_new_agent_logs_in(visitor, live_server, county_hall):
    page = visitor.page
    visitor.visit("/backoffice/login/", "backoffice-login")
    page.fill("input[name=username]", "guitai_donghu")
    page.fill("input[name=password]", "Guitai360102")
    page.click(".form-actions button")
    page.wait_for_url("**/backoffice/agents/register/")

    page.fill("input[name=q]", "档案")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("tr[data-href]")
    visitor.check("backoffice-search")
    assert page.locator("tr[data-href]").count() == 1
    page.dblclick("tr[data-href] td >> nth=1")
    page.wait_for_url("**/backoffice/agents/register/3601021004/")
    visitor.check("backoffice-register-agent")

    page.fill("input[name=name]", "王芳")
    page.fill("input[name=id_number]", AGENT_ID)
    page.fill("input[name=email]", "wangfang@example.cn")
    page.fill("input[name=phone]", "1397000123")  # one digit short
    page.click(".form-actions button")
    assert "11位手机号码" in page.inner_text(".field-invalid")
    assert page.input_value("input[name=id_number]") == AGENT_ID  # the rest is kept
    visitor.check("backoffice-register-agent-refused")
    page.fill("input[name=phone]", "13970001234")
    page.click(".form-actions button")
    page.wait_for_url("**/done/")
    assert "360102100400" in page.inner_text(".notice-sheet")
    visitor.check("backoffice-opened")

    # The agent, on their own phone and computer, registers the app with the same data, then
    # logs in to the portal.
    with open_visitor(page.context.browser, live_server) as app_visitor:
        app = app_visitor.page
        app_visitor.visit("/app/register/", "app-register")
        app.fill("input[name=id_number]", AGENT_ID)
        app.fill("input[name=name]", "王芳")
        app.fill("input[name=phone]", "13970001234")
        app.click("button[type=submit]")
        app.wait_for_selector("#inbox-title")
        app_visitor.check("app-inbox")

        portal_visitor = Visitor(app.context.new_page(), visitor.base_url)
        portal = portal_visitor.page
        portal_visitor.visit("/accounts/login/", "new-agent-login")
        portal.fill("input[name=unit_code]", "3601021004")
        portal.fill("input[name=password]", AGENT_ID[-6:])
        portal.click("button[data-send-code]")
        portal.wait_for_selector(".message-success")
        app.reload()
        code = app.locator("[data-code]").first.inner_text().strip()
        portal.fill("input[name=code]", code)
        portal.click(".form-actions button")
        portal.wait_for_url("**/accounts/password/change/")
        assert "初始密码" in portal.inner_text("main")
        portal_visitor.check("new-agent-password-change")
