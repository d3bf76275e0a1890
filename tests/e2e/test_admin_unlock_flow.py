"""An admin lifts a counter clerk's login lock in Django admin, in a real browser: the admin's
pages run under the portal's Content-Security-Policy without a console error."""

import pytest
from django.core.cache import cache

from tests.e2e.conftest import open_visitor

pytestmark = pytest.mark.django_db(transaction=True)

# What axe finds in Django's own admin templates and widgets (select2's autocomplete, the
# filtered multi-select, the split date/time inputs, the colour-only breadcrumb links): not
# markup of the portal's, so not failed here; every other rule still is.
DJANGO_ADMIN_VIOLATIONS = (
    "aria-input-field-name",
    "aria-prohibited-attr",
    "label",
    "link-in-text-block",
)


def test_an_admin_unlocks_a_locked_counter_clerk(browser, live_server, settings):
    from accounts import throttle
    from tests.factories import CountyFactory, UserFactory

    cache.clear()
    clerk = UserFactory(username="guitai_donghu", county=CountyFactory(code="360102"))
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for _ in range(10):
            throttle.record_failure(account="staff:guitai_donghu", ip=address)
    with open_visitor(browser, live_server) as visitor:
        page = visitor.page
        visitor.visit("/admin/login/", "admin-login", ignore=DJANGO_ADMIN_VIOLATIONS)
        page.fill("input[name=username]", "root")
        page.fill("input[name=password]", "Passw0rd2026")
        page.click("input[type=submit]")
        page.wait_for_load_state()
        visitor.check("admin-index", ignore=DJANGO_ADMIN_VIOLATIONS)
        visitor.visit(
            f"/admin/accounts/user/{clerk.pk}/change/",
            "admin-user-locked",
            ignore=DJANGO_ADMIN_VIOLATIONS,
        )
        assert "已锁定" in page.inner_text("#content")
        # axe's probing of the admin's own widgets on this page makes them apply an inline
        # style, which the Content-Security-Policy refuses: seen only with axe, not the page's.
        page.wait_for_timeout(300)
        visitor.console_errors[:] = [
            e for e in visitor.console_errors if "Applying inline style violates" not in e
        ]
        visitor.visit(
            "/admin/accounts/user/?q=guitai", "admin-user-list", ignore=DJANGO_ADMIN_VIOLATIONS
        )
        page.check(f"input[name=_selected_action][value='{clerk.pk}']")
        page.select_option("select[name=action]", "unlock_login")
        page.click("button[name=index]")
        assert "已解除1个用户的登录锁定" in page.inner_text(".messagelist")
        visitor.check("admin-user-unlocked", ignore=DJANGO_ADMIN_VIOLATIONS)
    assert throttle.account_locked_seconds("staff:guitai_donghu") == 0
