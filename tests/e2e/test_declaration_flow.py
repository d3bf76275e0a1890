"""Issue 18 in a real browser: the year's 缴费基数申报 — open it, type three wages (one below
the floor, one above the cap), 暂存, leave and reopen it, submit; the county approves; the unit
downloads the 缴费基数核定单 (looked at as PNG), and its 缴费核定 shows the month with arrears."""

import datetime
import importlib
import subprocess
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from portal.yearmonth import YearMonth
from tests.e2e.conftest import SCREENSHOTS, login_cookie, open_visitor
from tests.progress.conftest import pdf_bytes
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unit_declaring(unit_with_staff):
    from contributions.models import DeclarationYear

    unit, _account, _staff = unit_with_staff
    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    importlib.import_module("contributions.migrations.0002_rates").add(apps, None)
    importlib.import_module("contributions.migrations.0003_declaration_materials_and_guide").fill(
        apps, None
    )
    today = timezone.localdate()
    DeclarationYear.objects.create(
        year=today.year,
        opens=today - datetime.timedelta(days=10),
        closes=today + datetime.timedelta(20),
    )
    start = YearMonth.current() - 12
    add_person(unit, 1, name="王低薪", start=start, months=12, base=Decimal("6800.00"))
    add_person(unit, 2, name="李高薪", start=start, months=12, base=Decimal("6800.00"))
    add_person(unit, 3, name="赵欠缴", start=start, months=12, due=1, base=Decimal("6800.00"))
    return unit_with_staff


def test_r18_declaration_from_wages_to_notice(
    visitor, browser, live_server, unit_declaring, tmp_path
):
    _unit, account, staff = unit_declaring
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page
    visitor.visit("/", "declaration-home")
    page.click("text=缴费基数申报")
    page.wait_for_url("**/contributions/declaration/")
    visitor.check("declaration-start")
    page.click("text=开始申报")
    page.wait_for_url("**/progress/*/wages/")
    page.fill("input[name=wage_1]", "3000")  # below 60 % of 8,500
    page.fill("input[name=wage_2]", "40000")  # above 300 %
    page.fill("input[name=wage_3]", "８６５０.５")  # full-width, as a Chinese input method types
    page.click("button[value=save]")
    page.wait_for_selector(".message-success")
    visitor.check("declaration-saved")
    rows = page.inner_text(".wage-table tbody")
    assert "5100.00" in rows and "按下限" in rows and "25500.00" in rows and "按上限" in rows

    visitor.visit("/", "declaration-left")
    visitor.visit("/contributions/declaration/", "declaration-continue")
    page.click("text=继续申报")
    page.wait_for_url("**/wages/")
    assert page.input_value("input[name=wage_1]") == "3000"
    page.click("text=下一步：上传资料")
    page.wait_for_url("**/materials/")
    document = tmp_path / "工资发放明细.pdf"
    document.write_bytes(pdf_bytes())
    page.set_input_files(".upload-form input[type=file]", str(document))
    page.click(".upload-form button")
    page.wait_for_selector(".file-row")
    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    visitor.check("declaration-submitted")

    with open_visitor(browser, live_server, staff) as clerk:
        review = clerk.page
        clerk.visit("/backoffice/declarations/", "declaration-county-status")
        assert "已提交" in review.inner_text("tbody")
        review.click("tbody >> text=审核")
        assert "王低薪" in review.inner_text(".wage-table") and "按下限" in review.inner_text(
            ".wage-table"
        )
        clerk.check("declaration-review")
        review.click(".review-actions .button:not(.button-secondary)")
        review.wait_for_url("**/backoffice/reviews/")

    visitor.visit("/contributions/declaration/", "declaration-approved")
    with page.expect_download() as download:
        page.click("text=下载缴费基数核定单（PDF）")
    notice = SCREENSHOTS / "declaration-notice.pdf"
    download.value.save_as(notice)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(notice),
         str(SCREENSHOTS / "declaration-notice")],
        check=True,
    )  # fmt: skip
    assert (SCREENSHOTS / "declaration-notice-1.png").exists()

    visitor.visit("/contributions/monthly/", "declaration-monthly")
    arrears = page.locator(".money-table tbody .cell-arrears")
    assert arrears.count() == 1
    visitor.visit("/roster/active/", "declaration-roster")
    assert "5100.00" in page.inner_text("tbody")
