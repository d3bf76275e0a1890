"""Workbooks as a clerk fills them: the downloaded template, rows typed into its first sheet."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from enrollment import batch_services
from enrollment.services import BATCH_ADDITION, BATCH_REDUCTION
from progress.models import Application

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADDITION = batch_services.KINDS[BATCH_ADDITION]
REDUCTION = batch_services.KINDS[BATCH_REDUCTION]


def addition_row(id_number, name="孙新人", **values):
    """A 新登记 row as a clerk types it (the words of the lists), for the row's ID."""
    row = {
        "证件类型": "居民身份证",
        "证件号码": id_number,
        "姓名": name,
        "民族": "汉族",
        "国籍": "中国",
        "户籍性质": "城镇",
        "户籍地址": "江西省南昌市东湖区八一大道1号",
        "学历": "大学本科",
        "手机号码": "13907910001",
        "联系地址": "江西省南昌市东湖区八一大道1号",
        "参加工作日期": "2020-07-01",
        "干部/工人": "干部",
        "同时参加职业年金": "是",
        "参保/缴费开始年月": None,  # this month unless given
        "缴费基数（元）": "8000",
        "用工形式/编制类型": "事业编制",
    }
    row.update(values)
    return row


def reduction_row(person, **values):
    row = {
        "证件类型": "居民身份证",
        "证件号码": person.id_number,
        "姓名": person.name,
        "减员原因": "调出",
        "停保年月": None,
    }
    row.update(values)
    return row


def workbook(kind, rows, *, this_month=None, edit=None) -> bytes:
    """The template with `rows` ({header: value}) typed in from row 2; a month left None is
    this month. `edit(book)` may change the workbook before it is saved."""
    from portal.yearmonth import YearMonth

    book = openpyxl.load_workbook(io.BytesIO(batch_services.template(kind)))
    sheet = book[kind.sheet]
    headers = {cell.value: cell.column for cell in sheet[1]}
    month = str(this_month or YearMonth.current())
    for line, row in enumerate(rows, start=2):
        for header, value in row.items():
            if value is None and header in ("参保/缴费开始年月", "停保年月"):
                value = month
            sheet.cell(row=line, column=headers[header], value=value)
    if edit is not None:
        edit(book)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def xlsx(content: bytes, name="名册.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def start(client, kind="add") -> Application:
    response = client.post(f"/enrollment/batch/{kind}/")
    assert response.status_code == 302, response
    return Application.objects.filter(business_code__startswith="batch_").latest("pk")


def upload(client, application, content, name="名册.xlsx"):
    application.refresh_from_db()
    return client.post(
        f"/progress/{application.pk}/file/",
        {"action": "upload", "version": application.version, "file": xlsx(content, name)},
    )
