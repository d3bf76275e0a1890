import uuid

import pytest

from tests.faults.proxy import CuttableProxy


@pytest.fixture
def redis_proxy(settings):
    """The cache on the real Redis, reached through a proxy the test can cut."""
    proxy = CuttableProxy(6379)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/0",
            "KEY_PREFIX": f"faults-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    yield proxy
    proxy.stop()
