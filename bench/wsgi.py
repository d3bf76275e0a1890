"""The portal with the scale benchmark's floor views, for `bench/load.py`'s gunicorn."""

from bench.scale import environment

environment()

from django.conf import settings  # noqa: E402  (after the environment is set)
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.floors"
