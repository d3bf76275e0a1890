"""Issue 17 in a real browser: 批量增员 from the template to the roster — download the template,
fill it (with openpyxl, as Excel would), upload a file with two errors, download the workbook
with the errors marked, correct it there, upload it again, upload the stamped roster, submit;
the county reviews the rows and approves; the persons are in the 在职花名册."""

import datetime

import openpyxl
import pytest

from tests.e2e.conftest import SCREENSHOTS, login_cookie, open_visitor
from tests.enrollment.batch_helpers import addition_row
from tests.factories import resident_id
from tests.progress.conftest import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
WANG = resident_id(birth=datetime.date(1996, 4, 2), sequence=11)
LI = resident_id(birth=datetime.date(1997, 8, 9), sequence=22)
ZHAO = resident_id(birth=datetime.date(1995, 1, 1), sequence=33)


@pytest.fixture
def wages():
    import importlib

    from django.apps import apps

    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)


def fill(path, rows):
    book = openpyxl.load_workbook(path)
    sheet = book["增员名册"]
    headers = {cell.value: cell.column for cell in sheet[1]}
    month = datetime.date.today().strftime("%Y-%m")
    for line, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=line, column=headers[header], value=month if value is None else value)
    book.save(path)


def test_r17_batch_addition_from_template_to_roster(
    visitor, browser, live_server, unit_with_staff, wages, tmp_path
):
    _unit, account, staff = unit_with_staff
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page
    visitor.visit("/", "batch-home")
    page.click("text=批量增员")
    page.wait_for_url("**/enrollment/batch/add/")
    visitor.check("batch-start")
    with page.expect_download() as download:
        page.click("text=下载名册模板（.xlsx）")
    template = tmp_path / "批量增员模板.xlsx"
    download.value.save_as(template)
    fill(
        template,
        [
            addition_row(WANG, name="王增员"),
            addition_row(LI, name="李增员", **{"缴费基数（元）": "1000"}),  # below 60 %
            addition_row(ZHAO[:-1] + ("1" if ZHAO[-1] != "1" else "2"), name="赵增员"),  # digit
        ],
    )
    page.click("text=开始办理：上传名册")
    page.wait_for_url("**/progress/*/file/")
    page.set_input_files("input[name=file]", str(template))
    page.click("text=上传并校验")
    page.wait_for_selector(".batch-report")
    report = page.inner_text(".batch-report")
    assert "名册中有2行有误" in report and "缴费基数" in report and "证件号码" in report
    visitor.check("batch-errors")

    with page.expect_download() as download:
        page.click("text=下载标注错误的名册")
    marked = tmp_path / "名册（错误说明）.xlsx"
    download.value.save_as(marked)
    book = openpyxl.load_workbook(marked)
    sheet = book["增员名册"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == "错误说明" and "缴费基数" in sheet.cell(row=3, column=len(headers)).value
    sheet.cell(row=3, column=headers.index("缴费基数（元）") + 1, value="7000")
    sheet.cell(row=4, column=headers.index("证件号码") + 1, value=ZHAO)
    book.save(marked)

    page.set_input_files("input[name=file]", str(marked))
    page.click("text=上传并校验")
    page.wait_for_selector(".message-success")
    assert "3行全部通过校验" in page.inner_text(".batch-report")
    assert "新登记 3" in page.inner_text(".batch-summary")
    visitor.check("batch-valid")
    page.click("text=下一步：上传资料")
    page.wait_for_url("**/materials/")
    for material in ("加盖公章的增员名册", "录用/调入审批材料"):
        page.click(f".material-types >> text={material}")
        document = tmp_path / "扫描件.pdf"
        document.write_bytes(pdf_bytes())
        page.set_input_files(".upload-form input[type=file]", str(document))
        page.click(".upload-form button")
        page.wait_for_selector(".file-row")
    visitor.check("batch-materials")
    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    assert "共3人" in page.inner_text("tbody")
    visitor.check("batch-submitted")

    with open_visitor(browser, live_server, staff) as clerk:
        review = clerk.page
        clerk.visit("/backoffice/reviews/", "batch-review-queue")
        review.click("tbody >> text=审核")
        rows = review.inner_text(".wide-table")
        assert "王增员" in rows and "李增员" in rows and "7000" in rows and "新登记" in rows
        clerk.check("batch-review")
        review.click(".review-actions .button:not(.button-secondary)")
        review.wait_for_url("**/backoffice/reviews/")

    visitor.visit("/roster/active/", "batch-roster-after")
    roster = page.inner_text("tbody")
    assert "王增员" in roster and "李增员" in roster and "赵增员" in roster
    with open_visitor(
        browser, live_server, account, viewport={"width": 390, "height": 844}
    ) as phone:
        case = phone.page
        phone.visit("/progress/completed/", "batch-completed-phone")
        case.click("tbody a")
        phone.check("batch-case-phone")
    assert (SCREENSHOTS / "batch-review.png").exists()
