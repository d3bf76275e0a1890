"""`Person.current_unit` — the unit of the person's latest insurance relation — is kept by the
database: a trigger on the relations recomputes it for the persons of every inserted, deleted or
moved relation, whatever wrote it (the portal's services, the admin, a batch, SQL).

Installed by migration 0007 and again after every `migrate` (`install`, idempotent): SQLite
drops a table's triggers when a later migration rebuilds that table.
"""
# ruff: noqa: S608 -- the SQL is built from this module's constants, never from input

from __future__ import annotations

# The latest relation is the one with the latest start month, then the highest id — the order
# the person list has always used.
_LATEST_UNIT = (
    "(SELECT r.unit_id FROM roster_insurancerelation r WHERE r.person_id = {person} "
    "ORDER BY r.start_month DESC, r.id DESC LIMIT 1)"
)
_REFRESH = "UPDATE roster_person SET current_unit_id = " + _LATEST_UNIT + " WHERE id = {person};"

POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION roster_person_current_unit() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN " + _REFRESH.format(person="OLD.person_id") + " END IF; "
    "IF TG_OP <> 'DELETE' THEN "
    + _REFRESH.format(person="NEW.person_id")
    + " END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE TRIGGER relation_current_unit "
    "AFTER INSERT OR DELETE OR UPDATE OF person_id, unit_id, start_month "
    "ON roster_insurancerelation FOR EACH ROW EXECUTE FUNCTION roster_person_current_unit()",
]
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS relation_current_unit_insert AFTER INSERT "
    "ON roster_insurancerelation BEGIN " + _REFRESH.format(person="NEW.person_id") + " END",
    "CREATE TRIGGER IF NOT EXISTS relation_current_unit_delete AFTER DELETE "
    "ON roster_insurancerelation BEGIN " + _REFRESH.format(person="OLD.person_id") + " END",
    "CREATE TRIGGER IF NOT EXISTS relation_current_unit_update "
    "AFTER UPDATE OF person_id, unit_id, start_month ON roster_insurancerelation BEGIN "
    + _REFRESH.format(person="OLD.person_id")
    + " "
    + _REFRESH.format(person="NEW.person_id")
    + " END",
]
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS relation_current_unit ON roster_insurancerelation",
        "DROP FUNCTION IF EXISTS roster_person_current_unit()",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS relation_current_unit_{event}"
        for event in ("insert", "delete", "update")
    ],
}
# Every person's current unit from the relations, in one statement (after a bulk load).
REFRESH_ALL = "UPDATE roster_person SET current_unit_id = " + _LATEST_UNIT.format(
    person="roster_person.id"
)


def install(connection) -> None:
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"No current-unit trigger for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        for statement in DROP[connection.vendor]:
            cursor.execute(statement)


def installed_after_migrate(using, **kwargs) -> None:
    """post_migrate: put the trigger back where a migration rebuilt the table."""
    from django.db import connections

    connection = connections[using]
    if "roster_insurancerelation" in connection.introspection.table_names():
        install(connection)
