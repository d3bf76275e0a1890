"""The trigram index on 姓名 (migration 0003) serves no query any more (the roster filters the
unit's relations first) and cost every write of a person a GIN update. The `pg_trgm`
extension stays: 0003 has landed and is not edited."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("roster", "0007_person_current_unit")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
