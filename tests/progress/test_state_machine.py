"""The case status machine (DESIGN §3): every allowed and refused transition, idempotence."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from progress import services
from progress.models import Application, ApplicationEvent
from tests.progress.conftest import APPROVALS, attach_required, make_case

pytestmark = pytest.mark.django_db
S = Application.Status


def case_in(unit, status, staff):
    application = make_case(unit)
    attach_required(application)
    if status in (S.SUBMITTED, S.REJECTED, S.APPROVED):
        application = services.application_submit(
            application=application, by=unit.account, version=application.version
        )
    if status == S.REJECTED:
        services.application_reject(
            application=application, by=staff, reason="材料不清晰", version=application.version
        )
    if status == S.APPROVED:
        services.application_approve(application=application, by=staff, version=application.version)
    if status == S.WITHDRAWN:
        services.application_withdraw(
            application=application, by=unit.account, version=application.version
        )
    application.refresh_from_db()
    assert application.status == status
    return application


def run(action, application, unit, staff):
    if action == "submit":
        return services.application_submit(
            application=application, by=unit.account, version=application.version
        )
    if action == "reject":
        return services.application_reject(
            application=application, by=staff, reason="不清晰", version=application.version
        )
    if action == "approve":
        return services.application_approve(
            application=application, by=staff, version=application.version
        )
    return services.application_withdraw(
        application=application, by=unit.account, version=application.version
    )


ALLOWED = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.REJECTED, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "reject"): S.REJECTED,
    (S.SUBMITTED, "approve"): S.APPROVED,
    (S.DRAFT, "withdraw"): S.WITHDRAWN,
    (S.SUBMITTED, "withdraw"): S.WITHDRAWN,
    (S.REJECTED, "withdraw"): S.WITHDRAWN,
}
# Already where the action leads: nothing happens (a double click, a replayed POST).
NO_OPS = {
    (S.SUBMITTED, "submit"),
    (S.REJECTED, "reject"),
    (S.APPROVED, "approve"),
    (S.WITHDRAWN, "withdraw"),
}
CASES = [
    (status, action)
    for status in S.values
    for action in ("submit", "reject", "approve", "withdraw")
]


@pytest.mark.parametrize(("status", "action"), CASES)
def test_transition_table(unit, staff, media, status, action):
    application = case_in(unit, status, staff)
    events_before = application.events.count()
    if (status, action) in ALLOWED:
        run(action, application, unit, staff)
        application.refresh_from_db()
        assert application.status == ALLOWED[(status, action)]
        assert application.events.count() == events_before + 1
    elif (status, action) in NO_OPS:
        run(action, application, unit, staff)
        assert application.events.count() == events_before
    else:
        with pytest.raises(ValidationError) as refused:
            run(action, application, unit, staff)
        assert refused.value.code == "transition"
        application.refresh_from_db()
        assert application.status == status and application.events.count() == events_before


def test_submit_needs_every_required_document(unit, media):
    application = make_case(unit)
    with pytest.raises(ValidationError) as refused:
        services.application_submit(
            application=application, by=unit.account, version=application.version
        )
    assert "减员证明材料" in refused.value.messages[0]
    attach_required(application)
    services.application_submit(
        application=application, by=unit.account, version=application.version
    )


def test_double_submit_gives_one_submission_and_one_event(agent_client, unit, media):
    application = make_case(unit)
    attach_required(application)
    for _ in range(2):
        agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    assert application.events.filter(action=ApplicationEvent.Action.SUBMITTED).count() == 1


def test_reject_needs_a_reason(unit, staff, media):
    application = case_in(unit, S.SUBMITTED, staff)
    with pytest.raises(ValidationError):
        services.application_reject(
            application=application, by=staff, reason="  ", version=application.version
        )


def test_approval_runs_the_business_handler_and_stamps_times(unit, staff, media):
    application = case_in(unit, S.APPROVED, staff)
    assert [{"case": application.pk, "by": staff.pk, "data": {}}] == APPROVALS
    assert application.submitted_at and application.finished_at


def test_a_failing_handler_rolls_the_approval_back(unit, staff, media, dummy_business):
    from progress import registry

    application = case_in(unit, S.SUBMITTED, staff)

    class Broken(type(dummy_business)):
        def approve(self, **kwargs):
            raise ValidationError("人员已存在")

    registry.register(Broken())
    with pytest.raises(ValidationError):
        services.application_approve(application=application, by=staff, version=application.version)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not application.events.filter(action="approved").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_staff_approving_at_once_approve_once(unit, staff, media):
    from django.db import connections

    application = case_in(unit, S.SUBMITTED, staff)
    barrier = threading.Barrier(2)
    errors = []

    def approve():
        try:
            barrier.wait()
            services.application_approve(
                application=application, by=staff, version=application.version
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert application.events.filter(action="approved").count() == 1
    assert len(APPROVALS) == 1
