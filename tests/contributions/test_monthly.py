"""R-13.3 缴费核定 and R-13.4 缴费明细: the unit's months and a person's months match the
contribution rows (summed both ways), the month with arrears is marked, the range filters and
exports, the query count does not grow with the persons, another unit's person is a 404."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import selectors
from portal.yearmonth import YearMonth
from roster.models import Contribution
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
START = YearMonth(2025, 1)


@pytest.fixture
def contributing(unit):
    """Two persons paying from 2025-01 for 12 months; the second owes its last two months."""
    first = add_person(unit, 1, name="张缴费", start=START, months=12, base=Decimal("8000.00"))
    second = add_person(
        unit, 2, name="李欠缴", start=START, months=12, due=2, base=Decimal("6543.21")
    )
    return first, second


def test_r13_3_months_match_the_contribution_rows_summed_both_ways(unit, contributing):
    rows = selectors.unit_months(unit=unit, first=START, last=START + 11)
    assert [str(row.month) for row in rows][:2] == ["2025-12", "2025-11"] and len(rows) == 12
    december = rows[0]
    assert december.persons == 2 and december.base == Decimal("14543.21")
    by_person = Contribution.objects.filter(unit=unit, month=YearMonth(2025, 12))
    assert december.due == sum(c.unit_amount + c.personal_amount for c in by_person)
    assert december.outstanding == sum(
        c.unit_amount + c.personal_amount for c in by_person if c.status == "due"
    )
    assert rows[2].outstanding == 0  # 2025-10 was paid by both
    totals = selectors.totals(rows)
    every_row = Contribution.objects.filter(unit=unit)
    assert totals["due"] == sum(c.unit_amount + c.personal_amount for c in every_row)
    assert totals["outstanding"] == sum(
        c.unit_amount + c.personal_amount for c in every_row if c.status == "due"
    )


def test_r13_3_monthly_page_marks_the_arrears_months(agent_client, contributing):
    html = agent_client.get(
        "/contributions/monthly/?first_0=2025&first_1=1&last_0=2025&last_1=12"
    ).content.decode()
    assert "缴费核定" in html and "2025-12" in html and "2025-01" in html
    table = html.split("<tbody>")[-1]
    assert table.count('class="number cell-arrears"') == 2  # 2025-11 and 2025-12
    assert 'class="number cell-arrears"' in html.split("<table")[1]  # the totals' 欠缴
    assert "本月之前的月份有欠缴时不能申领养老金" in html  # this month's bill holds up no claim


def test_r13_3_range_filter_and_its_error(agent_client, contributing):
    html = agent_client.get(
        "/contributions/monthly/?first_0=2025&first_1=6&last_0=2025&last_1=7"
    ).content.decode()
    assert "2025-06" in html and "2025-07" in html and "2025-08" not in html
    wrong = agent_client.get("/contributions/monthly/?first_0=2025&first_1=6&last_0=2025&last_1=3")
    assert "结束年月不能早于开始年月" in wrong.content.decode() or wrong.status_code == 200
    assert "2025-06" not in wrong.content.decode().split("</form>")[-1]


def test_r13_3_export_has_the_same_months(agent_client, contributing):
    response = agent_client.get(
        "/contributions/monthly/?first_0=2025&first_1=1&last_0=2025&last_1=12&export=xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "2025-12"]
    assert values and values[0][1] == 2 and Decimal(str(values[0][-1])) > 0


def test_r13_3_query_count_does_not_grow_with_the_persons(agent_client, unit, contributing):
    url = "/contributions/monthly/?first_0=2025&first_1=1&last_0=2025&last_1=12"
    agent_client.get(url)
    with CaptureQueriesContext(connection) as few:
        agent_client.get(url)
    for number in range(3, 23):
        add_person(unit, number, start=START, months=12)
    with CaptureQueriesContext(connection) as many:
        agent_client.get(url)
    assert len(many) == len(few)


def test_r13_4_person_detail_matches_their_rows_and_is_reached_from_the_roster(
    agent_client, unit, contributing
):
    _first, second = contributing
    roster = agent_client.get("/roster/active/").content.decode()
    assert f'href="/contributions/persons/{second.personal_code}/"' in roster
    html = agent_client.get(
        f"/contributions/persons/{second.personal_code}/?first_0=2025&first_1=1&last_0=2025&last_1=12"
    ).content.decode()
    assert "李欠缴" in html and html.count("应缴未缴") == 2 and html.count("已实缴") == 10
    rows = selectors.person_months(unit=unit, person=second, first=START, last=START + 11)
    assert sum(r.unit_amount for r in rows) == sum(
        c.unit_amount for c in Contribution.objects.filter(person=second)
    )
    export = agent_client.get(
        f"/contributions/persons/{second.personal_code}/?first_0=2025&first_1=1&last_0=2025&last_1=12&export=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert sum(1 for row in sheet.iter_rows(values_only=True) if row and row[-1] == "应缴未缴") == 2


def test_r13_4_another_units_person_is_not_found(agent_client, other_unit):
    theirs = add_person(other_unit, 7)
    assert agent_client.get(f"/contributions/persons/{theirs.personal_code}/").status_code == 404


def test_r13_3_monthly_notice_pdf_of_the_arrears_month(
    agent_client, contributing, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    html = agent_client.get(
        "/contributions/monthly/?first_0=2025&first_1=1&last_0=2025&last_1=12"
    ).content.decode()
    assert 'href="/contributions/monthly/notice.pdf?last_0=2025&amp;last_1=12"' in html
    response = agent_client.get("/contributions/monthly/notice.pdf?last_0=2025&last_1=12")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "2025-12" in text and "李欠缴" in text and "应缴未缴" in text and "1,570.37" in text
