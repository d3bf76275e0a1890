"""Workbooks that clerks fill and upload (批量增员, 批量减员, 缴费基数申报): the template, the
reading of a filled one, and the same workbook sent back with its errors.

- The **template** has the data sheet (a header row in Chinese, frozen; ID, code and month
  columns formatted as text, so Excel never turns an 18-digit ID into 3.60102E+17; a list to
  choose from where a column has fixed choices), a 填写说明 sheet with every column's rule and
  an example row, and a hidden 选项 sheet that holds the lists.
- **Reading** takes `.xlsx` only (known by its content, not its name), at most `max_rows`
  filled rows, in openpyxl's read-only mode (parsed through defusedxml). It finds the columns
  by their headers, refuses a missing or an unknown column and a wrong sheet, skips empty rows
  and columns, and turns each cell into the text a form takes: Excel dates and months as
  YYYY-MM-DD and YYYY-MM, full-width digits as ASCII, numbers without Excel's float noise.
- The **error workbook** is the uploaded file itself with a 错误说明 column and the wrong cells
  filled red, so the clerk corrects it in place and uploads it again (the column and the
  colour are dropped when it comes back).
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "@"
ERRORS_HEADER = gettext_lazy("Errors")  # 错误说明
ERROR_FILL = "FFC7CE"
MAX_UNZIPPED = 80 * 1024 * 1024  # what a 1,000-row sheet can never need: a zip bomb otherwise
TEMPLATE_ROWS = 1000  # rows of the template that carry the text format and the lists

NOT_XLSX = gettext_lazy(
    "Only Excel workbooks (.xlsx) are accepted; in Excel choose File › Save As › Excel Workbook."
)
OLD_XLS = gettext_lazy(
    "This is an old Excel 97–2003 file (.xls); please save it as an Excel Workbook (.xlsx)."
)
BROKEN = gettext_lazy("The workbook cannot be read; please download the template again.")
NO_SHEET = gettext_lazy(
    "The workbook has no sheet named “%(sheet)s”; please fill the downloaded template."
)
NO_ROWS = gettext_lazy("The sheet “%(sheet)s” has no filled rows.")
TOO_MANY_ROWS = gettext_lazy(
    "A workbook takes at most %(count)d rows; please split it into several cases."
)
MISSING_COLUMNS = gettext_lazy(
    "Columns of the template are missing: %(names)s. Please use the downloaded template."
)
UNKNOWN_COLUMN = gettext_lazy(
    "Column %(letter)s (“%(header)s”) is not a column of the template; please delete it."
)
UNNAMED_COLUMN = gettext_lazy(
    "Column %(letter)s has values but no header; please delete it or move them."
)
DOUBLE_COLUMN = gettext_lazy("The column “%(header)s” appears twice.")
ID_AS_NUMBER = gettext_lazy(
    "Excel stored this number as a number and kept only 15 digits; format the column as Text "
    "and type the number again."
)
NOT_A_DATE = gettext_lazy("Enter a date as YYYY-MM-DD.")


@dataclass(frozen=True)
class Column:
    """One column of a workbook: the form field it fills (`key`), its header, and how a cell
    is read. `choices` are the words offered in the list (the form's labels)."""

    key: str
    header: str
    kind: str = "text"  # "text", "code" (IDs: text, never a number), "date", "month", "number"
    required: bool = True
    choices: tuple[str, ...] = ()
    rule: str = ""  # what 填写说明 says about it
    width: int = 14


@dataclass
class Row:
    line: int  # the row's number in Excel
    values: dict[str, str]
    problems: dict[str, str] = field(default_factory=dict)  # found while reading a cell


@dataclass(frozen=True)
class Sheet:
    rows: list[Row]
    letters: dict[str, str]  # column key -> its letter in the uploaded sheet


# --- the template -------------------------------------------------------------------------
def template(
    *, sheet: str, columns: Iterable[Column], notes: Iterable[str], example: dict, rows=()
) -> bytes:
    """The workbook to fill; `rows` ({column key: value}) are written in already from row 2
    (a list to complete, such as a declaration's persons)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(columns)
    book = Workbook()
    data = book.active
    data.title = sheet
    guide = book.create_sheet(_("How to fill in"))
    options = book.create_sheet(_("Options"))
    options.sheet_state = "hidden"
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    required_font = Font(bold=True, color="C00000")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = required_font if column.required else header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        data.column_dimensions[letter].width = column.width
        if column.kind in ("code", "month", "date", "text"):
            data.column_dimensions[letter].number_format = TEXT
            for row in range(2, TEMPLATE_ROWS + 2):
                data.cell(row=row, column=index).number_format = TEXT
        if column.choices:
            options.cell(row=1, column=index, value=column.header)
            for position, choice in enumerate(column.choices, start=2):
                options.cell(row=position, column=index, value=choice)
            listed = (
                f"{quote_sheetname(options.title)}!${letter}$2:${letter}${len(column.choices) + 1}"
            )
            validation = DataValidation(
                type="list", formula1=listed, allow_blank=not column.required
            )
            validation.error = _("Choose a value from the list.")
            validation.errorTitle = column.header
            validation.showErrorMessage = True
            data.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    data.freeze_panes = "A2"
    for line, values in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            cell = data.cell(row=line, column=index, value=values.get(column.key))
            if column.kind != "number":
                cell.number_format = TEXT

    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 90
    guide.append([_("How to fill in")])
    guide["A1"].font = Font(bold=True, size=14)
    for note in notes:
        guide.append([note])
    guide.append([])
    guide.append([_("Column"), _("Required"), _("Rule")])
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = header_font, header_fill
    for column in columns:
        guide.append([column.header, _("Yes") if column.required else _("No"), column.rule])
    guide.append([])
    guide.append([_("Example row (fill your rows on the sheet “%(sheet)s”)") % {"sheet": sheet}])
    guide.append([column.header for column in columns])
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = header_font, header_fill
    guide.append([example.get(column.key, "") for column in columns])
    for cell in guide[guide.max_row]:
        cell.number_format = TEXT
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- reading ------------------------------------------------------------------------------
def _header_key(value) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"[\s*＊]", "", text)


def check_xlsx(content: bytes) -> None:
    """An .xlsx by its content: a zip holding a workbook, not too large once unpacked."""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(OLD_XLS, code="xls")
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError(NOT_XLSX, code="kind")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ValidationError(BROKEN, code="broken") from None
    if "xl/workbook.xml" not in names:
        raise ValidationError(NOT_XLSX, code="kind")
    if unpacked > MAX_UNZIPPED:
        raise ValidationError(BROKEN, code="broken")


def _open(content: bytes, *, read_only: bool):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(content), read_only=read_only, data_only=True)
    except Exception:  # openpyxl raises assorted errors on damaged or hostile files
        raise ValidationError(BROKEN, code="broken") from None


def read(content: bytes, *, sheet: str, columns: Iterable[Column], max_rows: int) -> Sheet:
    """The filled rows of `sheet`, each cell as text for the column's form field; a
    ValidationError (several sentences) when the file as a whole cannot be taken."""
    from openpyxl.utils import get_column_letter

    check_xlsx(content)
    columns = list(columns)
    book = _open(content, read_only=True)
    try:
        if sheet not in book.sheetnames:
            raise ValidationError(NO_SHEET % {"sheet": sheet}, code="sheet")
        lines = book[sheet].iter_rows(values_only=True)
        header = next(lines, ())
        by_header = {_header_key(column.header): column for column in columns}
        skipped = {_header_key(ERRORS_HEADER)}
        positions: dict[int, Column] = {}
        problems, unnamed = [], set()
        for index, value in enumerate(header):
            key = _header_key(value)
            if not key or key in skipped:
                if not key:
                    unnamed.add(index)
                continue
            column = by_header.get(key)
            if column is None:
                letter = get_column_letter(index + 1)
                problems.append(UNKNOWN_COLUMN % {"letter": letter, "header": value})
            elif column in positions.values():
                problems.append(DOUBLE_COLUMN % {"header": column.header})
            else:
                positions[index] = column
        missing = [c.header for c in columns if c.required and c not in positions.values()]
        if missing:
            problems.insert(0, MISSING_COLUMNS % {"names": "、".join(missing)})
        if problems:
            raise ValidationError([str(problem) for problem in problems], code="columns")
        rows = []
        for line, cells in enumerate(lines, start=2):
            if all(_blank(cell) for cell in cells):
                continue
            for index in unnamed:
                if index < len(cells) and not _blank(cells[index]):
                    letter = get_column_letter(index + 1)
                    raise ValidationError(UNNAMED_COLUMN % {"letter": letter}, code="columns")
            if len(rows) == max_rows:
                raise ValidationError(TOO_MANY_ROWS % {"count": max_rows}, code="rows")
            row = Row(line=line, values={column.key: "" for column in columns})
            for index, column in positions.items():
                value = cells[index] if index < len(cells) else None
                try:
                    row.values[column.key] = cell_text(value, column.kind)
                except ValidationError as problem:
                    row.problems[column.key] = problem.messages[0]
            rows.append(row)
    finally:
        book.close()
    if not rows:
        raise ValidationError(NO_ROWS % {"sheet": sheet}, code="empty")
    letters = {column.key: get_column_letter(index + 1) for index, column in positions.items()}
    return Sheet(rows=rows, letters=letters)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value, kind: str) -> str:
    """A cell as the text its form field takes (ValidationError: it cannot be one)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return f"{day:%Y-%m}" if kind == "month" else day.isoformat()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal):
        return _number_text(value, kind)
    text = unicodedata.normalize("NFKC", str(value)) if kind != "text" else str(value)
    text = text.strip()
    if kind == "date":
        text = re.sub(r"^(\d{4})[./年](\d{1,2})[./月](\d{1,2})日?$", r"\1-\2-\3", text)
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            text = "{}-{:0>2}-{:0>2}".format(*match.groups())
    elif kind == "month":
        text = re.sub(r"^(\d{4})[./年](\d{1,2})月?$", r"\1-\2", text)
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if match:
            text = "{}-{:0>2}".format(*match.groups())
    elif kind == "code":
        text = re.sub(r"\s", "", text)
    return text


def _number_text(value, kind: str) -> str:
    if kind == "code":
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(ID_AS_NUMBER, code="number")
        digits = str(int(value))
        if len(digits) > 15:  # Excel keeps 15 significant digits: the rest is lost already
            raise ValidationError(ID_AS_NUMBER, code="number")
        return digits
    if kind == "month" and isinstance(value, int) and 100000 <= value <= 999912:
        return f"{value // 100:04d}-{value % 100:02d}"  # 202612
    if kind == "date":
        raise ValidationError(NOT_A_DATE, code="date")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    # 8000.0 -> 8000, 12910.499999999998 -> 12910.5 (what Excel shows, not the float's noise)
    number = number.quantize(Decimal("0.0001")).normalize()
    return format(number, "f")


# --- the workbook sent back -----------------------------------------------------------------
def with_errors(
    content: bytes, *, sheet: str, letters: dict[str, str], errors: dict[int, list[tuple]]
) -> bytes:
    """The uploaded workbook with a 错误说明 column and the wrong cells filled red. `errors`:
    {line: [(column key or "", header, message), …]}."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = _open(content, read_only=False)
    data = book[sheet]
    errors_key = _header_key(ERRORS_HEADER)
    target = None
    for cell in data[1]:
        if _header_key(cell.value) == errors_key:
            target = cell.column
    if target is None:
        target = data.max_column + 1
    fill = PatternFill("solid", fgColor=ERROR_FILL)
    for row in data.iter_rows(min_row=2):  # a file sent back before: its marks go first
        for cell in row:
            if cell.fill is not None and cell.fill.fgColor.rgb in (ERROR_FILL, "00" + ERROR_FILL):
                cell.fill = PatternFill(fill_type=None)
        if len(row) >= target:
            row[target - 1].value = None
    header = data.cell(row=1, column=target, value=str(ERRORS_HEADER))
    header.font = Font(bold=True, color="C00000")
    data.column_dimensions[get_column_letter(target)].width = 60
    for line, found in errors.items():
        for key, _header, _message in found:
            if key in letters:
                data[f"{letters[key]}{line}"].fill = fill
        text = "；".join(f"{name}：{message}" if name else message for _k, name, message in found)
        explanation = data.cell(row=line, column=target, value=text)
        explanation.font = Font(color="C00000")
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
