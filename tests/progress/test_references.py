"""Issue 16: 业务流水号 — county code, date, the day's sequence; issued at the first 提交, kept
through 修改, never shared or skipped under concurrent submissions; shown and searchable in the
unit's lists, on the case page and in the review queue."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from progress import services
from progress.models import Application
from progress.references import reference_format
from tests.factories import CountyFactory, UnitFactory
from tests.progress.conftest import attach_required, make_case

pytestmark = pytest.mark.django_db
# 2026-12-02 23:30 in 南昌 is still 2 December there, though 15:30 UTC.
LATE_EVENING = datetime.datetime(2026, 12, 2, 15, 30, tzinfo=datetime.UTC)


def submit(application):
    attach_required(application)
    application.refresh_from_db()
    return services.application_submit(
        application=application, by=application.created_by, version=application.version
    )


def test_r16_reference_format():
    day = datetime.date(2026, 12, 2)
    assert reference_format(county_code="360102", day=day, sequence=1) == "360102202612020001"
    assert reference_format(county_code="360102", day=day, sequence=12345).endswith("12345")


@time_machine.travel(LATE_EVENING, tick=False)
def test_r16_numbers_run_per_county_and_local_day(unit, media):
    first, second = submit(make_case(unit)), submit(make_case(unit, person_name="李雷"))
    assert (first.reference, second.reference) == ("360102202612020001", "360102202612020002")
    other = UnitFactory(code="3607021001", county=CountyFactory(code="360702", name="章贡区"))
    other_case = make_case(other, by=unit.account)
    assert submit(other_case).reference == "360702202612020001"
    with time_machine.travel(LATE_EVENING + datetime.timedelta(hours=1), tick=False):
        assert submit(make_case(unit, person_name="韩梅")).reference == "360102202612030001"


def test_r16_a_draft_has_none_and_a_refused_submission_takes_none(unit, media):
    draft = make_case(unit)
    assert draft.reference == ""
    with pytest.raises(ValidationError):  # the required documents are missing
        services.application_submit(application=draft, by=unit.account, version=draft.version)
    draft.refresh_from_db()
    assert draft.reference == ""
    today = timezone.localdate().strftime("%Y%m%d")
    assert submit(draft).reference == f"360102{today}0001"  # nothing was skipped


def test_r16_resubmission_after_a_return_keeps_the_number(unit, staff, media):
    case = submit(make_case(unit))
    number = case.reference
    case = services.application_reject(
        application=case, by=staff, reason="请补充材料", version=case.version
    )
    case = services.application_submit(application=case, by=unit.account, version=case.version)
    assert case.reference == number and case.status == "submitted"
    assert Application.objects.exclude(reference="").count() == 1


def test_r16_shown_and_searched_in_the_lists_and_the_queue(unit, staff, media):
    case = submit(make_case(unit))
    other = submit(make_case(unit, person_name="李雷"))
    agent = Client()
    agent.force_login(unit.account)
    listed = agent.get("/progress/in-progress/").content.decode()
    assert case.reference in listed and other.reference in listed
    found = agent.get("/progress/in-progress/", {"reference": case.reference}).content.decode()
    assert case.reference in found and other.reference not in found
    # Full-width digits, as a phone keyboard may type them, find it too.
    wide = case.reference.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert (
        case.reference in agent.get("/progress/in-progress/", {"reference": wide}).content.decode()
    )
    assert case.reference in agent.get(f"/progress/{case.pk}/").content.decode()
    reviewer = Client()
    reviewer.force_login(staff)
    queue = reviewer.get("/backoffice/reviews/", {"reference": other.reference}).content.decode()
    assert other.reference in queue and case.reference not in queue
    assert other.reference in reviewer.get(f"/backoffice/reviews/{other.pk}/").content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_r16_concurrent_submissions_never_share_or_skip(unit, media):
    from django.db import connections

    cases = [make_case(unit, person_name=f"并发{index}") for index in range(6)]
    for case in cases:
        attach_required(case)
    barrier = threading.Barrier(len(cases))
    errors = []

    def run(case):
        try:
            barrier.wait()
            services.application_submit(application=case, by=unit.account, version=case.version)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Application.objects.values_list("reference", flat=True))
    today = timezone.localdate().strftime("%Y%m%d")
    assert numbers == [f"360102{today}{n:04d}" for n in range(1, 7)]


def test_r16_the_audit_log_names_each_transition_with_the_number(unit, staff, media):
    from portal.models import AuditEvent

    case = submit(make_case(unit))
    services.application_reject(application=case, by=staff, reason="缺材料", version=case.version)
    events = AuditEvent.objects.filter(unit_code=unit.code).order_by("id")
    assert [(e.kind, e.reason) for e in events] == [
        ("case_submitted", f"{case.business_name} {case.reference}"),
        ("case_rejected", f"{case.business_name} {case.reference}"),
    ]
    reviewer = Client()
    reviewer.force_login(staff)
    log = reviewer.get("/backoffice/audit/").content.decode()
    assert f"业务已退回（{case.business_name} {case.reference}）" in log
