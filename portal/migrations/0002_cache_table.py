"""The database cache's table (the default cache of the demo, and of any deployment without
CACHE_URL): created by `migrate`, so that a start without `createcachetable` cannot fail at the
first 获取验证码. Nothing happens when the caches live elsewhere (Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_audit_event")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
