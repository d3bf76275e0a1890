"""站内消息 (R-16): a notice per transition of a case, written in the transition's transaction;
an approval or a return is also pushed to the agent's 江西人社 app by a task after commit
(`progress.tasks.push_notice`), retried with backoff, sent at most once per notice."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import push
from progress.models import Notice

Kind = Notice.Kind
KINDS = {
    "submit": Kind.SUBMITTED,
    "reject": Kind.REJECTED,
    "approve": Kind.APPROVED,
    "withdraw": Kind.WITHDRAWN,
}
PUSHED = {Kind.APPROVED, Kind.REJECTED}
NOT_REGISTERED = gettext_lazy("The agent has not registered the app.")
TEXTS = {
    Kind.SUBMITTED: gettext_lazy("%(case)s was submitted and awaits the county's review."),
    Kind.APPROVED: gettext_lazy("%(case)s was approved."),
    Kind.REJECTED: gettext_lazy(
        "%(case)s was returned: %(reason)s Modify it under “In progress” and submit it again."
    ),
    Kind.WITHDRAWN: gettext_lazy("%(case)s was withdrawn."),
}


def notice_write(application, transition: str, *, note: str = "") -> Notice:
    """The unit's notice of a transition (inside its transaction); the push follows the
    commit, so that a request never waits for the app platform."""
    kind = KINDS[transition]
    notice = Notice.objects.create(
        unit=application.unit,
        application=application,
        kind=kind,
        note=note[:500],
        push=Notice.Push.PENDING if kind in PUSHED else Notice.Push.NONE,
    )
    if notice.push:
        from progress.tasks import push_notice

        transaction.on_commit(lambda: push_notice.delay(notice.pk))
    return notice


def notice_case(notice: Notice) -> str:
    """您单位的在职人员增加（张三，业务流水号 …）"""
    case = notice.application
    name = case.display_name
    return _("Your unit's %(business)s (%(person)s, reference number %(reference)s)") % {
        "business": case.business_name,
        "person": name or "—",
        "reference": case.reference or "—",
    }


def notice_text(notice: Notice) -> str:
    reason = notice.note.rstrip("。.") + "。" if notice.note else ""
    return str(TEXTS[notice.kind]) % {"case": notice_case(notice), "reason": reason}


def notice_title(notice: Notice) -> str:
    return _("%(business)s: %(kind)s") % {
        "business": notice.application.business_name,
        "kind": notice.get_kind_display(),
    }


def notice_push(notice_id: int) -> None:
    """Push one notice to the agent's app, unless it was pushed (or given up) already. The
    notice's row lock keeps two deliveries of the task from both sending; the platform is
    given the notice as its key, so that a delivery repeated after a crash shows once."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("application__unit__agent", "application__person", "unit")
            .get(pk=notice_id)
        )
        if notice.push != Notice.Push.PENDING:
            return
        notice.push_attempts += 1
        failure = None
        try:
            push.send(
                id_number=notice.unit.agent.id_number,
                title=notice_title(notice),
                body=notice_text(notice),
                code="",
                key=f"notice-{notice.pk}",
            )
        except push.NotRegistered:
            notice.push, notice.push_error = Notice.Push.FAILED, str(NOT_REGISTERED)
        except push.DeliveryFailed as error:
            failure = error
            notice.push_error = str(error)[:200]
        else:
            notice.push, notice.push_error, notice.pushed_at = Notice.Push.SENT, "", timezone.now()
        notice.save(update_fields=["push", "push_attempts", "push_error", "pushed_at"])
    if failure is not None:
        raise failure


def notice_push_given_up(notice_id: int) -> None:
    """After the last retry: the failure stays on the notice, where staff see it."""
    Notice.objects.filter(pk=notice_id, push=Notice.Push.PENDING).update(push=Notice.Push.FAILED)


def notice_read(notice: Notice) -> None:
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())


def notices_all_read(*, unit) -> int:
    return Notice.objects.filter(unit=unit, read_at__isnull=True).update(read_at=timezone.now())
