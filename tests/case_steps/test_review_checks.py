"""Nothing is submitted or approved unchecked: 提交 runs every step's check of every business
(a form's rules included), approval checks again what it applies, and a decision is about the
version the reviewer saw."""

from decimal import Decimal

import pytest
from django.test import Client

from portal.yearmonth import YearMonth
from progress import services
from progress.models import Application
from tests.case_steps.test_versions import open_case
from tests.enrollment.test_addition import registration_data
from tests.factories import UserFactory
from tests.progress.conftest import attach_required

pytestmark = pytest.mark.django_db

# The addition form as posted, less what only a POST carries, is what a draft stores.
POST_ONLY = {"action", "version", "start_month_0", "start_month_1", "occupational_annuity"}
VALID = {
    "staff_reduction": lambda: {
        "reason": "transfer",
        "reason_other": "",
        "stop_month": str(YearMonth.current()),
        "note": "",
    },
    "staff_addition": lambda: {
        **{k: v for k, v in registration_data().items() if k not in POST_ONLY},
        "type": "new_registration",
        "id_type": "resident_id",
        "occupational_annuity": True,
        "start_month": str(YearMonth.current()),
    },
}
INVALID = [
    ("staff_reduction", {"stop_month": "2014-01"}, "停保年月须在"),  # three months back at most
    ("staff_reduction", {"stop_month": ""}, "请选择停保年月"),
    ("staff_addition", {"base": "1"}, "缴费基数须在"),  # 60–300 % of the average wage
    ("staff_addition", {"base": "abc"}, "数字"),
]


def prepared(unit, kind, changes, media):
    business = open_case(kind, unit)
    case = business.case
    data = {**case.data, **VALID[kind](), **changes}
    if kind == "staff_addition":
        data["id_number"] = case.data["id_number"]
    case = services.case_save(application=case, data=data, by=unit.account, version=case.version)
    attach_required(case)
    return case


@pytest.mark.parametrize(("kind", "changes", "message"), INVALID)
def test_submit_runs_the_forms_rules_of_every_business(unit, media, kind, changes, message):
    case = prepared(unit, kind, changes, media)
    client = Client()
    client.force_login(unit.account)
    response = client.post(f"/progress/{case.pk}/submit/", {"version": case.version})
    assert response.status_code == 400 and message in response.content.decode()
    case.refresh_from_db()
    assert case.status == "draft"


@pytest.mark.parametrize(("kind", "changes", "message"), INVALID)
def test_approval_of_invalid_stored_data_is_refused_with_a_message(
    unit, media, kind, changes, message
):
    case = prepared(unit, kind, {}, media)
    case = services.application_submit(application=case, by=unit.account, version=case.version)
    # What is stored changed behind the portal's back (an old release, a manual repair).
    Application.objects.filter(pk=case.pk).update(data={**case.data, **changes})
    staff = Client()
    staff.force_login(UserFactory(username="guitai_donghu", county=unit.county))
    response = staff.post(f"/backoffice/reviews/{case.pk}/approve/", {"version": case.version})
    assert response.status_code == 302
    page = staff.get(response["Location"]).content.decode()
    assert "不能审核通过" in page and message in page
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_valid_case_is_approved(unit, media):
    case = prepared(unit, "staff_addition", {}, media)
    case = services.application_submit(application=case, by=unit.account, version=case.version)
    staff = UserFactory(username="guitai_donghu", county=unit.county)
    services.application_approve(application=case, by=staff, version=case.version)
    case.refresh_from_db()
    assert case.status == "approved" and case.person.relations.get().contribution_base == Decimal(
        "7000.00"
    )


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decision_on_a_page_opened_before_a_resubmission_is_refused(unit, media, decision):
    case = prepared(unit, "staff_reduction", {}, media)
    case = services.application_submit(application=case, by=unit.account, version=case.version)
    staff_user = UserFactory(username="guitai_donghu", county=unit.county)
    staff = Client()
    staff.force_login(staff_user)
    seen = case.version  # the reviewer opens the page …
    case = services.application_reject(
        application=case, by=staff_user, reason="请补正", version=case.version
    )  # … a colleague returns the case, the unit changes and resubmits it
    case = services.case_save(
        application=case,
        data={**case.data, "note": "已补正"},
        by=unit.account,
        version=case.version,
    )
    services.application_submit(application=case, by=unit.account, version=case.version)
    response = staff.post(
        f"/backoffice/reviews/{case.pk}/{decision}/", {"version": seen, "reason": "不清晰"}
    )
    assert response.status_code == 302
    assert "内容已更新，请重新审核" in staff.get(response["Location"]).content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"
