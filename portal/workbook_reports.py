"""What a case keeps of an uploaded workbook (批量增员, 缴费基数申报): its report — the file kept
for the error copy, its rows, its problems by line and column — and the copy of the workbook
sent back with 错误说明 (`portal.workbooks.with_errors`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from portal import workbooks


def keep(content: bytes, *, name: str, sheet: workbooks.Sheet, problems, earlier=None) -> dict:
    """Store the uploaded file and return its report; `problems`: (line, column key,
    sentence). The earlier report's file goes once the transaction that saves this one
    commits."""
    stored = default_storage.save(f"workbooks/{uuid.uuid4().hex}.xlsx", ContentFile(content))
    problems = [[line, key, str(message)] for line, key, message in problems]
    if earlier and earlier.get("stored"):
        transaction.on_commit(lambda: default_storage.delete(earlier["stored"]))
    return {
        "name": name,
        "stored": stored,
        "at": timezone.now().isoformat(),
        "rows": len(sheet.rows),
        "invalid": len({line for line, _key, _message in problems}),
        "letters": sheet.letters,
        "problems": problems,
    }


def discard(report: dict) -> None:
    """The file of a report that was not saved after all."""
    default_storage.delete(report["stored"])


def lines(report: dict, header_of: Callable[[str], str]) -> dict[int, list[tuple]]:
    """The report's problems by line: [(column key, header, sentence)]."""
    found: dict[int, list[tuple]] = {}
    for line, key, message in report.get("problems", []):
        found.setdefault(line, []).append((key, header_of(key), message))
    return found


def table(report: dict, header_of: Callable[[str], str]) -> list[tuple]:
    """The problems as the page lists them: (line, header or —, sentence)."""
    return [
        (line, header or "—", message)
        for line, found in lines(report, header_of).items()
        for _key, header, message in found
    ]


def error_copy(report: dict, *, sheet: str, header_of: Callable[[str], str]) -> bytes | None:
    """The uploaded workbook with its 错误说明 column and the wrong cells marked (None: no
    upload, or its file is gone)."""
    if not report.get("stored"):
        return None
    try:
        with default_storage.open(report["stored"], "rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        return None
    return workbooks.with_errors(
        content, sheet=sheet, letters=report.get("letters", {}), errors=lines(report, header_of)
    )
