"""The home page in a real browser at 1366×768: Chinese, accessible, no console errors."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_in_chinese_at_1366x768(visitor):
    visitor.visit("/", "home")
    page = visitor.page
    assert page.title() == "江西省社会保险线上服务大厅"
    assert page.locator(".brand-title").inner_text() == "江西省社会保险线上服务大厅"
    assert page.get_by_text("养老金申报").is_visible()
    # The layout holds at 1366 wide: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # Chinese renders with a CJK font, not as empty boxes: a line of Chinese is wider than it
    # would be with the same number of replacement glyphs of a Latin font's narrow width.
    width = page.evaluate(
        "() => { const s = document.querySelector('.brand-title');"
        " return s.getBoundingClientRect().width / s.textContent.length; }"
    )
    assert width > 20


def test_404_page_is_chinese_in_the_browser(visitor):
    response = visitor.page.goto(visitor.base_url + "/no-such-page/")
    assert response.status == 404
    assert "页面不存在" in visitor.page.locator("h1").inner_text()
    # Chromium reports the 404 itself on the console: not an error of the page.
    visitor.console_errors[:] = [e for e in visitor.console_errors if "status of 404" not in e]
    visitor.check("page-not-found")
