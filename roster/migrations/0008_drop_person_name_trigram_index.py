"""The trigram index on 姓名 serves no query any more (the roster filters the unit's relations
first) and cost every write of a person a GIN update."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("roster", "0007_person_current_unit")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
