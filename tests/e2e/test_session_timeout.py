"""Issue 15 in a real browser: a notice before the session ends, 继续使用 keeps it alive, and
after it ended 重新登录 leads to the login page that brings the user back."""

import pytest

from tests.e2e.conftest import VIEWPORT, Visitor, login_cookie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agent_page(browser, live_server, unit_with_staff):
    _unit, account, _staff = unit_with_staff
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    login_cookie(context, live_server, account)
    yield Visitor(context.new_page(), live_server.url)
    context.close()


def test_r15_the_notice_comes_before_the_end_and_continue_keeps_the_session(agent_page, settings):
    settings.SESSION_COOKIE_AGE = 123  # the notice 3 s after the page loads
    page = agent_page.page
    agent_page.visit("/roster/active/", "session-before-notice")
    notice = page.locator("#session-timeout")
    assert notice.is_hidden()
    notice.get_by_text("登录将在约1分钟后失效").wait_for(timeout=8000)
    agent_page.check("session-notice")
    continue_button = notice.get_by_role("button", name="继续使用")
    assert page.evaluate("document.activeElement.textContent") == "继续使用"
    with page.expect_response("**/accounts/session/") as keepalive:
        continue_button.click()
    assert keepalive.value.status == 204
    notice.wait_for(state="hidden")


def test_r15_after_the_end_log_in_again_leads_back(agent_page, settings):
    settings.SESSION_COOKIE_AGE = 61  # ended, as far as the page knows, after 1 s
    page = agent_page.page
    agent_page.visit("/roster/retired/?name=%E5%BC%A0", "session-ended-page")
    link = page.locator("#session-timeout").get_by_role("link", name="重新登录")
    link.wait_for(timeout=8000)
    agent_page.check("session-ended")
    assert (
        link.get_attribute("href")
        == "/accounts/login/?next=%2Froster%2Fretired%2F%3Fname%3D%25E5%25BC%25A0"
    )
