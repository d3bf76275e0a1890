"""Excel exports of the rosters (openpyxl, write-only), streamed from a temporary file."""

from __future__ import annotations

import tempfile

from django.http import FileResponse

from portal.tables import Column, spreadsheet_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain_cell(value, illegal):
    """A text starting like a formula (=, +, -, @) is written as text, not evaluated; control
    characters already stored (a Word line break in a name) are left out (`illegal`), which
    Excel cannot hold."""
    if not isinstance(value, str):
        return value
    value = illegal.sub("", str(value))  # a SafeString or a label is written as plain text
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def xlsx_response(*, rows, columns: list[Column], title: str, filename: str) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as illegal

    columns = [column for column in columns if column.exported]
    values = [column.value for column in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(column.label) for column in columns])
    for row in rows:
        sheet.append([_plain_cell(spreadsheet_value(value(row)), illegal) for value in values])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
