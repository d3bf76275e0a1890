"""The month's 缴费核定 outside the request: Celery beat queues it on the first of each month
(`CELERY_BEAT_SCHEDULE`); billing twice bills nobody twice."""

from __future__ import annotations

from celery import shared_task

from contributions.billing import bill_month
from portal.yearmonth import YearMonth


@shared_task(acks_late=True)
def bill_current_month() -> int:
    return bill_month(YearMonth.current()).created
