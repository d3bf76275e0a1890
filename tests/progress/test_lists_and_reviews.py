"""R-9.1, R-9.2 (办理中 / 已办结) and the back-office review queue."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from progress import services
from progress.models import Application
from tests.progress.conftest import attach_required, make_case, pdf_bytes, upload

pytestmark = pytest.mark.django_db
IN_PROGRESS = "/progress/in-progress/"
COMPLETED = "/progress/completed/"


def text(response):
    return response.content.decode()


def submitted_case(unit, name="王芳"):
    application = make_case(unit, person_name=name)
    attach_required(application)
    return services.application_submit(
        application=application, by=unit.account, version=application.version
    )


def test_r9_2_in_progress_shows_drafts_submitted_and_rejected_with_latest_progress(
    agent_client, unit, other_unit, staff, media
):
    draft = make_case(unit, person_name="草稿人")
    submitted_case(unit, name="待审人")
    rejected = submitted_case(unit, name="退回人")
    services.application_reject(
        application=rejected, by=staff, reason="减员证明材料不清晰", version=rejected.version
    )
    approved = submitted_case(unit, name="办结人")
    services.application_approve(application=approved, by=staff, version=approved.version)
    make_case(other_unit, person_name="外单位人")
    html = text(agent_client.get(IN_PROGRESS))
    assert "草稿人" in html and "已暂存" in html and "继续填写" in html
    assert "待审人" in html and "已提交，待审核" in html
    assert "退回人" in html and "审核不通过：减员证明材料不清晰" in html and "修改" in html
    assert "办结人" not in html and "外单位人" not in html
    number = draft.subject_id_number
    assert f"{number[:4]}**********{number[-4:]}" in html and number not in html
    done = text(agent_client.get(COMPLETED))
    assert "办结人" in done and "审核通过" in done and "草稿人" not in done


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "王"}, {"王芳"}),
        ({"person": "李"}, {"李明"}),
        ({"person": "{id_number}"}, {"王芳"}),  # one person's ID number: that person alone
        ({"business": "staff_reduction"}, {"王芳", "李明"}),
        ({"business": "pension_claim"}, set()),
        ({"submitted_from": "{today}"}, {"王芳", "李明"}),
        ({"submitted_from": "{tomorrow}"}, set()),
        ({"submitted_to": "{today}"}, {"王芳", "李明"}),
        ({"submitted_to": "{yesterday}"}, set()),
    ],
)
def test_r9_2_filters_on_both_sides(agent_client, unit, media, query, expected):
    first = submitted_case(unit, name="王芳")
    submitted_case(unit, name="李明")
    today = timezone.localdate()
    days = {
        "today": today,
        "tomorrow": today + datetime.timedelta(days=1),
        "yesterday": today - datetime.timedelta(days=1),
    }
    values = {k: d.isoformat() for k, d in days.items()}
    query = {
        key: value.format(**values, id_number=first.subject_id_number)
        for key, value in query.items()
    }
    html = text(agent_client.get(IN_PROGRESS, query))
    assert {name for name in ("王芳", "李明") if name in html} == expected


def test_end_date_before_start_date_is_an_error(agent_client, unit):
    html = text(
        agent_client.get(
            IN_PROGRESS, {"submitted_from": "2026-02-01", "submitted_to": "2026-01-31"}
        )
    )
    assert "截止日期不能早于起始日期" in html


def test_case_list_queries_do_not_grow_with_rows(agent_client, unit, media):
    def count():
        with CaptureQueriesContext(connection) as captured:
            agent_client.get(IN_PROGRESS)
        return len(captured.captured_queries)

    for _ in range(2):
        make_case(unit)
    agent_client.get(IN_PROGRESS)
    few = count()
    for _ in range(15):
        make_case(unit)
    assert count() == few


def test_nav_badge_counts_cases_in_progress(agent_client, unit, media):
    make_case(unit)
    make_case(unit)
    assert 'class="nav-badge">2<' in text(agent_client.get("/"))


def test_case_detail_shows_timeline_data_and_documents(agent_client, unit, other_unit, media):
    application = submitted_case(unit)
    html = text(agent_client.get(f"/progress/{application.pk}/"))
    assert "已暂存" in html and "已提交，待审核" in html and "减员原因" in html
    assert "证明.pdf" in html
    other = make_case(other_unit)
    assert agent_client.get(f"/progress/{other.pk}/").status_code == 404
    assert agent_client.get(f"/progress/{other.pk}/materials/").status_code == 404
    assert agent_client.post(f"/progress/{other.pk}/submit/").status_code == 404


def test_review_queue_lists_the_countys_submitted_cases_oldest_first(
    staff_client, unit, other_unit, media
):
    first = submitted_case(unit, name="先提交")
    second = submitted_case(unit, name="后提交")
    Application.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(hours=1)
    )
    submitted_case(other_unit, name="外县人")
    make_case(unit, person_name="草稿人")
    html = text(staff_client.get("/backoffice/reviews/"))
    assert html.index("先提交") < html.index("后提交")
    assert "外县人" not in html and "草稿人" not in html
    assert 'class="nav-badge">2<' in html
    assert staff_client.get(f"/backoffice/reviews/{second.pk}/").status_code == 200


def test_r9_1_the_badge_is_the_queues_count_and_stays_when_a_filter_is_wrong(
    staff_client, unit, media
):
    """The whole queue's count is the badge's (counted once); a filtered or wrong filter's
    page still shows the county's number."""
    for name in ("甲", "乙", "丙"):
        submitted_case(unit, name=name)
    with CaptureQueriesContext(connection) as whole:
        html = text(staff_client.get("/backoffice/reviews/"))
    assert 'class="nav-badge">3<' in html
    counts = [q["sql"] for q in whole.captured_queries if "COUNT(*)" in q["sql"]]
    counts = [sql for sql in counts if "progress_application" in sql]
    assert len(counts) == 1
    for query in ({"business": "staff_reduction"}, {"unit": "x" * 200}, {"business": "无此"}):
        html = text(staff_client.get("/backoffice/reviews/", query))
        assert 'class="nav-badge">3<' in html, query
    home = text(staff_client.get("/backoffice/declarations/"))
    assert 'class="nav-badge">3<' in home


def test_r9_1_review_queue_pages_keep_the_filters(staff_client, unit, media):
    from backoffice import selectors as backoffice_selectors

    names = [f"审核人{number:02d}" for number in range(backoffice_selectors.PAGE_SIZE + 1)]
    for name in names:
        submitted_case(unit, name=name)
    first = text(staff_client.get("/backoffice/reviews/", {"business": "staff_reduction"}))
    assert "共 21 条" in first
    assert "page=2" in first and "business=staff_reduction" in first
    second = text(staff_client.get("/backoffice/reviews/?business=staff_reduction&page=2"))
    shown = {name for name in names if name in first} | {name for name in names if name in second}
    assert shown == set(names)
    assert not {name for name in names if name in first} & {
        name for name in names if name in second
    }


def test_another_countys_case_is_a_404_for_staff(staff_client, other_unit, media):
    foreign = submitted_case(other_unit)
    assert staff_client.get(f"/backoffice/reviews/{foreign.pk}/").status_code == 404
    assert staff_client.post(f"/backoffice/reviews/{foreign.pk}/approve/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "submitted"


def test_review_reject_needs_a_reason_and_the_unit_sees_it(staff_client, client, unit, media):
    application = submitted_case(unit)
    response = staff_client.post(f"/backoffice/reviews/{application.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    staff_client.post(
        f"/backoffice/reviews/{application.pk}/reject/",
        {"reason": "请补充调出审批文件", "version": application.version},
    )
    application.refresh_from_db()
    assert application.status == "rejected"
    client.force_login(unit.account)
    html = text(client.get(IN_PROGRESS))
    assert "审核不通过：请补充调出审批文件" in html
    assert f'href="/progress/{application.pk}/edit/">修改' in html
    resumed = client.get(f"/progress/{application.pk}/edit/")  # to the step last saved
    assert (
        resumed.status_code == 302
        and resumed["Location"] == f"/progress/{application.pk}/materials/"
    )


def test_review_approve_runs_the_handler(staff_client, unit, media):
    from tests.progress.conftest import APPROVALS

    application = submitted_case(unit)
    response = staff_client.post(
        f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and len(APPROVALS) == 1


def test_staff_preview_of_documents(staff_client, unit, media):
    from progress.models import MaterialType

    application = make_case(unit)
    services.attachment_add(
        application=application,
        by=unit.account,
        upload=upload("a.pdf", pdf_bytes()),
        material_type=MaterialType.objects.get(
            business_code=application.business_code, code="reduction_proof"
        ),
    )
    services.application_submit(
        application=application, by=unit.account, version=application.version
    )
    attachment = application.attachments.get()
    html = text(staff_client.get(f"/backoffice/reviews/{application.pk}/"))
    assert f"/backoffice/reviews/{application.pk}/files/{attachment.pk}/" in html
    response = staff_client.get(f"/backoffice/reviews/{application.pk}/files/{attachment.pk}/")
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_the_unit_can_withdraw_a_case(agent_client, unit, media):
    application = submitted_case(unit)
    assert "撤回" in text(agent_client.get(f"/progress/{application.pk}/"))
    response = agent_client.post(
        f"/progress/{application.pk}/withdraw/",
        {"version": application.version, "confirmed": "1"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert "已撤回" in text(agent_client.get(COMPLETED))
    assert agent_client.post(f"/progress/{application.pk}/withdraw/").status_code == 302
    assert application.events.filter(action="withdrawn").count() == 1


def test_a_replayed_submit_after_a_return_does_not_resubmit(agent_client, unit, staff, media):
    application = make_case(unit)
    attach_required(application)
    version = Application.objects.get(pk=application.pk).version
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": version})
    application.refresh_from_db()
    services.application_reject(
        application=application, by=staff, reason="请补正", version=application.version
    )
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": version})  # replay
    application.refresh_from_db()
    assert application.status == "rejected"
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    application.refresh_from_db()
    assert application.status == "submitted"


def test_staff_preview_may_be_framed_by_our_pages_and_missing_files_are_404(
    staff_client, unit, media
):
    from django.core.files.storage import default_storage

    from progress.models import MaterialType

    application = make_case(unit)
    attachment = services.attachment_add(
        application=application,
        by=unit.account,
        upload=upload("a.pdf", pdf_bytes()),
        material_type=MaterialType.objects.get(
            business_code=application.business_code, code="reduction_proof"
        ),
    )
    services.application_submit(
        application=application, by=unit.account, version=application.version
    )
    url = f"/backoffice/reviews/{application.pk}/files/{attachment.pk}/"
    assert staff_client.get(url)["X-Frame-Options"] == "SAMEORIGIN"
    default_storage.delete(attachment.stored_name)
    assert staff_client.get(url).status_code == 404


def test_a_case_of_a_business_no_longer_offered_is_still_listed_and_shown(agent_client, unit):
    application = make_case(unit)
    Application.objects.filter(pk=application.pk).update(business_code="retired_business")
    html = text(agent_client.get(IN_PROGRESS))
    assert f'href="/progress/{application.pk}/">查看' in html and "继续填写" not in html
    assert agent_client.get(f"/progress/{application.pk}/").status_code == 200
    resumed = agent_client.get(f"/progress/{application.pk}/edit/")  # an old bookmark
    assert resumed["Location"] == f"/progress/{application.pk}/"
    assert agent_client.get(f"/progress/{application.pk}/materials/").status_code == 404


def test_an_invalid_filter_lists_no_case_and_says_why(agent_client, unit, media):
    """Issue 15: a filter in error shows its message and no rows, never the unfiltered list."""
    submitted_case(unit, name="王芳")
    html = text(agent_client.get(IN_PROGRESS, {"submitted_from": "2026-13-01", "person": "王"}))
    assert "<td>王芳" not in html and 'value="王"' in html and "field-error" in html
    assert "<td>王芳" in text(agent_client.get(IN_PROGRESS, {"person": "王"}))


def test_an_unknown_business_in_the_review_queue_lists_nothing_and_says_why(
    staff_client, unit, media
):
    submitted_case(unit, name="王芳")
    queue = text(staff_client.get("/backoffice/reviews/", {"business": "no_such_business"}))
    assert "<td>王芳" not in queue and "field-error" in queue
    assert "<td>王芳" in text(staff_client.get("/backoffice/reviews/"))


def test_r15_a_date_filter_reads_full_width_digits(agent_client, unit, media):
    application = submitted_case(unit)
    day = application.submitted_at.astimezone().date().isoformat()
    wide = day.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})
    html = text(agent_client.get(IN_PROGRESS, {"submitted_from": wide}))
    assert "field-error" not in html and "王芳" in html
    wrong = text(agent_client.get(IN_PROGRESS, {"submitted_from": "2026-13-45"}))
    assert "请按YYYY-MM-DD格式填写日期" in wrong
