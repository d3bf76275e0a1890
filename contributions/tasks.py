"""缴费核定 outside the request: Celery beat queues it every night (`CELERY_BEAT_SCHEDULE`);
billing a month again bills nobody twice."""

from __future__ import annotations

from celery import shared_task

from contributions.billing import bill_recent


@shared_task(acks_late=True)
def bill_contributions() -> int:
    """This month, and the months back-dated additions reach (`billing.bill_recent`)."""
    return sum(billed.created for billed in bill_recent())
