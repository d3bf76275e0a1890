"""Each person's current unit (the unit of the latest relation), kept by a trigger from now on
and filled once here for the persons there are."""

import django.db.models.deletion
from django.db import migrations, models

from roster import triggers


def install_and_fill(apps, schema_editor):
    triggers.install(schema_editor.connection)
    schema_editor.execute(triggers.REFRESH_ALL)


def drop(apps, schema_editor):
    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("roster", "0006_certificate_one_per_unit_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="current_unit",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="current_persons",
                to="roster.unit",
                verbose_name="current unit",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["current_unit", "personal_code"], name="person_current_unit"
            ),
        ),
        migrations.RunPython(install_and_fill, drop),
    ]
