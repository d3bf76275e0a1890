"""办理中 / 办结 (R-8) and the review queue (R-9): the columns of their tables."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.masking import mask_id_number
from portal.tables import Column, labels, link, url_for
from progress import registry
from progress.models import Application, ApplicationEvent

OVERDUE = gettext_lazy("%(due)s (overdue by %(days)d working days)")
DAYS_LEFT = gettext_lazy("%(due)s (%(days)d working days left)")
DUE_TODAY = gettext_lazy("%(due)s (due today)")


def case_person(case) -> str:
    """姓名（证件号码 masked）, or only the masked number before a new person has a name."""
    if not case.display_id_number:  # a batch is named by its number of persons
        return case.display_name
    masked = mask_id_number(case.display_id_number)
    return f"{case.display_name}（{masked}）" if case.display_name else masked


def latest_progress(case) -> str:
    """最新进度 in words: 已暂存 / 已提交，待审核 / 审核不通过：<reason> / …"""
    action = getattr(case, "latest_action", None) or ApplicationEvent.Action.CREATED
    words = str(ApplicationEvent.Action(action).label)
    note = getattr(case, "latest_note", "") or ""
    if action == ApplicationEvent.Action.REJECTED and note:
        return f"{words}：{note}"
    return words


def open_case_links() -> Callable:
    """The link to a person's case under way, as the person lists show it: 查看进度 once
    submitted, 修改 after a return, 继续填写 for a draft."""
    detail_url, resume_url = url_for("progress:detail"), url_for("progress:resume")
    words = {
        Application.Status.SUBMITTED: _("View progress"),
        Application.Status.REJECTED: _("Modify"),
        Application.Status.DRAFT: _("Continue"),
    }

    def case_link(case) -> str:
        url = detail_url if case.status == Application.Status.SUBMITTED else resume_url
        return link(url(case.pk), words[case.status])

    return case_link


def case_columns(*, finished: bool) -> list[Column]:
    """A unit's cases: 继续填写 / 修改 where the case can still change, 查看 always."""
    statuses = labels(Application.Status.choices)
    edit_words = {
        Application.Status.DRAFT: _("Continue"),
        Application.Status.REJECTED: _("Modify"),
    }
    view, detail_url, resume_url = _("View"), url_for("progress:detail"), url_for("progress:resume")

    def actions(case) -> str:
        view_link = link(detail_url(case.pk), view)
        # 继续填写 / 修改 lead on to the step where the case was last saved; a business no
        # longer offered can only be read.
        if case.status in edit_words and registry.get(case.business_code) is not None:
            return link(resume_url(case.pk), edit_words[case.status]) + SafeString(" ") + view_link
        return view_link

    columns = [
        Column(_("Reference number"), lambda case: case.reference or "—"),
        Column(_("Business"), lambda case: case.business_name),
        Column(_("Person"), case_person),
        Column(_("Submitted at"), lambda case: case.submitted_at),
    ]
    if finished:
        columns += [
            Column(_("Finished at"), lambda case: case.finished_at),
            Column(_("Result"), lambda case: statuses.get(case.status, "")),
        ]
    else:
        rejected = Application.Status.REJECTED
        columns.append(
            Column(
                _("Latest progress"),
                latest_progress,
                css=lambda case: "warning-text" if case.status == rejected else "",
            )
        )
    return [*columns, Column(_("Action"), html=actions)]


def deadline_text(deadline) -> str:
    """承诺办结: the date and the working days left, or how many are past."""
    if deadline is None:
        return "—"
    if deadline.overdue:
        return OVERDUE % {"due": deadline.due, "days": -deadline.days_left}
    if deadline.days_left == 0:
        return DUE_TODAY % {"due": deadline.due}
    return DAYS_LEFT % {"due": deadline.due, "days": deadline.days_left}


def review_columns(deadlines: dict) -> list[Column]:
    """待审核 (R-9.1), oldest first, with each case's promised completion date."""
    review, review_url = _("Review"), url_for("backoffice:review_case")

    def review_link(case) -> str:
        return link(review_url(case.pk), review)

    def overdue(case) -> str:
        deadline = deadlines.get(case.pk)
        return "warning-text" if deadline is not None and deadline.overdue else ""

    return [
        Column(_("Reference number"), lambda case: case.reference),
        Column(_("Submitted at"), lambda case: case.submitted_at),
        Column(_("Business"), lambda case: case.business_name),
        Column(_("Unit"), lambda case: f"{case.unit.name}（{case.unit.code}）"),
        Column(_("Person"), case_person),
        Column(_("Promised by"), lambda case: deadline_text(deadlines.get(case.pk)), css=overdue),
        Column(_("Action"), html=review_link),
    ]
