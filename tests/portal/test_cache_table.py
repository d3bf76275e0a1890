"""`migrate` creates the database cache's table: a start that forgets `createcachetable`
cannot fail at the first page that uses the cache (获取验证码, the login throttle)."""

import importlib
import types

from django.apps import apps
from django.core.cache import cache
from django.db import connection


def test_migrate_creates_the_cache_table(db):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE portal_cache")
    assert "portal_cache" not in connection.introspection.table_names()
    migration = importlib.import_module("portal.migrations.0002_cache_table")
    migration.create_cache_table(apps, types.SimpleNamespace(connection=connection))
    assert "portal_cache" in connection.introspection.table_names()
    cache.set("验证码节流", 1)
    assert cache.get("验证码节流") == 1
