"""`Person.current_unit` — the unit of the person's latest insurance relation (latest start
month, then highest id) — is kept by the database, whatever writes the rows: the portal's
services, the admin, a batch, a full `Person.save()` of a stale copy, SQL.

- A trigger on the person computes the column whenever a row is inserted or the column is
  written, so no value written from outside survives.
- A trigger on the relations touches the person of every inserted, deleted or moved relation
  (`SET current_unit_id = NULL`), which makes the first one compute it.

On PostgreSQL migration 0007 creates them (they survive every later schema change), and the
person trigger computes after the row lock is taken, so two writers of one person's relations
cannot leave the earlier one's answer. SQLite drops or breaks a table's triggers when a
migration rebuilds a table, so there they are dropped before every `migrate` and created again
after it, and every person's column is computed anew then (`installed_after_migrate`).

Writing relations with the relation trigger disabled (a bulk load) needs `TOUCH` afterwards.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

# ruff: noqa: S608 -- the SQL is built from this module's constants, never from input

# Touching a person's column makes the person trigger compute it.
TOUCH = "UPDATE roster_person SET current_unit_id = NULL"
# The relation trigger's name on PostgreSQL (migration 0007), for bulk loads that disable it.
RELATION_TRIGGER = "relation_current_unit"

_LATEST_UNIT = (
    "(SELECT r.unit_id FROM roster_insurancerelation r WHERE r.person_id = {person} "
    "ORDER BY r.start_month DESC, r.id DESC LIMIT 1)"
)
_COMPUTE = "UPDATE roster_person SET current_unit_id = " + _LATEST_UNIT + " WHERE id = {person};"
_TOUCH_ONE = TOUCH + " WHERE id = {person};"

SQLITE = {
    "person_current_unit_insert": (
        "AFTER INSERT ON roster_person WHEN NEW.current_unit_id IS NOT NULL BEGIN "
        + _COMPUTE.format(person="NEW.id")
        + " END"
    ),
    "person_current_unit_update": (
        "AFTER UPDATE OF current_unit_id ON roster_person "
        f"WHEN NEW.current_unit_id IS NOT {_LATEST_UNIT.format(person='NEW.id')} BEGIN "
        + _COMPUTE.format(person="NEW.id")
        + " END"
    ),
    "relation_current_unit_insert": (
        "AFTER INSERT ON roster_insurancerelation BEGIN "
        + _TOUCH_ONE.format(person="NEW.person_id")
        + " END"
    ),
    "relation_current_unit_delete": (
        "AFTER DELETE ON roster_insurancerelation BEGIN "
        + _TOUCH_ONE.format(person="OLD.person_id")
        + " END"
    ),
    "relation_current_unit_update": (
        "AFTER UPDATE OF person_id, unit_id, start_month ON roster_insurancerelation BEGIN "
        + _TOUCH_ONE.format(person="OLD.person_id")
        + " "
        + _TOUCH_ONE.format(person="NEW.person_id")
        + " END"
    ),
}


def drop_sqlite(connection) -> None:
    with connection.cursor() as cursor:
        for name in SQLITE:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_sqlite(connection) -> None:
    """The triggers as this module writes them (a changed one replaces the old), then every
    person's current unit computed."""
    drop_sqlite(connection)
    with connection.cursor() as cursor:
        for name, body in SQLITE.items():
            cursor.execute(f"CREATE TRIGGER {name} {body}")
        cursor.execute(
            "UPDATE roster_person SET current_unit_id = "
            + _LATEST_UNIT.format(person="roster_person.id")
        )


def _sqlite(using: str):
    from django.db import connections

    connection = connections[using]
    return connection if connection.vendor == "sqlite" else None


def dropped_before_migrate(using, **kwargs) -> None:
    """pre_migrate: on SQLite no trigger may stand in the way of a table being rebuilt."""
    if (connection := _sqlite(using)) is not None:
        drop_sqlite(connection)


def installed_after_migrate(using, apps=None, **kwargs) -> None:
    """post_migrate (after `migrate`, and after `flush` without `apps`): on SQLite the triggers
    again, where the schema has the column (not after a migration back to before 0007)."""
    connection = _sqlite(using)
    if connection is None:
        return
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("roster", "Person")._meta.get_field("current_unit")
    except (LookupError, FieldDoesNotExist):
        return
    install_sqlite(connection)
