"""R-6 in a real browser: log in, filter the active roster, open a personal certificate and
download its PDF; the first page is turned into a PNG to look at."""

import subprocess

import pytest

from accounts.push import locmem
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_roster_and_download_a_personal_certificate(visitor, roster):
    page = visitor.page
    visitor.visit("/accounts/login/", "roster-login")
    page.fill("input[name=unit_code]", "3601021001")
    page.fill("input[name=password]", "Ganjiang2026")
    page.click("button[data-send-code]")
    page.wait_for_selector(".message-success")
    page.fill("input[name=code]", locmem.outbox[-1].code)
    page.click(".form-actions button")
    page.wait_for_url(visitor.base_url + "/")
    visitor.check("roster-home")

    page.click("text=在职花名册查询")
    page.wait_for_url("**/roster/active/")
    visitor.check("roster-active")
    page.fill("input[name=name]", "张")
    page.click(".filter-actions button[type=submit]:not([name])")
    page.wait_for_url("**/roster/active/?*name=*")
    visitor.check("roster-active-filtered")
    assert page.locator("tbody tr").count() == 1
    assert "张三丰" in page.inner_text("tbody")

    visitor.visit("/roster/certificates/persons/", "roster-person-list")
    page.click("text=打印")
    page.wait_for_url("**/roster/certificates/persons/360102000001/")
    visitor.check("roster-person-certificate-preview")
    with page.expect_download() as download_info:
        page.click(".preview-actions a.button")
    download = download_info.value
    assert download.suggested_filename.startswith("个人参保证明-360102000001-")
    pdf_path = SCREENSHOTS / "person-certificate.pdf"
    download.save_as(str(pdf_path))
    assert pdf_path.read_bytes().startswith(b"%PDF")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf_path),
            str(SCREENSHOTS / "person-certificate"),
        ],
        check=True,
    )
    assert list(SCREENSHOTS.glob("person-certificate*.png"))
