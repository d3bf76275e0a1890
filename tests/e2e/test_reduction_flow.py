"""R-8.3 in a real browser: a reduction from the choice of person to the person leaving the
active roster after the county's approval."""

import pytest

from portal.yearmonth import YearMonth
from tests.e2e.conftest import login_cookie, open_visitor
from tests.progress.conftest import pdf_bytes
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unit_with_leaver(unit_with_staff):
    unit, _account, _staff = unit_with_staff
    add_person(unit, 1, name="张离职", start=YearMonth.current() - 24, months=23)
    add_person(unit, 2, name="李在岗", start=YearMonth.current() - 24, months=23)
    return unit_with_staff


def test_reduction_until_the_person_leaves_the_roster(
    visitor, browser, live_server, unit_with_leaver, tmp_path
):
    _unit, account, staff = unit_with_leaver
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page
    visitor.visit("/", "reduction-home")
    page.click("text=在职人员减少")
    page.wait_for_url("**/enrollment/reduce/")
    visitor.check("reduction-list")
    page.click("tr:has-text('张离职') >> text=减员")
    page.wait_for_url("**/progress/*/details/")
    page.select_option("select[name=reason]", "transfer")
    page.fill("textarea[name=note]", "调往南昌市西湖区")
    visitor.check("reduction-form")
    page.click("text=下一步：上传资料")
    page.wait_for_url("**/materials/")
    visitor.check("reduction-materials")
    document = tmp_path / "调出证明.pdf"
    document.write_bytes(pdf_bytes())
    page.set_input_files("input[type=file]", str(document))
    page.click(".upload-form button")
    page.wait_for_selector(".file-row")
    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    visitor.check("reduction-submitted")

    with open_visitor(browser, live_server, staff) as staff_visitor:
        review = staff_visitor.page
        staff_visitor.visit("/backoffice/reviews/", "reduction-review-queue")
        review.click("tbody a")
        assert "调往南昌市西湖区" in review.inner_text("main")
        staff_visitor.check("reduction-review")
        review.click(".review-actions .button:not(.button-secondary)")
        review.wait_for_url("**/backoffice/reviews/")

    visitor.visit("/roster/active/", "reduction-roster-after")
    roster = page.inner_text("tbody")
    assert "李在岗" in roster and "张离职" not in roster
    visitor.visit("/progress/completed/", "reduction-completed")
    assert "审核通过" in page.inner_text("tbody")
