"""R-8.3 在职人员减少: choose a person, reason and stop month, documents, submit; approval
suspends (or for a death ends) the relation and the person leaves the active roster."""

import pytest

from enrollment.rules import relation_status_after, stop_month_window
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application
from roster.models import Contribution, InsuranceRelation
from tests.factories import ContributionFactory
from tests.progress.conftest import pdf_bytes, upload
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db


def leaving_person(unit):
    this_month = YearMonth.current()
    start = this_month - 24
    return add_person(unit, 1, name="张离职", start=start, months=23)  # paid to last month


@pytest.mark.parametrize(
    ("last_paid", "month", "inside"),
    [
        (YearMonth(2026, 10), YearMonth(2026, 8), True),  # 2026-11 minus 3 months
        (YearMonth(2026, 10), YearMonth(2026, 7), False),
        (YearMonth(2026, 10), YearMonth(2026, 12), True),  # next month
        (YearMonth(2026, 10), YearMonth(2027, 1), False),
        (None, YearMonth(2026, 3), True),  # nothing paid: from the start month
        (None, YearMonth(2026, 2), False),
    ],
)
def test_stop_month_window_on_both_sides(last_paid, month, inside):
    window = stop_month_window(
        last_paid=last_paid,
        start=YearMonth(2026, 3),
        this_month=YearMonth(2026, 11),
        backdate_months=3,
    )
    assert window.contains(month) is inside


def test_death_ends_other_reasons_suspend():
    assert relation_status_after("death") == "ended"
    assert relation_status_after("transfer") == "suspended"


def start_case(client, person):
    return client.post(f"/enrollment/reduce/start/{person.personal_code}/")


def test_list_shows_active_persons_with_a_reduce_button(agent_client, unit):
    person = leaving_person(unit)
    html = agent_client.get("/enrollment/reduce/").content.decode()
    assert person.name in html and f"/enrollment/reduce/start/{person.personal_code}/" in html


@pytest.mark.parametrize(
    ("status", "word", "target"),
    [("draft", "继续填写", "edit/"), ("rejected", "修改", "edit/"), ("submitted", "查看进度", "")],
)
def test_the_list_names_a_reduction_under_way_by_its_state(
    agent_client, unit, status, word, target
):
    person = leaving_person(unit)
    start_case(agent_client, person)
    case = Application.objects.get(person=person)
    Application.objects.filter(pk=case.pk).update(status=status)
    html = agent_client.get("/enrollment/reduce/").content.decode()
    assert f'<a href="/progress/{case.pk}/{target}">{word}</a>' in html
    assert f"/enrollment/reduce/start/{person.personal_code}/" not in html


def test_double_start_gives_one_case(agent_client, unit):
    person = leaving_person(unit)
    first = start_case(agent_client, person)
    second = start_case(agent_client, person)
    assert first.url == second.url
    assert Application.objects.filter(person=person).count() == 1


def test_another_units_person_is_a_404(agent_client, unit):
    from tests.factories import UnitFactory

    other = UnitFactory(code="360702100212")
    foreign = add_person(other, 9)
    assert start_case(agent_client, foreign).status_code == 404
    assert not Application.objects.exists()


def test_refused_while_a_pension_claim_is_open(agent_client, unit):
    person = leaving_person(unit)
    case_services.application_create(
        unit=unit, business_code="pension_claim", by=unit.account, person=person
    )
    response = start_case(agent_client, person)
    assert response.status_code == 302
    html = agent_client.get(response.url).content.decode()
    assert "正在办理的养老金申领业务" in html
    assert not Application.objects.filter(business_code="staff_reduction").exists()


def form_data(**overrides):
    month = YearMonth.current()
    data = {
        "reason": "transfer",
        "reason_other": "",
        "stop_month_0": str(month.year),
        "stop_month_1": str(month.month),
        "note": "调往南昌市西湖区",
        "action": "next",
        "version": Application.objects.get(business_code="staff_reduction").version,
    }
    data.update(overrides)
    return data


def test_form_rules_other_needs_text_and_stop_month_in_window(agent_client, unit):
    person = leaving_person(unit)
    url = start_case(agent_client, person).url
    html = agent_client.post(url, form_data(reason="other")).content.decode()
    assert "请填写具体原因" in html
    late = YearMonth.current() + 2
    html = agent_client.post(
        url, form_data(stop_month_0=str(late.year), stop_month_1=str(late.month))
    ).content.decode()
    assert "停保年月须在" in html
    assert 'value="调往南昌市西湖区"' in html or "调往南昌市西湖区" in html  # input kept


def test_save_draft_keeps_invalid_input(agent_client, unit):
    person = leaving_person(unit)
    url = start_case(agent_client, person).url
    agent_client.post(url, form_data(reason="other", action="save"))
    application = Application.objects.get(person=person)
    assert application.data["reason"] == "other" and application.status == "draft"
    assert "调往南昌市西湖区" in agent_client.get(url).content.decode()


@pytest.mark.parametrize(("reason", "status"), [("transfer", "suspended"), ("death", "ended")])
def test_whole_reduction_then_approval_removes_from_roster(
    agent_client, client, unit, reason, status, settings, tmp_path
):
    from django.test import Client

    from progress.models import MaterialType
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    person = leaving_person(unit)
    url = start_case(agent_client, person).url
    response = agent_client.post(url, form_data(reason=reason))
    application = Application.objects.get(person=person)
    assert response.url == f"/progress/{application.pk}/materials/"
    assert "减员证明材料" in [
        m.name for m in case_services.selectors.missing_materials(application)
    ]
    agent_client.post(
        response.url, {"material": "reduction_proof", "file": upload("证明.pdf", pdf_bytes())}
    )
    application.refresh_from_db()
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    application.refresh_from_db()
    assert application.status == "submitted"

    # The month was billed on its first day; the person stops from it, so it is not owed.
    current, before = YearMonth.current(), YearMonth.current() - 1
    Contribution.objects.filter(person=person, month__gte=before).delete()
    for month in (before, current):
        ContributionFactory(person=person, unit=unit, month=month, status="due")
    staff = Client()
    staff.force_login(UserFactory(username="guitai", county=unit.county))
    application.refresh_from_db()
    staff.post(f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version})
    relation = InsuranceRelation.objects.get(person=person)
    assert relation.status == status
    assert relation.end_month == YearMonth.current() - 1
    months = Contribution.objects.filter(person=person, month__gte=before)
    assert [str(c.month) for c in months] == [str(before)]  # still owed: up to the end
    assert person.name not in agent_client.get("/roster/active/").content.decode()
    assert MaterialType.objects.filter(code="reduction_proof").exists()


def test_other_reason_needs_no_proof_document(agent_client, unit):
    person = leaving_person(unit)
    url = start_case(agent_client, person).url
    agent_client.post(url, form_data(reason="other", reason_other="长期病休后离岗"))
    application = Application.objects.get(person=person)
    assert case_services.selectors.missing_materials(application) == []


def test_a_returned_reduction_shows_the_reason_on_its_form(agent_client, unit, settings, tmp_path):
    from progress.models import MaterialType
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    person = leaving_person(unit)
    url = start_case(agent_client, person).url
    agent_client.post(url, form_data())
    application = Application.objects.get(person=person)
    case_services.attachment_add(
        application=application,
        by=unit.account,
        upload=upload("证明.pdf", pdf_bytes()),
        material_type=MaterialType.objects.get(
            business_code="staff_reduction", code="reduction_proof"
        ),
    )
    application = case_services.application_submit(
        application=application, by=unit.account, version=application.version
    )
    staff = UserFactory(username="guitai", county=unit.county)
    case_services.application_reject(
        application=application, by=staff, reason="请补充调令", version=application.version
    )
    html = agent_client.get(url).content.decode()
    assert "县区办事大厅退回了该业务：请补充调令" in html
    assert 'value="调往南昌市西湖区"' in html or "调往南昌市西湖区" in html
