"""Issue 16: approvals and returns are pushed to the agent's app after commit by a task —
retried with backoff after a failure, sent once per notice however often the task is
delivered, a final failure kept on the notice where staff see it. Here the tasks run in the
process (no broker, as in the demo); tests/progress/test_worker.py runs a real worker."""

import pytest

from accounts.push import DeliveryFailed, locmem
from accounts.push.locmem import LocmemBackend
from progress import services, tasks
from progress.models import Notice
from tests.progress.conftest import make_case
from tests.progress.test_references import submit

pytestmark = pytest.mark.django_db
FAILURES = {"left": 0}


class FlakyBackend(LocmemBackend):
    """The platform down for the first FAILURES["left"] calls."""

    def send(self, **message):
        if FAILURES["left"] > 0:
            FAILURES["left"] -= 1
            raise DeliveryFailed("app platform timed out")
        super().send(**message)


@pytest.fixture
def outbox(settings):
    settings.PUSH_BACKEND = "tests.progress.test_notice_push.FlakyBackend"
    locmem.outbox.clear()
    locmem.unregistered.clear()
    FAILURES["left"] = 0
    yield locmem.outbox
    locmem.outbox.clear()
    locmem.unregistered.clear()  # module state: a later test's agent may have the same ID


def approve(unit, staff, django_capture_on_commit_callbacks):
    case = submit(make_case(unit, person_name="王芳"))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=case, by=staff, version=case.version)
    return case, Notice.objects.get(application=case, kind="approved")


def test_r16_approval_is_pushed_once_after_commit(
    unit, staff, media, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = submit(make_case(unit))
        services.application_approve(application=case, by=staff, version=case.version)
    assert outbox == [] and len(callbacks) == 1  # nothing leaves before the commit
    callbacks[0]()
    notice = Notice.objects.get(application=case, kind="approved")
    assert (notice.push, notice.push_attempts) == ("sent", 1) and notice.pushed_at
    [message] = outbox
    assert message.id_number == unit.agent.id_number and message.key == f"notice-{notice.pk}"
    assert message.title == f"{case.business_name}：审核通过" and "已审核通过" in message.body
    tasks.push_notice.delay(notice.pk)  # delivered again (at least once): not sent again
    assert len(outbox) == 1


def test_r16_submissions_and_withdrawals_are_not_pushed(unit, media, outbox):
    case = submit(make_case(unit))
    services.application_withdraw(application=case, by=unit.account, version=case.version)
    assert set(Notice.objects.values_list("push", flat=True)) == {""}


def test_r16_a_failed_push_is_retried_and_delivered(
    unit, staff, media, outbox, django_capture_on_commit_callbacks
):
    FAILURES["left"] = 2
    _case, notice = approve(unit, staff, django_capture_on_commit_callbacks)
    notice.refresh_from_db()
    assert (notice.push, notice.push_attempts, notice.push_error) == ("sent", 3, "")
    assert len(outbox) == 1


def test_r16_a_push_that_keeps_failing_is_given_up_and_recorded(
    unit, staff, media, outbox, django_capture_on_commit_callbacks, admin_client
):
    FAILURES["left"] = 100
    _case, notice = approve(unit, staff, django_capture_on_commit_callbacks)
    notice.refresh_from_db()
    assert (notice.push, notice.push_attempts) == ("failed", tasks.RETRIES + 1)
    assert notice.push_error == "app platform timed out" and outbox == []
    page = admin_client.get("/admin/progress/notice/?push__exact=failed").content.decode()
    assert "推送失败" in page and "app platform timed out" in page


def test_r16_an_agent_without_the_app_is_not_retried(
    unit, staff, media, outbox, django_capture_on_commit_callbacks
):
    locmem.unregistered.add(unit.agent.id_number)
    _case, notice = approve(unit, staff, django_capture_on_commit_callbacks)
    notice.refresh_from_db()
    assert (notice.push, notice.push_attempts) == ("failed", 1)
    assert notice.push_error == "经办人尚未注册江西人社APP。"


def test_r16_the_retries_back_off():
    assert [tasks.backoff(retries) for retries in range(6)] == [2, 4, 8, 16, 32, 64]
    assert tasks.backoff(20) == 300
