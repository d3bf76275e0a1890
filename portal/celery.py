"""The task engine: Celery with the Redis broker (`CELERY_BROKER_URL`). Without a broker, as in
the demo on SQLite, tasks run in the process that queues them, after commit."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
