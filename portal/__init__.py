# The task engine is loaded with Django, so that `shared_task`s use it (Celery's convention).
from portal.celery import app as celery_app

__all__ = ["celery_app"]
