"""Issue 16 in a real browser, the service loop around one case: 提交 → 受理回执 (PDF, looked at
as PNG) → the county returns it → the unit's message box has the reason → 修改 and 提交 again →
approved → its notice → 好差评 with a comment → the county records the follow-up, which the
unit then sees."""

import subprocess

import pytest

from progress.models import Application, Notice
from tests.e2e.conftest import SCREENSHOTS, open_visitor
from tests.progress.conftest import DUMMY, attach_required, make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(unit_with_staff):
    from progress import registry

    unit, account, staff = unit_with_staff
    previous = registry.get(DUMMY.code)
    registry.register(DUMMY)
    case = make_case(unit, person_name="王芳", by=account)
    attach_required(case)
    yield case, account, staff
    registry.unregister(DUMMY.code)
    if previous is not None:
        registry.register(previous)


def test_r16_submit_receipt_return_notice_modify_approve_rate_follow_up(
    browser, live_server, draft
):
    case, account, staff = draft
    with open_visitor(browser, live_server, account) as agent:
        page = agent.page
        agent.visit(f"/progress/{case.pk}/materials/", "loop-materials")
        page.click(".submit-case button")
        page.wait_for_url("**/progress/in-progress/")
        case.refresh_from_db()
        assert case.reference in page.inner_text("tbody")

        agent.visit(f"/progress/{case.pk}/", "loop-case-submitted")
        with page.expect_download() as download:
            page.click("text=下载受理回执（PDF）")
        receipt = SCREENSHOTS / "loop-receipt.pdf"
        download.value.save_as(receipt)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "100",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                str(receipt),
                str(SCREENSHOTS / "loop-receipt"),
            ],
            check=True,
        )
        assert (SCREENSHOTS / "loop-receipt-1.png").exists()

        with open_visitor(browser, live_server, staff) as clerk:
            review = clerk.page
            clerk.visit("/backoffice/reviews/", "loop-queue")
            assert "剩余" in review.inner_text("tbody")
            review.click("tbody >> text=审核")
            review.fill("textarea[name=reason]", "请补充单位盖章的减员申请")
            review.click(".review-actions .button-secondary")
            review.wait_for_url("**/backoffice/reviews/")

        agent.visit("/", "loop-home-with-notice")
        # 提交 and 退回: two unread notices
        assert page.inner_text(".site-nav a[href='/progress/notices/'] .nav-badge").startswith("2")
        page.click(".site-nav >> text=消息")
        page.wait_for_url("**/progress/notices/")
        agent.check("loop-notices")
        assert "请补充单位盖章的减员申请" in page.inner_text(".notice-box")
        page.click(".notice-unread >> text=查看业务")
        page.wait_for_url(f"**/progress/{case.pk}/")
        assert "退回原因：请补充单位盖章的减员申请" in page.inner_text(".message-warning")
        page.click(".case-status >> text=修改")
        page.wait_for_url("**/materials/")
        page.click(".submit-case button")
        page.wait_for_url("**/progress/in-progress/")

        with open_visitor(browser, live_server, staff) as clerk:
            review = clerk.page
            clerk.visit(f"/backoffice/reviews/{case.pk}/", "loop-review-again")
            review.click(".review-actions button.button:not(.button-secondary)")
            review.wait_for_url("**/backoffice/reviews/")

        agent.visit("/progress/notices/", "loop-notices-approved")
        assert "已审核通过" in page.inner_text(".notice-unread")
        page.click(".notice-unread >> text=查看业务")
        page.wait_for_url(f"**/progress/{case.pk}/")
        page.check("input[name=level][value='1']")
        page.fill("textarea[name=comment]", "退回原因说明不够清楚，往返两次")
        agent.check("loop-rating-form")
        page.click("text=提交评价")
        page.wait_for_url(f"**/progress/{case.pk}/")
        assert "非常不满意" in page.inner_text(".rating-panel")

        with open_visitor(browser, live_server, staff) as clerk:
            review = clerk.page
            clerk.visit("/backoffice/ratings/", "loop-poor-ratings")
            review.click("tbody >> text=记录整改")
            review.fill("textarea[name=note]", "已统一退回原因模板，并电话回访单位")
            clerk.check("loop-follow-up-form")
            review.click("text=记录为已整改")
            review.wait_for_url("**/backoffice/ratings/")
            clerk.visit("/backoffice/ratings/summary/", "loop-rating-summary")

        agent.visit(f"/progress/{case.pk}/", "loop-case-followed-up")
        assert "已统一退回原因模板，并电话回访单位" in page.inner_text(".rating-panel")
    assert Application.objects.get(pk=case.pk).status == "approved"
    assert set(Notice.objects.values_list("kind", flat=True)) == {
        "submitted",
        "rejected",
        "approved",
    }
