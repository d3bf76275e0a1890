"""Issue 16: the 受理回执 PDF of a submitted case — reference number, business, unit, person,
submission time, the documents received, the promised time limit, seal and 验证码 — rendered
once per content through the certificates' path, downloadable from the case page only by the
case's unit."""

import datetime

import pytest
import time_machine
from django.test import Client

from progress import services
from progress.models import ServiceGuide
from roster.models import Certificate
from tests.progress.conftest import DUMMY, make_case
from tests.progress.test_references import submit
from tests.roster.test_certificates import pdf_text, squeezed

pytestmark = pytest.mark.django_db
# Monday 2026-09-28, 10:00 in 南昌: with 3 working days the case is due Thursday 10-08.
SUBMITTED = datetime.datetime(2026, 9, 28, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def submitted_case(unit, media):
    ServiceGuide.objects.update_or_create(business_code=DUMMY.code, defaults={"time_limit_days": 3})
    with time_machine.travel(SUBMITTED, tick=False):
        return submit(make_case(unit, person_name="王芳"))


def download(client, case):
    return client.get(f"/progress/{case.pk}/receipt/")


def test_r16_the_receipt_says_what_was_accepted(agent_client, unit, submitted_case):
    case = submitted_case
    page = agent_client.get(f"/progress/{case.pk}/").content.decode()
    assert f'href="/progress/{case.pk}/receipt/">下载受理回执（PDF）</a>' in page
    response = download(agent_client, case)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(response.content))
    receipt = Certificate.objects.get(kind="receipt")
    for expected in (
        "受理回执",
        case.reference,
        case.business_name,
        unit.name,
        unit.code,
        "王芳",
        "2026-09-2810:00",
        "2026年10月8日前办结（3个工作日）",
        "证明.pdf",
        receipt.code,
        "本回执可通过扫描二维码",
    ):
        assert squeezed(expected) in text, expected
    assert "特此证明" not in text  # a receipt, not a certificate


def test_r16_the_receipt_is_rendered_once_per_content(agent_client, unit, staff, submitted_case):
    first = download(agent_client, submitted_case).content
    assert download(agent_client, submitted_case).content == first
    assert Certificate.objects.filter(kind="receipt").count() == 1
    # Returned, modified and submitted again: a new receipt for the new submission.
    case = services.application_reject(
        application=submitted_case, by=staff, reason="请补充", version=submitted_case.version
    )
    with time_machine.travel(SUBMITTED + datetime.timedelta(days=1), tick=False):
        case = services.application_submit(application=case, by=unit.account, version=case.version)
    second = download(agent_client, case).content
    assert second != first and Certificate.objects.filter(kind="receipt").count() == 2
    assert squeezed(case.reference) in squeezed(pdf_text(second))


def test_r16_no_receipt_before_submission_or_for_another_unit(
    agent_client, unit, other_unit, submitted_case
):
    draft = make_case(unit, person_name="李雷")
    assert download(agent_client, draft).status_code == 404
    page = agent_client.get(f"/progress/{draft.pk}/").content.decode()
    assert f"/progress/{draft.pk}/receipt/" not in page
    stranger = Client()
    stranger.force_login(other_unit.account)
    assert download(stranger, submitted_case).status_code == 404


def test_r16_the_receipt_is_checked_like_a_certificate(agent_client, submitted_case):
    download(agent_client, submitted_case)
    receipt = Certificate.objects.get(kind="receipt")
    html = Client().get("/verify/", {"code": receipt.code}).content.decode()
    assert "受理回执" in html and "王*" in html
