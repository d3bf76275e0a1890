"""好差评 (R-16): the unit rates a finished case once; a 差评 waits for the county's follow-up
(整改), which the unit then sees. Rules in `progress.rules`; the county's lists in
`progress.selectors`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from progress import rules
from progress.models import Application, ApplicationEvent, Rating

NOT_RATABLE = _("Only a finished case can be rated: approved, or withdrawn after a return.")
ALREADY_RATED = _("This case has been rated already.")
COMMENT_REQUIRED = _("Say what was wrong: a comment is required for this rating.")
NOTE_REQUIRED = _("Say what was done.")


def was_returned(application: Application) -> bool:
    return application.events.filter(action=ApplicationEvent.Action.REJECTED).exists()


def can_rate(application: Application) -> bool:
    if hasattr(application, "rating"):
        return False
    return rules.ratable(status=application.status, was_returned=was_returned(application))


@transaction.atomic
def rating_give(*, application: Application, level: int, comment: str, by) -> Rating:
    """The unit's rating of its case, once; a 差评 needs a comment and is to be followed up."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if Rating.objects.filter(application=application).exists():
        raise ValidationError(ALREADY_RATED, code="rated")
    if not rules.ratable(status=application.status, was_returned=was_returned(application)):
        raise ValidationError(NOT_RATABLE, code="not_finished")
    comment = " ".join((comment or "").split())
    if rules.comment_required(level) and not comment:
        raise ValidationError({"comment": [COMMENT_REQUIRED]})
    try:
        with transaction.atomic():
            return Rating.objects.create(
                application=application,
                level=level,
                comment=comment[:500],
                rated_by=by,
                follow_up=Rating.FollowUp.PENDING
                if rules.comment_required(level)
                else Rating.FollowUp.NONE,
            )
    except IntegrityError:  # a second tab rated it at the same moment
        raise ValidationError(ALREADY_RATED, code="rated") from None


@transaction.atomic
def follow_up_record(*, rating: Rating, note: str, by) -> Rating:
    """整改 of a 差评 by the county's counter staff: what was done, once it is done."""
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": [NOTE_REQUIRED]})
    rating = Rating.objects.select_for_update().get(pk=rating.pk)
    rating.follow_up = Rating.FollowUp.DONE
    rating.follow_up_note = note[:500]
    rating.followed_up_by = by
    rating.followed_up_at = timezone.now()
    rating.save(update_fields=["follow_up", "follow_up_note", "followed_up_by", "followed_up_at"])
    return rating
