"""R-6.1 … R-6.3: unit information, active and retired rosters, Excel export."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from portal.yearmonth import YearMonth
from tests.roster.conftest import add_person, add_retiree

pytestmark = pytest.mark.django_db
ACTIVE = "/roster/active/"
RETIRED = "/roster/retired/"


def text(response):
    return response.content.decode()


def test_r6_1_unit_information(agent_client, unit, other_unit):
    add_person(unit, 1)
    add_person(unit, 2, months=12, due=3)
    add_retiree(unit, 3, datetime.date(2020, 5, 1))
    add_person(other_unit, 4, due=5)
    html = text(agent_client.get("/roster/unit/"))
    for value in (
        unit.code,
        unit.name,
        unit.credit_code,
        "机关",
        unit.legal_representative,
        unit.address,
        "2014-10",
        "参保缴费",
        "赵云雪",
    ):
        assert value in html
    assert unit.agent.id_number not in html and unit.agent.id_number[-4:] in html
    assert "在职 2 人，离退休 1 人" in html
    assert "3个月，共4,896.00元" in html or "3个月，共4896.00元" in html


def test_r6_1_no_arrears_says_none(agent_client, unit):
    add_person(unit, 1)
    html = text(agent_client.get("/roster/unit/"))
    assert "应缴未缴" in html and ">无<" in html


def test_rosters_need_a_unit_login(client, unit):
    assert client.get(ACTIVE).status_code == 302
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="admin2", is_staff=True))
    assert client.get(ACTIVE).status_code == 404


def test_r6_2_lists_active_staff_with_masked_ids_and_last_paid_month(
    agent_client, unit, other_unit
):
    person = add_person(unit, 1, start=YearMonth(2015, 3), months=20)
    add_retiree(unit, 2, datetime.date(2020, 5, 1))
    foreign = add_person(other_unit, 3)
    html = text(agent_client.get(ACTIVE))
    assert person.personal_code in html and person.name in html
    assert person.id_number not in html and person.id_number[-4:] in html
    assert "2015-03" in html and "2016-10" in html  # insured from, last paid
    assert foreign.personal_code not in html
    assert "测试002" not in html  # retired: not on the active roster


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"name": "张"}, {"张三丰", "小张"}),
        ({"name": "张三"}, {"张三丰"}),
        ({"name": "王"}, set()),
        ({"personal_code": "360102000001"}, {"张三丰"}),
        ({"personal_code": "36010200000"}, set()),  # exact, not a prefix
        ({"start_from": "2016-01"}, {"小张", "李四"}),  # starts 2016-01 and 2018-06
        ({"start_from": "2016-02"}, {"李四"}),
        ({"start_to": "2016-01"}, {"张三丰", "小张"}),
        ({"start_to": "2015-12"}, {"张三丰"}),
        (
            {"start_from_0": "2016", "start_from_1": "1", "start_to_0": "2016", "start_to_1": "1"},
            {"小张"},
        ),
    ],
)
def test_r6_2_filters_on_both_sides_of_their_bounds(agent_client, unit, query, expected):
    add_person(unit, 1, name="张三丰", start=YearMonth(2014, 10))
    add_person(unit, 2, name="小张", start=YearMonth(2016, 1))
    add_person(unit, 3, name="李四", start=YearMonth(2018, 6))
    html = text(agent_client.get(ACTIVE, query))
    found = {name for name in ("张三丰", "小张", "李四") if f"<td>{name}</td>" in html}
    assert found == expected


def test_r6_2_end_month_before_start_month_is_an_error(agent_client, unit):
    add_person(unit, 1)
    html = text(agent_client.get(ACTIVE, {"start_from": "2020-01", "start_to": "2019-12"}))
    assert "截止年月不能早于起始年月" in html


def test_r6_2_a_filter_in_error_lists_nobody_and_makes_no_export(agent_client, unit):
    """Issue 15: the message next to the field, and no rows that do not match what was asked
    (not the whole roster under the message)."""
    add_person(unit, 1, name="张三丰")
    add_person(unit, 2, name="李四")
    query = {"name": "张", "start_from_0": "2014", "start_from_1": ""}  # a year, no month
    html = text(agent_client.get(ACTIVE, query))
    assert "请同时选择年份和月份。" in html and 'value="张"' in html  # the input is kept
    assert "<td>张三丰</td>" not in html and "<td>李四</td>" not in html
    assert "没有符合条件的在职人员。" in html
    response = agent_client.get(ACTIVE, {**query, "export": "xlsx"})
    assert response["Content-Type"].startswith("text/html")  # the page with the message
    assert "请同时选择年份和月份。" in text(response)


def test_r6_2_a_personal_code_typed_in_full_width_digits_finds_the_person(agent_client, unit):
    person = add_person(unit, 1, name="张三丰")
    add_person(unit, 2, name="李四")
    full_width = person.personal_code.translate({0x30 + i: 0xFF10 + i for i in range(10)})
    for page in (ACTIVE, "/roster/certificates/persons/"):
        html = text(agent_client.get(page, {"personal_code": full_width}))
        assert "<td>张三丰</td>" in html and "<td>李四</td>" not in html


def test_r6_2_sort_links_say_sort_in_chinese(agent_client, unit):
    add_person(unit, 1)
    assert 'title="排序"' in text(agent_client.get(ACTIVE))


def test_r6_2_pagination_50_and_sorting(agent_client, unit):
    for number in range(1, 56):
        add_person(unit, number, base=Decimal(5000 + number), months=1)
    first = text(agent_client.get(ACTIVE))
    assert "共 55 条" in first and "第 1 页 共 2 页" in first
    assert first.count("<tr><td>360102") == 50
    second = text(agent_client.get(ACTIVE, {"page": 2}))
    assert second.count("<tr><td>360102") == 5
    by_base = text(agent_client.get(ACTIVE, {"sort": "-base"}))
    assert by_base.index("5055.00") < by_base.index("5054.00")
    assert "sort=base" in by_base  # the header links flip the order


def test_r6_2_filters_stay_in_the_query_string_for_bookmarks(agent_client, unit):
    for number in range(1, 56):
        add_person(unit, number, name=f"张{number:02d}", months=1)
    html = text(agent_client.get(ACTIVE, {"name": "张"}))
    assert "name=%E5%BC%A0&amp;page=2" in html


def test_r6_2_list_page_queries_do_not_grow_with_rows(agent_client, unit):
    def count_queries():
        agent_client.get(ACTIVE)
        with CaptureQueriesContext(connection) as captured:
            agent_client.get(ACTIVE)
        return len(captured.captured_queries)

    for number in range(1, 11):
        add_person(unit, number, months=2)
    ten = count_queries()
    for number in range(11, 201):
        add_person(unit, number, months=2)
    assert count_queries() == ten


def rows_of(workbook_bytes):
    """The header row and the rows under it (the two title rows above are left out)."""
    sheet = load_workbook(BytesIO(workbook_bytes), read_only=True).active
    return list(sheet.iter_rows(min_row=3, values_only=True))


def test_r6_2_export_has_the_pages_rows_and_columns(agent_client, unit):
    for number in range(1, 6):
        add_person(unit, number, name=f"张{number}" if number % 2 else f"李{number}")
    response = agent_client.get(ACTIVE, {"name": "张", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(b"".join(response.streaming_content))
    assert rows[0][:4] == ("个人代码", "姓名", "性别", "证件号码")
    page = text(agent_client.get(ACTIVE, {"name": "张"}))
    exported = [row[0] for row in rows[1:]]
    assert exported == ["360102000001", "360102000003", "360102000005"]
    assert all(code in page for code in exported)
    assert all("*" in row[3] for row in rows[1:])  # ID numbers masked as on the page


def test_r6_2_export_holds_control_characters_already_stored(agent_client, unit):
    """A name typed with Word's manual line break (\x0b) once made every export a 500."""
    add_person(unit, 1, name="张\x0b三")
    response = agent_client.get(ACTIVE, {"export": "xlsx"})
    assert response.status_code == 200
    assert rows_of(b"".join(response.streaming_content))[1][1] == "张三"


def test_r6_3_retired_roster_filters_and_export(agent_client, unit, other_unit):
    add_retiree(unit, 1, datetime.date(2019, 12, 1))
    add_retiree(unit, 2, datetime.date(2020, 1, 1))
    add_retiree(unit, 3, datetime.date(2021, 6, 1))
    add_retiree(other_unit, 4, datetime.date(2020, 1, 1))
    html = text(agent_client.get(RETIRED))
    assert "360102000001" in html and "360102000004" not in html
    assert "2019-12-01" in html and "正常退休" in html and "5200.00" in html
    within = text(agent_client.get(RETIRED, {"retired_from": "2020-01", "retired_to": "2020-01"}))
    assert "360102000002" in within
    assert "360102000001" not in within and "360102000003" not in within
    response = agent_client.get(RETIRED, {"retired_from": "2020-01", "export": "xlsx"})
    rows = rows_of(b"".join(response.streaming_content))
    assert [row[0] for row in rows[1:]] == ["360102000003", "360102000002"]


def test_r6_3_list_queries_do_not_grow_with_rows(agent_client, unit):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            agent_client.get(RETIRED)
        return len(captured.captured_queries)

    for number in range(1, 11):
        add_retiree(unit, number, datetime.date(2020, 1, 1))
    agent_client.get(RETIRED)
    ten = count_queries()
    for number in range(11, 201):
        add_retiree(unit, number, datetime.date(2020, 1, 1))
    assert count_queries() == ten


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "999"},
        {"sort": "password"},
        {"start_from": "2020-13"},
        {"name": "x" * 60},
    ],
)
def test_bad_query_strings_never_break_the_page(agent_client, unit, query):
    add_person(unit, 1)
    assert agent_client.get(ACTIVE, query).status_code == 200


def test_export_cannot_reach_another_units_person(agent_client, unit, other_unit):
    foreign = add_person(other_unit, 7)
    response = agent_client.get(ACTIVE, {"personal_code": foreign.personal_code, "export": "xlsx"})
    rows = rows_of(b"".join(response.streaming_content))
    assert len(rows) == 1  # the header only


@pytest.mark.parametrize(
    "query",
    [
        {"retired_to_0": "9999", "retired_to_1": "12"},
        {"retired_from": "0001-01"},
        {"retired_to": "99999-01"},
    ],
)
def test_out_of_range_years_never_break_the_retired_roster(agent_client, unit, query):
    response = agent_client.get(RETIRED, query)
    assert response.status_code == 200


def test_export_writes_formula_like_text_as_text(agent_client, unit):
    add_person(unit, 1, name="=HYPERLINK(1)")
    response = agent_client.get(ACTIVE, {"export": "xlsx"})
    rows = rows_of(b"".join(response.streaming_content))
    assert rows[1][1] == "'=HYPERLINK(1)"
