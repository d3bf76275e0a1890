"""R-8.1, R-8.2 in a real browser: a 新登记 from the ID to 提交 with uploads, the county's
approval, and the new person in the unit's 在职花名册."""

import pytest

from portal.identity import resident_id_with_check_digit
from portal.yearmonth import YearMonth
from tests.e2e.conftest import login_cookie, open_visitor
from tests.progress.conftest import ensure_material_types, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
NEW_ID = resident_id_with_check_digit("36010219980315011")


@pytest.fixture
def unit_with_staff(settings, tmp_path):
    import importlib

    from django.apps import apps

    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_material_types()
    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=county)
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    return account, UserFactory(username="guitai_donghu", county=county)


def test_new_registration_until_the_roster(
    visitor, browser, live_server, unit_with_staff, tmp_path
):
    account, staff = unit_with_staff
    login_cookie(visitor.page.context, live_server, account)
    page = visitor.page
    visitor.visit("/", "addition-home")
    page.click("text=在职人员增加")
    page.wait_for_url("**/enrollment/add/")
    page.select_option("select[name=id_type]", "resident_id")
    page.fill("input[name=id_number]", NEW_ID)
    page.fill("input[name=name]", "孙新人")
    visitor.check("addition-id")
    page.click(".form-actions button")
    page.wait_for_url("**/progress/*/details/")
    assert "新登记" in page.inner_text("h1")
    fields = {
        "name": "孙新人",
        "household_address": "南昌市东湖区某路1号",
        "phone": "13870001234",
        "address": "南昌市东湖区某路1号",
        "work_start_date": "2020-07-01",
        "base": "7000",
    }
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    # Sex and birth date are read from the resident ID, shown and not typed again.
    assert page.input_value("select[name=sex]") == "M" and page.is_disabled("select[name=sex]")
    assert page.input_value("[name=birth_date]") == "1998-03-15"
    page.select_option("select[name=ethnicity]", "汉族")
    page.select_option("select[name=staff_category]", "cadre")
    page.select_option("select[name=employment_type]", "institution")
    page.select_option("select[name=household_type]", "urban")
    page.select_option("select[name=education]", "bachelor")
    month = YearMonth.current()
    page.select_option("select[name=start_month_0]", str(month.year))
    page.select_option("select[name=start_month_1]", str(month.month))
    visitor.check("addition-form")
    page.click("text=下一步：上传资料")
    page.wait_for_url("**/materials/")
    document = tmp_path / "证明.pdf"
    document.write_bytes(pdf_bytes())
    for material in ("居民身份证", "录用/调入审批材料"):
        page.click(f".material-types >> text={material}")
        page.set_input_files("input[type=file]", str(document))
        page.click(".upload-form button")
        page.wait_for_selector(".file-row")
    visitor.check("addition-materials")
    page.click(".submit-case button")
    page.wait_for_url("**/progress/in-progress/")
    visitor.check("addition-submitted")

    with open_visitor(browser, live_server, staff) as staff_visitor:
        review = staff_visitor.page
        staff_visitor.visit("/backoffice/reviews/", "addition-review-queue")
        review.click("tbody a")
        staff_visitor.check("addition-review")
        review.click(".review-actions .button:not(.button-secondary)")
        review.wait_for_url("**/backoffice/reviews/")
        staff_visitor.check("addition-review-queue-after")

    visitor.visit("/roster/active/", "addition-roster-after")
    assert "孙新人" in page.inner_text("tbody")
