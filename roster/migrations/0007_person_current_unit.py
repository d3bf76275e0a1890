"""Each person's current unit (the unit of the latest relation), kept by the database from now
on (roster/triggers.py). On PostgreSQL the triggers are created here and every person's column
is computed; on SQLite `roster.triggers` creates them after every migrate."""

import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = [
    # The person: its column computed whenever it is written or the row is inserted. A
    # BEFORE trigger runs once the row is locked, and its query sees what committed meanwhile.
    """CREATE FUNCTION roster_person_current_unit() RETURNS trigger AS $$ BEGIN
        NEW.current_unit_id := (
            SELECT r.unit_id FROM roster_insurancerelation r WHERE r.person_id = NEW.id
            ORDER BY r.start_month DESC, r.id DESC LIMIT 1);
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER person_current_unit_computed
        BEFORE INSERT OR UPDATE OF current_unit_id ON roster_person
        FOR EACH ROW EXECUTE FUNCTION roster_person_current_unit()""",
    # The relations: the person of a relation added, removed or moved is touched.
    """CREATE FUNCTION roster_relation_touches_person() RETURNS trigger AS $$ BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.person_id <> NEW.person_id) THEN
            UPDATE roster_person SET current_unit_id = NULL WHERE id = OLD.person_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            UPDATE roster_person SET current_unit_id = NULL WHERE id = NEW.person_id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER relation_current_unit
        AFTER INSERT OR DELETE OR UPDATE OF person_id, unit_id, start_month
        ON roster_insurancerelation
        FOR EACH ROW EXECUTE FUNCTION roster_relation_touches_person()""",
    """CREATE FUNCTION roster_relations_truncated() RETURNS trigger AS $$ BEGIN
        UPDATE roster_person SET current_unit_id = NULL WHERE current_unit_id IS NOT NULL;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER relations_truncated AFTER TRUNCATE ON roster_insurancerelation
        FOR EACH STATEMENT EXECUTE FUNCTION roster_relations_truncated()""",
    "UPDATE roster_person SET current_unit_id = NULL",  # every person's computed once
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS relations_truncated ON roster_insurancerelation",
    "DROP TRIGGER IF EXISTS relation_current_unit ON roster_insurancerelation",
    "DROP TRIGGER IF EXISTS person_current_unit_computed ON roster_person",
    "DROP FUNCTION IF EXISTS roster_relations_truncated()",
    "DROP FUNCTION IF EXISTS roster_relation_touches_person()",
    "DROP FUNCTION IF EXISTS roster_person_current_unit()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_DROP:
            schema_editor.execute(statement)


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
        migrations.RunPython(install, drop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["current_unit", "personal_code"], name="person_current_unit"
            ),
        ),
    ]
