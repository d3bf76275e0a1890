"""R-7.7 / R-9 in a real browser, with a business registered for the test: upload with a
progress bar, delete on hover, submit, the staff member rejects with a reason, and the agent
sees the reason under 办理中 with its 修改 entry."""

import pytest
from playwright.sync_api import expect

from progress import registry
from tests.e2e.conftest import login_cookie, open_visitor
from tests.progress.conftest import DUMMY, ensure_material_types, make_case, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def case(settings, tmp_path):
    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_material_types()
    previous = registry.get(DUMMY.code)
    registry.register(DUMMY)
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=county)
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    staff = UserFactory(username="guitai_donghu", county=county)
    yield make_case(unit, person_name="王芳"), account, staff
    registry.unregister(DUMMY.code)
    if previous is not None:
        registry.register(previous)


def test_upload_delete_submit_reject_modify(visitor, browser, live_server, case, tmp_path):
    application, account, staff = case
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page
    document = tmp_path / "减员证明.pdf"
    document.write_bytes(pdf_bytes())

    visitor.visit(f"/progress/{application.pk}/materials/", "case-materials-empty")
    assert page.locator(".submit-case button").is_disabled()
    page.set_input_files("input[type=file]", str(document))
    page.click(".upload-form button")
    page.wait_for_selector(".file-row >> text=减员证明.pdf")
    assert page.locator("[data-upload-bar]").count() == 1
    page.set_input_files("input[type=file]", str(document))
    page.click(".upload-form button")
    expect(page.locator(".file-row")).to_have_count(2)
    visitor.check("case-materials-two-files")

    # The trash can shows on hover; deleting one file keeps the other.
    row = page.locator(".file-row").first
    button = row.locator(".icon-button")
    assert float(button.evaluate("b => getComputedStyle(b).opacity")) < 0.5
    row.hover()
    assert float(button.evaluate("b => getComputedStyle(b).opacity")) == 1
    # It asks first (a dialog with JavaScript; a page without it).
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    button.click()
    expect(page.locator(".file-row")).to_have_count(1)
    assert questions and "删除" in questions[0] and "无法恢复" in questions[0]

    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    assert "已提交，待审核" in page.inner_text("tbody")
    visitor.check("case-submitted")

    with open_visitor(browser, live_server, staff) as staff_visitor:
        review = staff_visitor.page
        staff_visitor.visit("/backoffice/reviews/", "case-review-queue")
        review.click("tbody a")
        staff_visitor.check("case-review")
        review.fill("textarea[name=reason]", "请补充调出审批文件")
        review.click(".review-actions .button-secondary")
        review.wait_for_url("**/backoffice/reviews/")
        staff_visitor.check("case-review-queue-after")

    visitor.visit("/progress/in-progress/", "case-rejected")
    assert "审核不通过：请补充调出审批文件" in page.inner_text("tbody")
    page.click("tbody >> text=修改")
    page.wait_for_url(f"**/progress/{application.pk}/materials/")
    assert page.locator("input[type=file]").count() == 1
    visitor.check("case-materials-to-modify")
