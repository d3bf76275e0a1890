"""A refused 下一步 as an agent meets it: the error summary at the top lists every problem,
takes the focus, and each entry leads to its field; an untouched 新增一行 is not marked. Checked
at desktop and phone widths, with screenshots under var/screenshots/."""

import pytest

from tests.e2e.conftest import login_cookie
from tests.pension.conftest import retiring_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_refused_step_shows_an_error_summary_that_leads_to_each_field(
    visitor, live_server, unit_with_staff, width
):
    unit, account, _staff = unit_with_staff
    person = retiring_person(unit)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
    login_cookie(page.context, live_server, account)
    visitor.visit("/pension/", f"step-errors-{width}-select")
    page.click(f"tr:has-text('{person.personal_code}') >> text=申领")
    page.wait_for_url("**/history/")
    visitor.check(f"step-errors-{width}-history")
    page.click(".step-actions button[value=next]")
    page.wait_for_url("**/basic/")
    visitor.check(f"step-errors-{width}-basic")
    page.fill("[name=salary_2014_post]", "-5")  # salaries are not negative
    page.fill("[name=service_years]", "37")
    page.fill("[name=service_months]", "12")  # months are 0 to 11
    page.click(".step-actions button[value=next]")
    page.wait_for_selector("[data-error-summary]")
    # The refused page is itself a 400, which Chromium reports on the console: not an error.
    visitor.console_errors[:] = [e for e in visitor.console_errors if "status of 400" not in e]
    visitor.check(f"step-errors-{width}-basic-refused")

    summary = page.locator("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("a")
    assert links.count() >= 4  # the two wrong fields and the empty required ones
    assert "大于或等于0" in summary.inner_text() and "月数为 0 至 11" in summary.inner_text()
    assert page.locator(".entry-row .field-error").count() == 0  # 新增一行 left alone
    summary.locator("a[href='#id_service_months']").click()
    assert page.evaluate("document.activeElement.name") == "service_months"
    assert page.input_value("[name=salary_2014_post]") == "-5"  # the input is kept
