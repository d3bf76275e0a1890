"""R-7.7 提交, the review with approval (退休日期, 核定月养老金), 修改 after a return, and the case
pages that read the claim back."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pension import selectors
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application, ApplicationEvent, MaterialType
from roster.models import Contribution, InsuranceRelation, Retirement
from tests.factories import ContributionFactory
from tests.pension.conftest import retiring_person, statutory_of
from tests.pension.test_wizard import bank_post, basic_post, start, step_url, through_positions
from tests.progress.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def ready_claim(client, person, media):
    """A claim with every step accepted and every required document uploaded."""
    claim = through_positions(client, person)
    client.post(step_url(claim, "bank"), bank_post(claim, person))
    claim.refresh_from_db()
    for material in MaterialType.objects.filter(business_code="pension_claim", required=True):
        response = client.post(
            step_url(claim, "materials"),
            {
                "action": "upload",
                "material": material.code,
                "file": upload("scan.pdf", pdf_bytes()),
            },
        )
        assert response.status_code == 302
    claim.refresh_from_db()
    return claim


def submit(client, claim):
    return client.post(f"/progress/{claim.pk}/submit/", {"version": claim.version})


def test_r7_7_materials_step_uploads_and_deletes_within_the_wizard(agent_client, unit, media):
    person = retiring_person(unit)
    claim = through_positions(agent_client, person)
    agent_client.post(step_url(claim, "bank"), bank_post(claim, person))
    response = agent_client.post(
        step_url(claim, "materials"),
        {"action": "upload", "material": "id_card", "file": upload("scan.pdf", pdf_bytes())},
    )
    assert response["Location"] == step_url(claim, "materials") + "?material=id_card"
    attachment = claim.attachments.get()
    page = agent_client.get(response["Location"]).content.decode()
    assert attachment.original_name in page
    response = agent_client.post(
        f"/progress/{claim.pk}/files/{attachment.pk}/delete/", {"confirmed": "1"}
    )
    assert response["Location"] == step_url(claim, "materials") + "?material=id_card"
    assert not claim.attachments.exists()
    bad = agent_client.post(
        step_url(claim, "materials"),
        {"action": "upload", "material": "id_card", "file": upload("x.pdf", b"not a pdf")},
    )
    assert bad.status_code == 400 and "居民身份证" in bad.content.decode()


def test_r7_7_submit_lists_what_is_missing_per_step(agent_client, unit, media):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    # The bank step is saved again with a different holder: no longer ready.
    agent_client.post(
        step_url(claim, "bank"), bank_post(claim, person, holder="别人", action="save")
    )
    claim.refresh_from_db()
    assert "bank" not in claim.data["done"]
    response = submit(agent_client, claim)
    html = response.content.decode()
    assert response.status_code == 400
    assert "银行账号" in html and "开户人须为申领人本人" in html
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_r7_7_submit_refuses_without_required_documents(agent_client, unit, media):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    claim.attachments.filter(material_type__code="id_card").delete()
    response = submit(agent_client, claim)
    claim.refresh_from_db()
    assert claim.status == "draft"
    # The missing documents are listed with the other problems, on the 上传资料 page.
    assert response.status_code == 400 and "居民身份证" in response.content.decode()


def test_the_submit_check_holds_whatever_page_posts_it(agent_client, unit, media):
    """progress' own 提交 runs the claim's checks too (registered as `validate`)."""
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    data = dict(claim.data, basic=dict(claim.data["basic"], service_years="3"))
    claim = case_services.case_save(application=claim, data=data, by=None, version=claim.version)
    agent_client.post(f"/progress/{claim.pk}/submit/", {"version": claim.version})
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_r7_7_double_submit_submits_once(agent_client, unit, media):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    first = submit(agent_client, claim)
    second = submit(agent_client, claim)
    assert first["Location"] == second["Location"] == "/progress/in-progress/"
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert claim.events.filter(action=ApplicationEvent.Action.SUBMITTED).count() == 1
    listed = agent_client.get("/progress/in-progress/").content.decode()
    assert person.name in listed
    assert agent_client.get(step_url(claim, "basic")).status_code == 302  # read-only now


@pytest.fixture
def submitted(agent_client, unit, media):
    """A person and their claim, submitted and awaiting the county's review."""
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    submit(agent_client, claim)
    return person, claim


@pytest.fixture
def reviewer(staff):
    from django.test import Client

    client = Client()
    client.force_login(staff)
    return client


def approve(reviewer, claim, month, pension):
    return reviewer.post(
        f"/backoffice/reviews/{claim.pk}/approve/",
        {
            "retirement_month_0": month.year,
            "retirement_month_1": month.month,
            "monthly_pension": pension,
            "version": Application.objects.get(pk=claim.pk).version,  # what the page showed
        },
    )


def test_review_page_shows_sections_totals_and_checks(submitted, reviewer):
    person, claim = submitted
    html = reviewer.get(f"/backoffice/reviews/{claim.pk}/").content.decode()
    for text in ("14年9月", "视同缴费信息核增核减", "特殊工种", "人员职务升降信息", "银行账号"):
        assert text in html
    assert "2700.50" in html  # 合计 of the 2014 archive: 1200 + 1500.50
    assert "各项规则校验均已通过" in html
    assert f'value="{statutory_of(person).year}" selected' in html  # the month to confirm


def test_r15_review_page_shows_the_bank_check_the_agent_ticked(submitted, reviewer):
    _person, claim = submitted
    html = reviewer.get(f"/backoffice/reviews/{claim.pk}/").content.decode()
    row = '<th scope="row">已对照银行卡核对账号无误</th><td>{}</td>'
    ticked = Application.objects.get(pk=claim.pk).data["bank"].get("luhn_checked")
    assert row.format("是" if ticked else "否") in html
    assert "6222021234567890128" in html and "中国建设银行" in html


@pytest.mark.parametrize("pension", ["0", "-5", "abc", ""])
def test_approval_needs_a_positive_monthly_pension(submitted, reviewer, pension):
    person, claim = submitted
    response = approve(reviewer, claim, statutory_of(person), pension)
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == "submitted" and not Retirement.objects.filter(person=person).exists()


def test_approval_month_must_be_a_possible_retirement_month(submitted, reviewer):
    person, claim = submitted
    late = statutory_of(person) + 36  # the latest 弹性延迟退休 month
    assert approve(reviewer, claim, late + 1, "5000").status_code == 400
    assert approve(reviewer, claim, late, "5000").status_code == 302


def test_approval_records_the_retirement_and_moves_the_person(
    submitted, reviewer, agent_client, unit
):
    person, claim = submitted
    month = statutory_of(person)
    for billed in (month, month + 1):  # billed ahead: from the retirement month, not owed
        ContributionFactory(person=person, unit=unit, month=billed, status="due")
    assert approve(reviewer, claim, month, "6543.21").status_code == 302
    assert not Contribution.objects.filter(person=person, month__gte=month).exists()
    retirement = Retirement.objects.get(person=person)
    assert retirement.retirement_date == month.first_day()
    assert retirement.monthly_pension == Decimal("6543.21")
    assert retirement.retirement_type == "normal" and retirement.unit == unit
    relation = InsuranceRelation.objects.get(person=person)
    assert relation.status == "ended" and relation.end_month == month - 1
    assert person.name not in agent_client.get("/roster/active/").content.decode()
    assert person.name in agent_client.get("/roster/retired/").content.decode()
    detail = agent_client.get(f"/progress/{claim.pk}/").content.decode()
    assert "审核通过" in detail and "四级调研员" in detail


def test_returned_claim_is_modified_and_resubmitted_through_the_wizard(
    agent_client, unit, staff, media
):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    submit(agent_client, claim)
    claim.refresh_from_db()
    case_services.application_reject(
        application=claim, by=staff, reason="2014年9月工资有误", version=claim.version
    )
    page = agent_client.get("/pension/").content.decode()
    assert f"/progress/{claim.pk}/edit/" in page and "修改" in page
    opened = agent_client.get(f"/progress/{claim.pk}/edit/", follow=True)
    html = opened.content.decode()
    assert "2014年9月工资有误" in html  # the reason, on the wizard
    claim.refresh_from_db()
    step = opened.redirect_chain[-1][0]
    assert step == step_url(claim, "materials")  # every step was accepted before
    response = agent_client.post(
        step_url(claim, "basic"), basic_post(claim, salary_2014_post="1300")
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    submit(agent_client, claim)
    claim.refresh_from_db()
    assert claim.status == "submitted" and claim.data["basic"]["salary_2014_post"] == "1300"
    assert claim.events.filter(action=ApplicationEvent.Action.SUBMITTED).count() == 2


def test_claim_start_is_refused_while_a_reduction_is_open(agent_client, unit):
    person = retiring_person(unit)
    case_services.application_create(
        unit=unit, business_code="staff_reduction", by=None, person=person
    )
    response = start(agent_client, person)
    assert response.status_code == 400 and "在职人员减少" in response.content.decode()


def test_person_list_runs_a_constant_number_of_queries(agent_client, unit):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert agent_client.get("/pension/").status_code == 200
        return len(queries)

    for number in range(1, 4):
        retiring_person(unit, number, name=f"人员{number}")
    agent_client.get("/")  # the session's once-a-minute save happens here, not in a count
    few = count()
    for number in range(4, 16):
        retiring_person(unit, number, name=f"人员{number}")
    claim_person = retiring_person(unit, 16, name="已申领")
    start(agent_client, claim_person)
    assert count() == few


def test_submitted_claim_shows_under_in_progress_with_view_link(agent_client, unit, media):
    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    submit(agent_client, claim)
    page = agent_client.get("/pension/").content.decode()
    assert f"/progress/{claim.pk}/" in page and "查看进度" in page
    assert Application.objects.filter(person=person).count() == 1


def test_r7_3c_arrears_that_appear_after_the_start_stop_the_submission(agent_client, unit, media):
    from roster.models import Contribution

    person = retiring_person(unit)
    claim = ready_claim(agent_client, person, media)
    last = Contribution.objects.filter(person=person).order_by("-month").first()
    last.status = "due"
    last.save()
    response = submit(agent_client, claim)
    assert response.status_code == 400 and "应缴未缴" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_r7_3c_this_months_bill_does_not_hold_up_a_claim(agent_client, unit):
    """Billed on the 1st and not paid yet: no arrears; a month before it is."""
    person = retiring_person(unit, months_ahead=2)
    this = YearMonth.current()
    ContributionFactory(person=person, unit=unit, month=this, status="due")
    facts = selectors.claim_facts(unit=unit, person=person)
    assert facts.arrears_months == ()
    Contribution.objects.filter(person=person, month=this - 1).update(status="due")
    assert selectors.claim_facts(unit=unit, person=person).arrears_months == (this - 1,)
