"""A case's draft: the typed view over `Application.data` that the steps read and write, and
what one POST of a step carried. The JSON shape is described in `progress.steps`."""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms

if TYPE_CHECKING:
    from progress.models import Application
    from progress.steps import CaseSteps, RowTable, Step


def json_value(value):
    """A cleaned form value as it is kept in a draft."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def form_values(form: forms.Form) -> dict:
    """What was typed into a bound form, valid or not, as JSON values (for 暂存): each field
    that passed its own check in its normal form (a date as YYYY-MM-DD, whatever was typed),
    every other field as typed — a half-chosen year/month pair stays a pair."""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    values = {}
    for name, form_field in form.fields.items():
        if name in cleaned and name not in form.errors:
            values[name] = json_value(cleaned[name])
            continue
        value = form[name].data
        if isinstance(value, (list, tuple)):  # the year and month selects
            year, month = (str(part).strip()[:4] for part in [*value, "", ""][:2])
            if re.fullmatch(r"[0-9]{1,4}", year) and re.fullmatch(r"[0-9]{1,2}", month):
                value = f"{year}-{int(month):02d}"
            else:  # half chosen: kept as the pair, shown and checked again as such
                value = [year, month] if year or month else ""
        elif value is None:
            value = ""
        elif not isinstance(value, bool):
            value = str(value).strip()[: getattr(form_field, "max_length", None) or 100]
        values[name] = value
    return values


def typed_anything(values: dict) -> bool:
    return any(value not in ("", None, False, [], ["", ""]) for value in values.values())


DONE = "done"
LAST_STEP = "last_step"


def copied(data: dict) -> dict:
    """A copy of a case's JSON data that shares nothing changeable with it: its tables and
    forms are copied deeply, its many plain values (a declaration's 5,000 wages) are not."""
    return {k: copy.deepcopy(v) if isinstance(v, dict | list) else v for k, v in data.items()}


class Draft:
    """A typed view over a case's data (its shape: `progress.steps`). Businesses subclass it with
    readers of their own fields; a draft is never changed in place: `with_page` returns the
    data of the next save."""

    def __init__(self, application: Application, data: dict | None = None):
        self.application = application
        self.data = copied(application.data if data is None else data)
        self.query = {}  # the page's query, where a step shows a page of many rows

    def with_data(self, data: dict):
        clone = copy.copy(self)
        clone.data = data
        return clone

    @property
    def person(self):
        return self.application.person

    @property
    def subject_name(self) -> str | None:
        """The name the case goes by while it names nobody on record (None: as it is)."""
        return None

    @property
    def done(self) -> tuple[str, ...]:
        return tuple(self.data.get(DONE, []))

    @property
    def last_step(self) -> str:
        return str(self.data.get(LAST_STEP, ""))

    def values(self, step: Step) -> dict:
        if step.data_key:
            return dict(self.data.get(step.data_key) or {})
        if step.form_class is None:
            return {}
        return {name: self.data[name] for name in step.form_class.base_fields if name in self.data}

    def rows(self, table: RowTable) -> list[dict]:
        return list(self.data.get(table.key) or [])

    def entry(self, table: RowTable) -> dict | None:
        return self.data.get(f"{table.key}_entry")

    def editing(self, table: RowTable) -> int | None:
        value = self.data.get(f"{table.key}_editing")
        return value if isinstance(value, int) else None

    def with_page(
        self,
        step: Step,
        page: PageInput,
        *,
        steps: CaseSteps,
        lands_on: Step,
        done: bool | None = None,
    ):
        """The draft after saving `page` on `step`: what was typed, the table, the row being
        typed, whether the step counts as done (None: as its check says now), and the step the
        save sends the agent to."""
        data = copied(self.data)
        if page.values is not None:
            if step.data_key:
                data[step.data_key] = page.values
            else:
                data.update(page.values)
        if step.table is not None and page.rows is not None:
            key = step.table.key
            data[key] = page.rows
            for suffix, value in (("_entry", page.entry), ("_editing", page.editing)):
                if value is None:
                    data.pop(key + suffix, None)
                else:
                    data[key + suffix] = value
        if done is None:
            done = step.in_case and not step.uploads and step.run_check(self.with_data(data)).ok
        accepted = {key for key in self.done if key != step.key} | ({step.key} if done else set())
        data[DONE] = [other.key for other in steps if other.key in accepted]
        data[LAST_STEP] = lands_on.key
        return self.with_data(data)


@dataclass
class PageInput:
    """What one POST of a step carried: the form as typed, the table's rows, the row typed above
    the table (None: nothing typed) and the row being changed."""

    values: dict | None = None
    rows: list[dict] | None = None
    entry: dict | None = None
    editing: int | None = None


ACTIONS = {"save", "back", "next", "add", "update", "cancel", "upload"}
INDEXED_ACTIONS = {"delete", "edit"}


@dataclass(frozen=True)
class Action:
    name: str
    index: int | None = None

    @property
    def is_row_action(self) -> bool:
        return self.name in INDEXED_ACTIONS or self.name in {"add", "update", "cancel"}


def parse_action(value: str | None) -> Action | None:
    """The button pressed: 暂存 `save`, 上一步 `back`, 下一步 `next` (also Enter), a row
    button (`add`, `update`, `cancel`, `delete-<n>`, `edit-<n>`); None for anything else.
    Indexes are ASCII digits only ('²'.isdigit() is true, int('²') fails)."""
    value = (value or "next").strip()
    if value in ACTIONS:
        return Action(value)
    match = re.fullmatch(r"([a-z]+)-([0-9]{1,3})", value)
    if match and match.group(1) in INDEXED_ACTIONS:
        return Action(match.group(1), int(match.group(2)))
    return None


def parse_number(value) -> int | None:
    """A number a page sent back (the version it was rendered with, a row index); None when
    missing or not plain ASCII digits."""
    value = str(value or "").strip()
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None
