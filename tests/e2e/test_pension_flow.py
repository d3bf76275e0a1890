"""R-7 in a real browser: a whole claim from 选择人员 to 提交 (with rows added, deleted and
modified on the page), the county's approval, and the person in 退休花名册. Screenshots of
every step are kept under var/screenshots/."""

import pytest

from tests.e2e.conftest import login_cookie, open_visitor
from tests.pension.conftest import retiring_person
from tests.progress.conftest import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def fill_entry(page, values: dict) -> None:
    for name, value in values.items():
        selector = f"[name=new-{name}]"
        if page.eval_on_selector(selector, "element => element.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def next_step(page, url_part: str) -> None:
    page.click(".step-actions button[value=next]")
    page.wait_for_url(f"**/{url_part}/")


def test_whole_claim_until_the_retired_roster(
    visitor, browser, live_server, unit_with_staff, tmp_path
):
    unit, account, staff = unit_with_staff
    person = retiring_person(unit, name="王退休", deemed_months=300)  # deemed from 1989-10
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page

    visitor.visit("/pension/", "pension-1-select")
    page.click(f"tr:has-text('{person.personal_code}') >> text=申领")
    page.wait_for_url("**/history/")
    visitor.check("pension-2-history")
    assert "最低缴费月数" in page.inner_text("main")
    next_step(page, "basic")

    for name, value in {
        "salary_2014_title": "科员",
        "salary_2014_post": "1200",
        "salary_2014_grade": "1500.50",
        "salary_now_title": "四级调研员",
        "salary_now_post": "2600",
        "salary_now_grade": "2900",
        "service_years": "37",
        "service_months": "3",
    }.items():
        page.fill(f"[name={name}]", value)
    assert page.inner_text("[data-sum-of^=salary_2014]") == "2700.50"  # 合计 while typing
    fill_entry(page, {"kind": "add", "start": "1988-08", "end": "1989-09", "reason": "学徒期"})
    page.click("button[value=add]")
    fill_entry(page, {"kind": "deduct", "start": "1995-01", "end": "1995-06", "reason": "录入错误"})
    page.click("button[value=add]")
    assert page.locator(".rows-table tbody tr").count() == 2
    page.click("button[value=delete-1]")
    assert page.locator(".rows-table tbody tr").count() == 1
    assert page.input_value("[name=salary_now_title]") == "四级调研员"  # kept across the posts
    visitor.check("pension-3-basic")
    next_step(page, "special_jobs")

    fill_entry(
        page,
        {
            "name": "高温炉前工",
            "category": "underground_or_heat",
            "start": "1990-01",
            "end": "1993-12",
            "employer": "新余钢铁厂",
        },
    )
    page.click("button[value=add]")
    assert "高温炉前工" in page.inner_text(".rows-table")
    visitor.check("pension-4-special-jobs")
    next_step(page, "positions")

    fill_entry(page, {"start": "2015-03", "end": "2019-12", "title": "副科长", "direction": "up"})
    page.click("button[value=add]")
    page.click("button[value=edit-0]")
    assert page.input_value("[name=new-title]") == "副科长"
    page.fill("[name=new-title]", "科长")
    page.click("button[value=update]")
    assert "科长" in page.inner_text(".rows-table") and "副科长" not in page.inner_text(
        ".rows-table"
    )
    visitor.check("pension-5-positions")
    next_step(page, "bank")

    page.select_option("[name=bank]", "中国建设银行")
    assert page.input_value("[name=holder]") == "王退休"
    page.fill("[name=number]", "6222021234567890128")
    page.fill("[name=number_repeat]", "6222021234567890128")
    visitor.check("pension-6-bank")
    next_step(page, "materials")

    document = tmp_path / "材料.pdf"
    document.write_bytes(pdf_bytes())
    for material in ("居民身份证", "户口簿", "退休审批表", "人事档案相关材料", "银行卡或存折"):
        page.click(f".material-types >> text={material}")
        page.set_input_files("input[type=file]", str(document))
        page.click(".upload-form button")
        page.wait_for_selector(".file-row a")
    visitor.check("pension-7-materials")
    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    assert "养老金申领" in page.inner_text("main")
    visitor.check("pension-7-submitted")

    with open_visitor(browser, live_server, staff) as staff_visitor:
        review = staff_visitor.page
        staff_visitor.visit("/backoffice/reviews/", "pension-8-review-queue")
        review.click("tbody a")
        assert "各项规则校验均已通过" in review.inner_text("main")
        staff_visitor.check("pension-8-review")
        review.fill("[name=monthly_pension]", "6543.21")
        review.click(".review-actions .button:not(.button-secondary)")
        review.wait_for_url("**/backoffice/reviews/")

    visitor.visit("/roster/retired/", "pension-9-retired-roster")
    assert "王退休" in page.inner_text("tbody")
    assert "6543.21" in page.inner_text("tbody") or "6,543.21" in page.inner_text("tbody")
