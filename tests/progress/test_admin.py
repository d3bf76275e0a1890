"""A case in Django admin reads as the agent typed it: the business's name, status labels, its
data as a table of the business's field labels (not JSON), its timeline's statuses in words."""

import pytest
from django.urls import reverse

from progress.admin import case_data_rows
from progress.models import Application, ApplicationEvent
from tests.factories import InsuranceRelationFactory, UserFactory

pytestmark = pytest.mark.django_db
CLAIM_DATA = {
    "done": ["history", "basic"],
    "last_step": "bank",
    "basic": {"retirement_type": "normal", "retirement_month": "2027-01", "unit_agrees": False},
    "positions": [
        {"start": "2016-05", "end": "", "title": "一级主任科员", "direction": "up", "document": ""}
    ],
    "bank": {"bank": "中国建设银行", "holder": "易琪娟", "number": "6217002430012345675"},
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="管理员", is_staff=True, is_superuser=True))
    return client


def case(business_code="pension_claim", data=None, status="submitted"):
    relation = InsuranceRelationFactory()
    application = Application.objects.create(
        unit=relation.unit,
        person=relation.person,
        business_code=business_code,
        status=status,
        data=CLAIM_DATA if data is None else data,
    )
    ApplicationEvent.objects.create(
        application=application, action="submitted", from_status="draft", to_status="submitted"
    )
    return application


def test_the_list_names_businesses_and_statuses_and_filters_by_business(admin_client):
    case()
    case("staff_reduction", {"reason": "transfer"}, status="approved")
    url = reverse("admin:progress_application_changelist")
    html = admin_client.get(url).content.decode()
    assert "养老金申领" in html and "在职人员减少" in html and "审核通过" in html
    assert ">pension_claim<" not in html and ">staff_reduction<" not in html
    filtered = admin_client.get(url, {"business_code": "staff_reduction"}).content.decode()
    assert "在职人员减少" in filtered and "已提交，待审核</td>" not in filtered
    assert "1 业务" in filtered or "1 个业务" in filtered


def test_the_case_page_shows_its_data_as_labelled_rows(admin_client):
    application = case()
    html = admin_client.get(
        reverse("admin:progress_application_change", args=[application.pk])
    ).content.decode()
    assert "养老金申领" in html and "pension_claim" not in html
    for shown in ("退休类别", "正常退休", "退休年月", "2027-01", "开户银行", "中国建设银行"):
        assert shown in html, shown
    assert "一级主任科员" in html and "升" in html  # the position table with its labels
    assert '"retirement_type"' not in html and "retirement_type" not in html  # no raw JSON
    assert "原状态" in html and "暂存" in html  # the timeline's statuses in words
    assert ">draft<" not in html and ">submitted<" not in html


def test_case_data_rows_use_step_labels_and_choice_labels():
    application = case()
    rows = {str(row["label"]): row for row in case_data_rows(application)}
    assert rows["已完成的步骤"]["value"] == "缴费信息、退休基本信息"
    assert rows["上次暂存时所在步骤"]["value"] == "银行账号"
    basic = {str(row["label"]): row["value"] for row in rows["退休基本信息"]["rows"]}
    assert basic["退休类别"] == "正常退休"
    assert basic["单位同意延迟退休"] == "否"
    positions = rows["人员职务升降信息"]["table"]
    assert positions["rows"] == [["2016-05", "—", "一级主任科员", "升", "—"]]


def test_case_data_of_a_business_no_longer_registered_shows_its_keys():
    application = case("old_business", {"some_field": "值", "flag": True})
    rows = case_data_rows(application)
    assert [(row["label"], row["value"]) for row in rows] == [("Some field", "值"), ("Flag", "是")]


def test_an_additions_first_page_choices_are_labelled():
    data = {"type": "new_registration", "id_type": "resident_id", "id_number": "360102199909091014"}
    rows = case_data_rows(case("staff_addition", data, status="draft"))
    shown = {str(row["label"]): row["value"] for row in rows}
    assert shown["增加类型"] == "新登记"
    assert shown["证件类型"] == "居民身份证"
    assert shown["证件号码"] == "360102199909091014"


def test_a_case_stays_read_only(admin_client):
    application = case()
    html = admin_client.get(
        reverse("admin:progress_application_change", args=[application.pk])
    ).content.decode()
    assert 'name="data"' not in html and "<textarea" not in html
    assert admin_client.get(reverse("admin:progress_application_add")).status_code == 403
