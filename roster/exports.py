"""Excel exports of the rosters (openpyxl, write-only), streamed from a temporary file.

A sheet opens like one a clerk makes: the roster's title, a line with the unit, the export time
and the filters used, then the header row, frozen, with an autofilter. Codes and ID numbers are
text (`@`, never 3.60102E+17), money is a number with two decimals. Rows stream to the file one
at a time (a 5,000-person unit in flat memory): the column widths, which a write-only sheet must
have before its first row, are measured on the first rows only.
"""

from __future__ import annotations

import itertools
import re
import tempfile
import unicodedata
from collections.abc import Iterable

from django import forms
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.tables import Column, spreadsheet_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 3  # after the title and the line that says whose, when and which rows
MEASURED_ROWS = 100  # rows whose values set the column widths
WIDTH_MIN, WIDTH_MAX = 8, 40  # in Excel's units, the width of a digit
TEXT, MONEY = "@", "#,##0.00"
LINE_HEIGHT = 15  # points: a line of Excel's default 11-point font
number_like = re.compile(r"[0-9][0-9*Xx]*").fullmatch  # 3601…, 360102********123X
# Matched on part of the name, as the roster's own filter does (roster.selectors).
CONTAINS = {"name"}


def display_width(value) -> int:
    """How many digit widths a text takes: a Chinese character (or a full-width sign such as
    “，” or “（”) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in str(value))


def filter_words(form: forms.Form) -> str:
    """The filters of a valid roster form in words, e.g. 姓名包含“张”；缴费起始年月：2020-01 至
    2020-12 (the range's two ends read as one)."""
    chosen = form.filters()
    first, last = getattr(form, "range_fields", ("", ""))
    words = []
    for name, field in form.fields.items():
        if name == last or isinstance(field.widget, forms.HiddenInput):
            continue
        if name == first and first:
            low, high = chosen.get(first), chosen.get(last)
            if low and high:
                value = _("%(first)s to %(last)s") % {"first": low, "last": high}
            elif low:
                value = _("%(first)s or later") % {"first": low}
            elif high:
                value = _("%(last)s or earlier") % {"last": high}
            else:
                continue
        elif name not in chosen:
            continue
        elif name in CONTAINS:
            value = _("contains “%(text)s”") % {"text": chosen[name]}
        else:
            value = str(chosen[name])
        words.append(_("%(label)s: %(value)s") % {"label": field.label, "value": value})
    return _("; ").join(words) if words else _("none (all rows)")


def _plain_cell(value, illegal):
    """A text starting like a formula (=, +, -, @) is written as text, not evaluated; control
    characters already stored (a Word line break in a name) are left out (`illegal`), which
    Excel cannot hold."""
    if not isinstance(value, str):
        return value
    value = illegal.sub("", str(value))  # a SafeString or a label is written as plain text
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _shown_width(value) -> int:
    return len(f"{value:,.2f}") if isinstance(value, float | int) else display_width(value)


def _widths(labels: list[str], sample: list[list]) -> list[int]:
    """Each column as wide as its label or its widest value in `sample`, within bounds."""
    widths = []
    for index, label in enumerate(labels):
        widest = max([display_width(label), *(_shown_width(row[index]) for row in sample)])
        widths.append(min(max(widest + 2, WIDTH_MIN), WIDTH_MAX))
    return widths


def _row_height(text: str, widths: list[int], size: int = 11) -> float:
    """The height in points of a row whose one cell, merged over the whole sheet, wraps `text`
    in a font of `size` points."""
    lines = -(-display_width(text) * size // (11 * max(sum(widths) - 2, 1)))
    return LINE_HEIGHT * size / 11 * max(lines, 1) + 4


def _sheet_setup(sheet, widths: list[int]) -> None:
    """What a write-only sheet must know before its first row."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"  # printed a page wide, the header on each page
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _title_rows(sheet, *, heading: str, about: str, widths: list[int], last_column: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wrapped = Alignment(wrap_text=True, vertical="center")
    for row, (text, size) in enumerate(((heading, 14), (about, 11)), 1):
        cell = WriteOnlyCell(sheet, text)
        cell.font, cell.alignment = Font(bold=size > 11, size=size), wrapped
        sheet.row_dimensions[row].height = _row_height(text, widths, size=size)
        sheet.merged_cells.add(f"A{row}:{last_column}{row}")
        sheet.append([cell])


def _header_row(sheet, labels: list[str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    font, fill = Font(bold=True), PatternFill("solid", start_color="DDE6F0")
    border = Border(bottom=Side(style="thin", color="999999"))
    alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, label)
        cell.font, cell.fill, cell.border, cell.alignment = font, fill, border, alignment
        header.append(cell)
    sheet.append(header)


def _body_rows(sheet, rows: Iterable[list], width: int) -> int:
    """The rows, each a list of plain values; how many there were.

    A text Excel would read as a number (a code, an ID number) is marked text, money gets its
    two decimals; the rest is written plain. One styled cell per column and kind is given each
    row's value in turn: a write-only sheet writes a row's cells out when it is appended, so the
    cell can be used again (a new styled cell per value cost a third of the export)."""
    from openpyxl.cell import WriteOnlyCell

    text_cells, money_cells = [], []
    for _index in range(width):
        text_cells.append(WriteOnlyCell(sheet))
        text_cells[-1].number_format = TEXT
        money_cells.append(WriteOnlyCell(sheet))
        money_cells[-1].number_format = MONEY
    count = 0
    for count, row in enumerate(rows, 1):  # noqa: B007 (the count is returned)
        cells = []
        for value, text_cell, money_cell in zip(row, text_cells, money_cells, strict=True):
            if isinstance(value, str):
                if number_like(value):
                    text_cell.value, value = value, text_cell
                elif not value:
                    value = None
            elif isinstance(value, float | int):
                money_cell.value, value = value, money_cell
            cells.append(value)
        sheet.append(cells)
    return count


def xlsx_response(
    *,
    rows: Iterable,
    columns: list[Column],
    title: str,
    unit,
    filters: str,
    filename: str,
) -> FileResponse:
    """The roster's `rows` under `columns` (those without markup), as an .xlsx attachment.
    `filters` says in words which rows were asked for (`filter_words`)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as illegal
    from openpyxl.utils import get_column_letter

    columns = [column for column in columns if column.exported]
    values = [column.value for column in columns]
    labels = [str(column.label) for column in columns]
    rows = (
        [_plain_cell(spreadsheet_value(value(row)), illegal) for value in values] for row in rows
    )
    sample = list(itertools.islice(rows, MEASURED_ROWS))
    widths = _widths(labels, sample)
    last_column = get_column_letter(len(columns))

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    _sheet_setup(sheet, widths)
    heading = _("%(unit)s (unit code %(code)s) %(roster)s") % {
        "unit": unit.name,
        "code": unit.code,
        "roster": title,
    }
    about = _("Exported at %(time)s (Beijing time)    Filters: %(filters)s") % {
        "time": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "filters": filters,
    }
    _title_rows(sheet, heading=heading, about=about, widths=widths, last_column=last_column)
    _header_row(sheet, labels)
    count = _body_rows(sheet, itertools.chain(sample, rows), len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{HEADER_ROW + count}"

    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)
