"""Issue 16 in a real browser: from the home tile to a business's 办事指南 and on to its first
step."""

import pytest

from tests.e2e.conftest import VIEWPORT, Visitor, login_cookie

pytestmark = pytest.mark.django_db(transaction=True)


def test_r16_from_the_tile_to_the_guide_and_on_to_the_business(
    browser, live_server, unit_with_staff
):
    _unit, account, _staff = unit_with_staff
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    login_cookie(context, live_server, account)
    visitor = Visitor(context.new_page(), live_server.url)
    page = visitor.page
    visitor.visit("/", "guide-home")
    page.click("a.tile-guide[href='/progress/guides/staff_addition/']")
    page.wait_for_url("**/progress/guides/staff_addition/")
    visitor.check("guide-staff-addition")
    assert "居民身份证" in page.inner_text(
        "#guide-materials + table, section[aria-labelledby=guide-materials]"
    )
    page.click("text=开始办理在职人员增加")
    page.wait_for_url("**/enrollment/add/")
    visitor.check("guide-to-start")
    context.close()
