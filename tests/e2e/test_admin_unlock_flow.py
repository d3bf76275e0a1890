"""An admin lifts a counter clerk's login lock in Django admin, in a real browser: the admin's
pages run under the portal's Content-Security-Policy without a console error."""

import pytest
from django.core.cache import cache

from tests.e2e.conftest import VIEWPORT, screenshot_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_unlocks_a_locked_counter_clerk(browser, live_server, settings):
    from accounts import throttle
    from tests.factories import CountyFactory, UserFactory

    cache.clear()
    clerk = UserFactory(username="guitai_donghu", county=CountyFactory(code="360102"))
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for _ in range(10):
            throttle.record_failure(account="staff:guitai_donghu", ip=address)
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "Passw0rd2026")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/accounts/user/{clerk.pk}/change/")
    assert "已锁定" in page.inner_text("#content")
    screenshot_of(page, "admin-user-locked.png")
    page.goto(f"{live_server.url}/admin/accounts/user/?q=guitai")
    page.check(f"input[name=_selected_action][value='{clerk.pk}']")
    page.select_option("select[name=action]", "unlock_login")
    page.click("button[name=index]")
    assert "已解除1个用户的登录锁定" in page.inner_text(".messagelist")
    screenshot_of(page, "admin-user-unlocked.png")
    assert not errors, errors
    assert throttle.account_locked_seconds("staff:guitai_donghu") == 0
    context.close()
