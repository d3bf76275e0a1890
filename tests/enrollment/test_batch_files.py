"""Issue 17: the batch workbooks — the template, reading a filled one (Excel dates, IDs as
text, full-width digits, the 1,000-row cap, wrong sheets and columns, not a workbook) and the
workbook sent back with 错误说明 and the wrong cells marked."""

import datetime
import io

import openpyxl
import pytest

from enrollment import batch_services
from portal import workbooks
from progress.models import Application, CaseRow
from roster.models import Person
from tests.enrollment.batch_helpers import (
    ADDITION,
    REDUCTION,
    addition_row,
    start,
    upload,
    workbook,
)
from tests.factories import resident_id
from tests.progress.conftest import pdf_bytes

pytestmark = pytest.mark.django_db
NEW_A = resident_id(birth=datetime.date(1996, 4, 2), sequence=11)  # odd: a man
NEW_B = resident_id(birth=datetime.date(1997, 8, 9), sequence=22)  # even: a woman


def report(application):
    application.refresh_from_db()
    return application.data["upload"]


def problems(application):
    return {(line, key): message for line, key, message in report(application)["problems"]}


def open_book(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_r17_template_has_headers_instructions_example_lists_and_text_columns(agent_client):
    response = agent_client.get("/enrollment/batch/add/template.xlsx")
    assert response["Content-Type"] == workbooks.XLSX
    assert "attachment" in response["Content-Disposition"]
    book = open_book(response.content)
    assert book.sheetnames == ["增员名册", "填写说明", "选项"]
    data = book["增员名册"]
    headers = [cell.value for cell in data[1]]
    assert headers[:3] == ["证件类型", "证件号码", "姓名"] and "缴费基数（元）" in headers
    assert "参保/缴费开始年月" in headers and "用工形式/编制类型" in headers
    letter = {value: cell.column_letter for value, cell in zip(headers, data[1], strict=True)}
    # IDs and months are text, so Excel never makes 3.60102E+17 or a date of them.
    for header in ("证件号码", "参保/缴费开始年月", "手机号码"):
        assert data[f"{letter[header]}2"].number_format == "@"
        assert data[f"{letter[header]}1001"].number_format == "@"
    # A list for every column with fixed choices, taken from the hidden sheet.
    listed = {
        str(v.sqref).split(":")[0][:-1]: v.formula1 for v in data.data_validations.dataValidation
    }
    for header in ("证件类型", "性别", "民族", "户籍性质", "学历", "用工形式/编制类型"):
        assert "选项" in listed[letter[header]]
    assert book["选项"].sheet_state == "hidden"
    options = [row[0] for row in book["选项"].iter_rows(min_col=6, max_col=6, values_only=True)]
    assert options[0] == "民族" and "汉族" in options and "基诺族" in options and len(options) == 57
    guide = list(book["填写说明"].iter_rows(values_only=True))
    text = " ".join(str(cell) for row in guide for cell in row if cell)
    assert "最多1000行" in text and "填写示例" in text and "360102199001011256" in text
    assert book["增员名册"].max_row == 1001 and data["A2"].value is None  # no example to delete


def test_r17_reduction_template_offers_the_reasons(agent_client):
    book = open_book(agent_client.get("/enrollment/batch/reduce/template.xlsx").content)
    headers = [cell.value for cell in book["减员名册"][1]]
    assert headers == [
        "证件类型",
        "证件号码",
        "姓名",
        "减员原因",
        "其他原因说明",
        "停保年月",
        "备注",
    ]
    reasons = [row[3] for row in book["选项"].iter_rows(values_only=True)]
    assert reasons[:7] == ["减员原因", "调出", "辞职", "辞退/解聘", "死亡", "出国(境)定居", "其他"]


def test_r17_excel_dates_full_width_digits_and_number_cells_are_read(agent_client, unit):
    application = start(agent_client)
    month = datetime.date.today().replace(day=1)
    row = addition_row(
        "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in NEW_A),  # full-width
        **{
            "参加工作日期": datetime.datetime(2020, 7, 1),  # typed as an Excel date
            "参保/缴费开始年月": datetime.datetime(month.year, month.month, 1),
            "缴费基数（元）": 8000.5,  # a number cell
            "手机号码": 13907910001,
        },
    )
    upload(agent_client, application, workbook(ADDITION, [row]))
    assert report(application)["invalid"] == 0, report(application)["problems"]
    data = CaseRow.objects.get().data
    assert data["id_number"] == NEW_A and data["work_start_date"] == "2020-07-01"
    assert data["start_month"] == f"{month:%Y-%m}" and data["base"] == "8000.5"
    assert data["phone"] == "13907910001"


def test_r17_an_id_stored_as_a_number_is_explained(agent_client, unit):
    application = start(agent_client)
    upload(agent_client, application, workbook(ADDITION, [addition_row(int(NEW_A[:17] + "0"))]))
    assert "只保留了15位有效数字" in problems(application)[(2, "id_number")]
    assert CaseRow.objects.count() == 0


def test_r17_more_than_1000_rows_is_refused_and_1000_are_read(agent_client, unit):
    rows = [{"证件号码": f"A{n:07d}", "姓名": "某"} for n in range(1001)]
    content = workbook(ADDITION, rows)
    with pytest.raises(Exception, match="最多1000行"):
        workbooks.read(content, sheet=ADDITION.sheet, columns=ADDITION.columns, max_rows=1000)
    sheet = workbooks.read(
        workbook(ADDITION, rows[:1000]),
        sheet=ADDITION.sheet,
        columns=ADDITION.columns,
        max_rows=1000,
    )
    assert len(sheet.rows) == 1000 and sheet.rows[-1].line == 1001
    application = start(agent_client)
    response = upload(agent_client, application, content)
    assert response.status_code == 400
    assert "每个名册最多1000行" in response.content.decode()
    assert "upload" not in Application.objects.get().data  # nothing saved


def _rename_sheet(book):
    book.worksheets[0].title = "Sheet1"


def _extra_column(book):
    sheet = book.worksheets[0]
    sheet.cell(row=1, column=sheet.max_column + 1, value="序号")


def _drop_column(book):
    book.worksheets[0].delete_cols(3)  # 姓名


def _unnamed_values(book):
    book.worksheets[0].cell(row=2, column=30, value="多余")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_rename_sheet, "工作簿中没有名为“增员名册”的工作表"),
        (_extra_column, "（“序号”）不是模板中的列"),
        (_drop_column, "缺少模板中的列：姓名"),
        (_unnamed_values, "第AD列有内容但没有列名"),
    ],
)
def test_r17_wrong_sheet_and_columns_are_refused_as_a_whole(agent_client, unit, edit, message):
    application = start(agent_client)
    response = upload(
        agent_client, application, workbook(ADDITION, [addition_row(NEW_A)], edit=edit)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    application.refresh_from_db()
    assert "upload" not in application.data and application.version == 1


def test_r17_empty_rows_and_empty_columns_are_skipped(agent_client, unit):
    def spaced(book):
        sheet = book.worksheets[0]
        sheet.insert_rows(3)  # an empty row between the two persons
        sheet.cell(row=1, column=25, value="  ")  # a header of spaces, nothing below

    application = start(agent_client)
    rows = [addition_row(NEW_A), addition_row(NEW_B, name="李新人")]
    upload(agent_client, application, workbook(ADDITION, rows, edit=spaced))
    assert report(application)["invalid"] == 0 and report(application)["rows"] == 2
    assert list(CaseRow.objects.values_list("line", flat=True)) == [2, 4]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (pdf_bytes(), "名册.xlsx", "只接受Excel工作簿（.xlsx）"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "名册.xls", "旧版Excel 97–2003"),
        (b"PK\x03\x04 broken", "名册.xlsx", "无法读取该工作簿"),
        (b"", "名册.xlsx", "文件为空"),
    ],
)
def test_r17_only_a_real_xlsx_is_taken(agent_client, unit, content, name, message):
    application = start(agent_client)
    response = upload(agent_client, application, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_r17_a_workbook_over_the_size_cap_is_refused(agent_client, unit, settings):
    settings.ATTACHMENT_MAX_BYTES = 20_000
    application = start(agent_client)
    response = upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_A)]))
    assert response.status_code == 400 and "文件大小超过" in response.content.decode()


def test_r17_error_workbook_marks_wrong_cells_and_explains_each_row(agent_client, unit):
    application = start(agent_client)
    rows = [
        addition_row(NEW_A),
        addition_row(NEW_B[:-1] + ("0" if NEW_B[-1] != "0" else "1"), name="李新人"),  # check digit
        addition_row(NEW_A, name="孙新人", **{"缴费基数（元）": "100"}),  # twice, and too low
    ]
    upload(agent_client, application, workbook(ADDITION, rows))
    assert report(application)["invalid"] == 2 and Person.objects.count() == 0
    assert CaseRow.objects.count() == 0  # nothing is taken while a row is wrong
    html = agent_client.get(f"/progress/{application.pk}/file/").content.decode()
    assert "名册中有2行有误" in html and "与第2行是同一人" in html
    response = agent_client.get(f"/enrollment/batch/case/{application.pk}/errors.xlsx")
    assert response.status_code == 200 and "%E9%94%99%E8%AF%AF" in response["Content-Disposition"]
    sheet = open_book(response.content)["增员名册"]
    headers = [cell.value for cell in sheet[1]]
    explain = headers.index("错误说明") + 1
    assert explain == len(ADDITION.columns) + 1
    assert sheet.cell(row=2, column=explain).value is None
    assert "证件号码：" in sheet.cell(row=3, column=explain).value
    assert "与第2行是同一人" in sheet.cell(row=4, column=explain).value
    assert sheet["B3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["B2"].fill.fgColor.rgb in ("00000000", None) or sheet["B2"].fill.fill_type is None

    # Corrected in place and uploaded again: the 错误说明 column is not a column of the rows.
    sheet["B3"] = NEW_B
    sheet["B4"] = resident_id(birth=datetime.date(1995, 1, 1), sequence=33)
    letter = ADDITION.columns.index(next(c for c in ADDITION.columns if c.key == "base"))
    sheet.cell(row=4, column=letter + 1, value="8000")
    fixed = io.BytesIO()
    sheet.parent.save(fixed)
    upload(agent_client, application, fixed.getvalue())
    assert report(application)["invalid"] == 0 and CaseRow.objects.count() == 3
    again = open_book(batch_services.error_workbook(Application.objects.get()))["增员名册"]
    assert again["B3"].fill.fill_type is None  # the earlier marks are gone


def test_r17_error_workbook_of_another_unit_is_not_found(agent_client, unit, client):
    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, UnitFactory

    application = start(agent_client)
    upload(agent_client, application, workbook(ADDITION, [addition_row("123")]))
    other = UnitFactory(code="3601021009")
    account = unit_account_open(unit=other, agent=AgentFactory(unit=other))
    account.must_change_password = False
    account.save()
    client.force_login(account)
    assert client.get(f"/enrollment/batch/case/{application.pk}/errors.xlsx").status_code == 404
    assert client.get(f"/progress/{application.pk}/file/").status_code == 404


def test_r17_cell_text_normalises_what_excel_hands_over():
    assert workbooks.cell_text(datetime.datetime(2026, 3, 1), "month") == "2026-03"
    assert workbooks.cell_text(datetime.date(2026, 3, 9), "date") == "2026-03-09"
    assert workbooks.cell_text("2026/3/9", "date") == "2026-03-09"
    assert workbooks.cell_text("2026年3月", "month") == "2026-03"
    assert workbooks.cell_text("２０２６－０３", "month") == "2026-03"
    assert workbooks.cell_text(202603, "month") == "2026-03"
    assert workbooks.cell_text(12910.499999999998, "number") == "12910.5"
    assert workbooks.cell_text(8000.0, "number") == "8000"
    assert workbooks.cell_text(" 3601 0219 ", "code") == "36010219"
    assert workbooks.cell_text(123456789012345, "code") == "123456789012345"
    with pytest.raises(Exception, match="15"):
        workbooks.cell_text(3.60102199604021e17, "code")


def test_r17_reduction_sheet_is_its_own(agent_client, unit):
    application = start(agent_client, "reduce")
    response = upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_A)]))
    assert "没有名为“减员名册”的工作表" in response.content.decode()
    assert REDUCTION.sheet == "减员名册"
