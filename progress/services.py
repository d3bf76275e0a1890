"""Every change of a case goes through here: one transaction, a row lock, one timeline event
per state change, and idempotent against double submits (a repeated request finds the case
already where it asked to go and changes nothing)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import AuditEvent
from progress import registry, selectors
from progress.drafts import DONE, LAST_STEP
from progress.models import Application, ApplicationEvent, Attachment, MaterialType
from progress.notices import notice_write
from progress.references import reference_issue
from progress.steps import MATERIALS
from progress.uploads import check_upload

Status = Application.Status
Action = ApplicationEvent.Action

TRANSITION_REFUSED = _("The case is “%(status)s” now, so it cannot be %(action)s.")
NOT_EDITABLE = _("The case is “%(status)s” now; its documents can no longer be changed.")
MISSING_MATERIALS = _("Upload the required documents first: %(names)s.")
TOO_MANY_FILES = _("A case takes at most %(count)d files.")
REASON_REQUIRED = _("Give the reason why the case is not approved.")
UNKNOWN_BUSINESS = _("This business is not offered.")
NOT_RESTARTABLE = _("Only a withdrawn case can be started again from its data.")
OPEN_EXCLUSIVE_CASE = _(
    "%(name)s has a %(business)s case in progress; finish or withdraw it first."
)
REVIEWED_OTHER_VERSION = _("The case was updated meanwhile; review it again.")
NOT_APPROVABLE = _("The case cannot be approved as it stands: %(problems)s")
# One message for a missing, malformed or outdated page version, whatever the button.
STALE = _(
    "This case was changed after this page was opened (in another window or by a colleague), "
    "so nothing was saved. What you typed is still on this page: reopen the case to see the "
    "current version."
)
ACTION_WORDS = {
    "submit": _("submitted"),
    "reject": _("rejected"),
    "approve": _("approved"),
    "withdraw": _("withdrawn"),
}


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    action: str


TRANSITIONS = {
    "submit": Transition((Status.DRAFT, Status.REJECTED), Status.SUBMITTED, Action.SUBMITTED),
    "reject": Transition((Status.SUBMITTED,), Status.REJECTED, Action.REJECTED),
    "approve": Transition((Status.SUBMITTED,), Status.APPROVED, Action.APPROVED),
    "withdraw": Transition(
        (Status.DRAFT, Status.SUBMITTED, Status.REJECTED), Status.WITHDRAWN, Action.WITHDRAWN
    ),
}
EDITABLE = (Status.DRAFT, Status.REJECTED)
AUDITED = {
    "submit": AuditEvent.Kind.CASE_SUBMITTED,
    "reject": AuditEvent.Kind.CASE_REJECTED,
    "approve": AuditEvent.Kind.CASE_APPROVED,
    "withdraw": AuditEvent.Kind.CASE_WITHDRAWN,
}


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _transition(
    application: Application, name: str, *, by, note: str = ""
) -> tuple[Application, bool]:
    """Move a locked case along `name`; returns (case, changed). Already there: no change."""
    rule = TRANSITIONS[name]
    if application.status == rule.target:
        return application, False
    if application.status not in rule.sources:
        raise ValidationError(
            TRANSITION_REFUSED
            % {"status": application.get_status_display(), "action": ACTION_WORDS[name]},
            code="transition",
        )
    previous = application.status
    now = timezone.now()
    application.status = rule.target
    application.version += 1
    fields = ["status", "version"]
    if rule.target == Status.SUBMITTED:
        application.submitted_at = now
        fields.append("submitted_at")
    if rule.target in Application.FINISHED:
        application.finished_at = now
        fields.append("finished_at")
    application.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=application,
        actor=by,
        action=rule.action,
        from_status=previous,
        to_status=rule.target,
        note=note,
    )
    notice_write(application, name, note=note)
    # The county's audit log names the case by its business and 业务流水号.
    audit_record(
        kind=AUDITED[name],
        user=by,
        unit=application.unit,
        reason=f"{application.business_name} {application.reference}".strip()[:60],
        detail={"case": application.pk, "reference": application.reference},
    )
    return application, True


@transaction.atomic
def application_create(
    *,
    unit,
    business_code: str,
    by,
    person=None,
    subject_name: str = "",
    subject_id_number: str = "",
    data: dict | None = None,
) -> Application:
    """A new draft case (已暂存)."""
    if registry.get(business_code) is None:
        raise ValidationError(UNKNOWN_BUSINESS, code="business")
    conflict = exclusive_case_problem(person=person, business=business_code)
    if conflict:
        raise ValidationError(conflict, code="exclusive")
    application = Application.objects.create(
        unit=unit,
        business_code=business_code,
        person=person,
        subject_name=subject_name,
        subject_id_number=subject_id_number,
        data=data or {},
        created_by=by,
    )
    ApplicationEvent.objects.create(
        application=application, actor=by, action=Action.CREATED, to_status=Status.DRAFT
    )
    return application


def _check_version(application: Application, version: int | None) -> None:
    """Every change a page asks for names the version the page was rendered with; a page that
    does not say, or shows an older version, changes nothing."""
    if version is None or version != application.version:
        raise ValidationError(STALE, code="stale")


@transaction.atomic
def case_save(
    *,
    application: Application,
    data: dict,
    by,
    version: int | None,
    subject_name: str | None = None,
) -> Application:
    """Save the business data of a draft or a rejected case (暂存, 下一步, 上一步, a row
    button); not a state change. `subject_name` renames a case that names nobody on record
    (a 新登记's typed name)."""
    application = _locked(application)
    if application.status not in EDITABLE:
        raise ValidationError(NOT_EDITABLE % {"status": application.get_status_display()})
    if version is not None and version == application.version - 1 and data == application.data:
        return application  # a double click: this very save was the last one
    _check_version(application, version)
    application.data = data
    application.version += 1
    fields = ["data", "version"]
    if subject_name and application.person_id is None:
        application.subject_name = subject_name[:50]
        fields.append("subject_name")
    application.save(update_fields=fields)
    return application


def exclusive_case_problem(*, person, business: str, exclude=None) -> str | None:
    """Why `business` cannot run for the person now: an open case of a business that excludes
    it (None: nothing in the way). `exclude`: the case asking."""
    other = selectors.exclusive_case(person=person, business=business, exclude=exclude)
    if other is None:
        return None
    return exclusive_problem(person, other)


def exclusive_problem(person, other: Application) -> str:
    """The sentence for a person held by another business's open case."""
    return str(OPEN_EXCLUSIVE_CASE % {"name": person.name, "business": other.business_name})


def submit_problems(application: Application) -> dict[str, list[str]]:
    """Why the case cannot be submitted, keyed by step: the business's checks of every step
    (as 下一步 ran them) and the required documents (R-7.7, R-8.2)."""
    business = registry.get(application.business_code)
    if business is None:
        return {"": [str(UNKNOWN_BUSINESS)]}
    problems = business.validate(application)
    conflict = exclusive_case_problem(
        person=application.person, business=business.code, exclude=application
    )
    if conflict:
        first = business.steps.steps[0].key
        problems[first] = [*problems.get(first, []), conflict]
    missing = selectors.missing_materials(application)
    if missing:
        problems[MATERIALS.key] = [
            str(MISSING_MATERIALS % {"names": "、".join(m.name for m in missing)})
        ]
    return problems


@transaction.atomic
def application_submit(*, application: Application, by, version: int | None) -> Application:
    """提交: refused with the problems keyed by step (a ValidationError with a dict) unless
    every step and every required document is there. A double click or a replayed POST finds
    the case submitted already."""
    application = _locked(application)
    if application.status == Status.SUBMITTED:
        return application
    _check_version(application, version)
    if application.status in TRANSITIONS["submit"].sources:
        problems = submit_problems(application)
        if problems:
            raise ValidationError(problems, code="incomplete")
    reference_issue(application)  # before the transition, which the audit log records with it
    return _transition(application, "submit", by=by)[0]


def _check_reviewed(application: Application, version: int | None) -> None:
    """A decision is about the content the reviewer saw: a case returned and resubmitted since
    the review page was opened is reviewed again."""
    if version is None or version != application.version:
        raise ValidationError(REVIEWED_OTHER_VERSION, code="stale")


@transaction.atomic
def application_reject(
    *, application: Application, by, reason: str, version: int | None
) -> Application:
    """审核不通过: the reason is shown to the unit word for word under 办理中."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REASON_REQUIRED, code="reason")
    application = _locked(application)
    if application.status == Status.REJECTED:
        return application  # a double click
    _check_reviewed(application, version)
    return _transition(application, "reject", by=by, note=reason)[0]


@transaction.atomic
def application_approve(
    *, application: Application, by, version: int | None, data: dict | None = None
) -> Application:
    """审核通过: the case is checked again as 提交 checked it (what approval applies must be
    valid whatever is stored), then the business's own handler runs in this same transaction."""
    application = _locked(application)
    if application.status == Status.APPROVED:
        return application  # a double click
    _check_reviewed(application, version)
    if application.status == Status.SUBMITTED:
        problems = submit_problems(application)
        if problems:
            found = "；".join(message for messages in problems.values() for message in messages)
            raise ValidationError(NOT_APPROVABLE % {"problems": found}, code="invalid")
    application = _transition(application, "approve", by=by)[0]
    registry.get(application.business_code).approve(application=application, by=by, data=data or {})
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by, version: int | None) -> Application:
    """撤回 by the unit, from the page it saw (a repeated click finds it withdrawn)."""
    application = _locked(application)
    if application.status == Status.WITHDRAWN:
        return application
    _check_version(application, version)
    return _transition(application, "withdraw", by=by)[0]


@transaction.atomic
def application_restart(*, application: Application, by) -> Application:
    """重新办理: a new draft from a withdrawn case, started by its business with the conditions
    of a start, and filled with what the withdrawn case had (documents are uploaded again). A
    case under way that has been worked on is returned as it is."""
    business = registry.get(application.business_code)
    if application.status != Status.WITHDRAWN or business is None:
        raise ValidationError(NOT_RESTARTABLE, code="restart")
    fresh = business.start_again(application, by=by)
    if fresh is None:
        raise ValidationError(NOT_RESTARTABLE, code="restart")
    if DONE in fresh.data or LAST_STEP in fresh.data:
        return fresh
    # What the start decided (an addition's type) stands over what was withdrawn.
    return case_save(
        application=fresh, data={**application.data, **fresh.data}, by=by, version=fresh.version
    )


@transaction.atomic
def attachment_add(
    *, application: Application, material_type: MaterialType, upload, by
) -> Attachment:
    """Store an uploaded document of a draft or rejected case under a random name."""
    application = _locked(application)
    if application.status not in EDITABLE:
        raise ValidationError(NOT_EDITABLE % {"status": application.get_status_display()})
    if material_type.business_code != application.business_code:
        raise ValidationError(UNKNOWN_BUSINESS, code="business")
    if application.attachments.count() >= settings.ATTACHMENT_MAX_PER_CASE:
        raise ValidationError(
            TOO_MANY_FILES % {"count": settings.ATTACHMENT_MAX_PER_CASE}, code="count"
        )
    checked = check_upload(upload)
    stored_name = default_storage.save(
        f"attachments/{uuid.uuid4().hex}", ContentFile(checked.content)
    )
    try:
        return Attachment.objects.create(
            application=application,
            material_type=material_type,
            original_name=checked.name,
            size=len(checked.content),
            content_type=checked.content_type,
            sha256=hashlib.sha256(checked.content).hexdigest(),
            stored_name=stored_name,
            uploaded_by=by,
        )
    except Exception:
        default_storage.delete(stored_name)  # no orphaned file without its record
        raise


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    application = _locked(attachment.application)
    if application.status not in EDITABLE:
        raise ValidationError(NOT_EDITABLE % {"status": application.get_status_display()})
    stored_name = attachment.stored_name
    attachment.delete()
    transaction.on_commit(lambda: default_storage.delete(stored_name))
