"""On PostgreSQL, a trigram index serves the roster's 姓名 "contains" filter (LIKE '%…%');
other databases keep the plain index."""

from django.db import migrations

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON roster_person USING gin (name gin_trgm_ops)",
)
DROP = ("DROP INDEX IF EXISTS person_name_trgm",)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("roster", "0002_certificate")]
    operations = [migrations.RunPython(forwards, backwards)]
