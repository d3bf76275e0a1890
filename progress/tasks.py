"""Work outside the request (Celery): the push of a notice to the agent's app, retried with
exponential backoff; delivered at least once by the broker, sent at most once (`notice_push`)."""

from __future__ import annotations

from celery import shared_task

from accounts.push import DeliveryFailed
from progress import notices

RETRIES = 5


def backoff(retries: int) -> int:
    """Seconds before the next try: 2, 4, 8, … at most five minutes."""
    return min(2 ** (retries + 1), 300)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=RETRIES)
def push_notice(self, notice_id: int) -> None:
    try:
        notices.notice_push(notice_id)
    except DeliveryFailed as error:
        if self.request.retries >= self.max_retries:
            notices.notice_push_given_up(notice_id)
            return
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from None
