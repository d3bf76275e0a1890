"""GB/T 37668 (WCAG 2.1.1, 2.4.7) in a real browser: an agent who uses no mouse logs in, opens
the 在职花名册 and downloads a 个人参保证明 with Tab, typing and Enter only — no click — and
sees at every step where the focus is."""

import pytest

from accounts.push import locmem

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute("name") || "",
    text: (element.innerText || element.value || "").trim(),
    href: element.getAttribute("href") || "",
    outline: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
  };
}"""


def tab_to(page, wanted, what: str, limit: int = 60) -> dict:
    """Press Tab until the focused element is `wanted` (a test on FOCUSED's dict); every element
    passed on the way shows the portal's focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        # The portal's own ring (2 px solid), not the browser's default, which IE11 barely shows.
        assert focused["outline"] == "solid" and focused["outlineWidth"] >= 2, (
            f"no visible focus on {focused}"
        )
        if wanted(focused):
            return focused
    raise AssertionError(f"{what} not reached with {limit} presses of Tab")


def test_log_in_open_the_roster_and_download_a_certificate_by_keyboard(visitor, roster):
    page = visitor.page
    visitor.visit("/accounts/login/", "keyboard-login")

    tab_to(page, lambda f: f["name"] == "unit_code", "单位代码")
    page.keyboard.type("3601021001")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "password"
    page.keyboard.type("Ganjiang2026")
    tab_to(page, lambda f: f["text"] == "获取验证码", "获取验证码")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message-success")
    visitor.check("keyboard-login-code-sent")

    tab_to(page, lambda f: f["name"] == "code", "验证码")
    page.keyboard.type(locmem.outbox[-1].code)
    page.keyboard.press("Enter")  # the form's first submit button: 登录
    page.wait_for_url(visitor.base_url + "/")
    visitor.check("keyboard-home")

    tab_to(page, lambda f: "在职花名册查询" in f["text"], "在职花名册查询")
    page.keyboard.press("Enter")
    page.wait_for_url("**/roster/active/")
    visitor.check("keyboard-roster-active")
    assert "张三丰" in page.inner_text("tbody")

    tab_to(page, lambda f: f["text"] == "首页", "首页")
    page.keyboard.press("Enter")
    page.wait_for_url(visitor.base_url + "/")
    tab_to(page, lambda f: "个人参保证明打印" in f["text"], "个人参保证明打印")
    page.keyboard.press("Enter")
    page.wait_for_url("**/roster/certificates/persons/")
    visitor.check("keyboard-person-certificates")

    tab_to(page, lambda f: f["text"] == "打印" and f["tag"] == "a", "the first person's 打印")
    page.keyboard.press("Enter")
    page.wait_for_url("**/roster/certificates/persons/360102000001/")
    visitor.check("keyboard-person-certificate")
    tab_to(page, lambda f: f["text"] == "打印" and f["href"].endswith("/pdf/"), "打印 (PDF)")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.startswith("个人参保证明-360102000001-")
