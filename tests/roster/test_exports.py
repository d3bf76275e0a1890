"""R-6.2, R-6.3: the rosters' Excel files open like a clerk's own — a title, whose and when,
the filters in words, a frozen header with an autofilter, widths that fit Chinese, codes and ID
numbers as text, money as numbers with two decimals."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from portal.yearmonth import YearMonth
from roster.exports import display_width, filter_words
from roster.forms import ActiveRosterFilterForm, RetiredRosterFilterForm
from tests.roster.conftest import add_person, add_retiree

pytestmark = pytest.mark.django_db
ACTIVE = "/roster/active/"
RETIRED = "/roster/retired/"
# 2026-03-01 16:30 UTC is already the 2nd in Beijing.
INSTANT = datetime.datetime(2026, 3, 1, 16, 30, tzinfo=datetime.UTC)


def sheet_of(response):
    assert response.status_code == 200
    return load_workbook(BytesIO(b"".join(response.streaming_content))).active


def header_and_rows(sheet):
    return list(sheet.iter_rows(min_row=3))


@time_machine.travel(INSTANT, tick=False)
def test_r6_2_title_rows_name_the_roster_the_unit_the_time_and_the_filters(agent_client, unit):
    add_person(unit, 1, name="张三", start=YearMonth(2015, 1))
    add_person(unit, 2, name="李四", start=YearMonth(2015, 1))
    query = {"name": "张", "start_from_0": "2014", "start_from_1": "1", "export": "xlsx"}
    sheet = sheet_of(agent_client.get(ACTIVE, {**query, "start_to": "2016-12"}))
    title, about = sheet["A1"].value, sheet["A2"].value
    assert "在职花名册" in title
    assert "南昌市东湖区教育体育局" in title and "3601021001" in title
    assert "2026-03-02 00:30" in about  # Beijing time, not UTC's 16:30
    assert "姓名：包含“张”" in about and "缴费起始年月：2014-01 至 2016-12" in about
    assert "个人代码" not in about  # not asked for
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A1:I1", "A2:I2"} <= merged
    assert sheet["A1"].font.bold


def test_r6_2_without_filters_the_title_says_all_rows(agent_client, unit):
    add_person(unit, 1)
    sheet = sheet_of(agent_client.get(ACTIVE, {"export": "xlsx", "sort": "-base"}))
    assert "筛选条件：无（全部人员）" in sheet["A2"].value
    assert "排序" not in sheet["A2"].value and "base" not in sheet["A2"].value


def test_r6_2_header_frozen_filtered_and_widths_fit_chinese(agent_client, unit):
    for number in range(1, 4):
        add_person(unit, number)
    add_person(unit, 4, name="欧阳长长长长长长长长长长名字")
    sheet = sheet_of(agent_client.get(ACTIVE, {"export": "xlsx"}))
    header = [cell.value for cell in header_and_rows(sheet)[0]]
    assert header[:4] == ["个人代码", "姓名", "性别", "证件号码"] and len(header) == 9
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:I7"  # the header and the 4 rows under it
    assert sheet["A3"].font.bold
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"]
    assert all(width >= display_width(label) for width, label in zip(widths, header, strict=True))
    assert widths[1] >= display_width("欧阳长长长长长长长长长长名字")  # the longest name fits
    assert widths[0] >= len("360102000001") and widths[3] >= len("360102000001**1234")
    assert max(widths) <= 40


def test_r6_2_codes_and_id_numbers_are_text_money_is_a_number(agent_client, unit):
    add_person(unit, 1, base=Decimal("12345.60"))
    row = header_and_rows(sheet_of(agent_client.get(ACTIVE, {"export": "xlsx"})))[1]
    code, _name, _sex, id_number, started, *_, base, _status = row
    for cell in (code, id_number):
        assert cell.data_type == "s" and cell.number_format == "@"
    assert started.data_type == "s" and started.value == "1995-08-01"  # as on the page
    assert code.value == "360102000001"
    assert "*" in id_number.value  # masked as on the page
    assert base.data_type == "n" and base.value == 12345.6
    assert base.number_format == "#,##0.00"


def test_r6_2_no_rows_still_a_header_with_its_filter(agent_client, unit):
    sheet = sheet_of(agent_client.get(ACTIVE, {"name": "无此人", "export": "xlsx"}))
    assert len(header_and_rows(sheet)) == 1
    assert sheet.auto_filter.ref == "A3:I3"


@time_machine.travel(INSTANT, tick=False)
def test_r6_3_retiree_export_has_the_same_form(agent_client, unit):
    add_retiree(unit, 1, datetime.date(2020, 1, 1), pension=Decimal("5200.5"))
    add_retiree(unit, 2, datetime.date(2018, 1, 1))
    sheet = sheet_of(agent_client.get(RETIRED, {"retired_from": "2019-06", "export": "xlsx"}))
    assert "退休花名册" in sheet["A1"].value and "3601021001" in sheet["A1"].value
    assert "离退休年月：2019-06 及以后" in sheet["A2"].value
    assert "2026-03-02 00:30" in sheet["A2"].value
    header, *rows = header_and_rows(sheet)
    assert [cell.value for cell in header][-3:] == ["离退休日期", "退休类别", "月养老金"]
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:G4"
    assert len(rows) == 1
    code, *_, id_number, _date, _type, pension = rows[0]
    assert code.value == "360102000001" and code.number_format == "@"
    assert id_number.data_type == "s" and id_number.number_format == "@"
    assert pension.value == 5200.5 and pension.number_format == "#,##0.00"
    assert all(sheet.column_dimensions[letter].width for letter in "ABCDEFG")


@pytest.mark.parametrize(
    ("form_class", "data", "words"),
    [
        (ActiveRosterFilterForm, {}, "无（全部人员）"),
        (ActiveRosterFilterForm, {"start_from": "2020-01"}, "缴费起始年月：2020-01 及以后"),
        (ActiveRosterFilterForm, {"start_to": "2020-12"}, "缴费起始年月：2020-12 及以前"),
        (
            ActiveRosterFilterForm,
            {"start_from": "2020-01", "start_to": "2020-12"},
            "缴费起始年月：2020-01 至 2020-12",
        ),
        (
            RetiredRosterFilterForm,
            {"personal_code": "360102000001", "name": "王"},
            "姓名：包含“王”；个人代码：360102000001",
        ),
        (RetiredRosterFilterForm, {"retired_to": "2021-03"}, "离退休年月：2021-03 及以前"),
    ],
)
def test_filters_in_words(form_class, data, words):
    assert filter_words(form_class(data)) == words


def test_display_width_counts_chinese_twice():
    assert display_width("360102") == 6
    assert display_width("张三") == 4
    assert display_width("（张）") == 6
