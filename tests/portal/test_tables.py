"""portal.tables: list pages' tables built in Python escape every value and keep the sort links
and the Excel values of the templates they replace (issue 14)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils.html import format_html

from portal.tables import Column, Table, spreadsheet_value, text
from portal.yearmonth import YearMonth

COLUMNS = [
    Column("姓名", lambda row: row.name, sort="name"),
    Column("缴费基数", lambda row: row.base, sort="base", numeric=True),
    Column("操作", html=lambda row: format_html('<a href="/p/{}/">打印</a>', row.code)),
]
ROWS = [SimpleNamespace(name="<script>x</script>", base=Decimal("6800.5"), code="a&b")]


def render(table: Table) -> str:
    return engines["django"].from_string("{{ table }}").render({"table": table})


def test_values_are_escaped_and_markup_cells_are_kept():
    html = render(Table(COLUMNS, ROWS, caption="花名册", empty="无"))
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert '<a href="/p/a&amp;b/">打印</a>' in html
    assert '<td class="number">6800.50</td>' in html
    assert '<th scope="col" class="number">' in html


@pytest.mark.parametrize(
    ("sort", "href", "state"),
    [
        ("", "?q=%E7%8E%8B&amp;sort=name", ""),
        ("name", "?q=%E7%8E%8B&amp;sort=-name", " sorted-asc"),
        ("-name", "?q=%E7%8E%8B&amp;sort=name", " sorted-desc"),
        ("base", "?q=%E7%8E%8B&amp;sort=name", ""),
    ],
)
def test_sort_links_turn_the_sort_around_and_keep_the_filters(sort, href, state):
    html = render(Table(COLUMNS, ROWS, caption="c", empty="e", sort=sort, sort_query="q=%E7%8E%8B"))
    assert f'<a href="{href}" class="sort-link{state}"' in html
    assert ("姓名 ▲" in html) == (sort == "name") and ("姓名 ▼" in html) == (sort == "-name")


def test_an_empty_table_says_so_across_every_column():
    html = render(Table(COLUMNS, [], caption="c", empty="没有符合条件的人员。"))
    assert '<td colspan="3" class="empty">没有符合条件的人员。</td>' in html


def test_cells_are_written_as_on_every_page_and_in_excel():
    moment = datetime.datetime(2026, 3, 1, 1, 30, tzinfo=datetime.UTC)
    assert text(None) == text("") == "—"
    assert text(moment) == "2026-03-01 09:30"  # local time, Asia/Shanghai
    assert text(datetime.date(2026, 3, 1)) == "2026-03-01"
    assert text(YearMonth(2026, 3)) == "2026-03"
    assert text(Decimal("1")) == "1.00"
    assert spreadsheet_value(None) == ""
    assert spreadsheet_value(Decimal("6800.50")) == 6800.5
    assert spreadsheet_value(YearMonth(2026, 3)) == "2026-03"
    assert spreadsheet_value(7) == 7


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("progress:detail", 42),
        ("progress:resume", 7),
        ("backoffice:review_case", 3),
        ("roster:person_certificate", "360102000011"),
        ("enrollment:reduce_start", "360102000011"),
        ("backoffice:register_agent", "3601021001"),
        ("backoffice:change_agent", "360102100100"),
    ],
)
def test_url_for_is_reverse_at_the_cost_of_one(name, key):
    from django.urls import reverse

    from portal.tables import url_for

    assert url_for(name)(key) == reverse(name, args=[key])


def test_markup_cells_must_be_safe_strings_or_they_are_escaped():
    from portal.tables import link, post_button

    columns = [
        Column("a", html=lambda row: "<b>plain</b>"),
        Column("b", html=lambda row: link("/x?a=1&b=2", "<打印>")),
        Column("c", html=lambda row: post_button("减员{0}", 'tok"en', personal_code="<1>")),
    ]
    html = render(Table(columns, [object()], caption="c", empty="e"))
    assert "<td>&lt;b&gt;plain&lt;/b&gt;</td>" in html
    assert '<a href="/x?a=1&amp;b=2">&lt;打印&gt;</a>' in html
    assert 'value="tok&quot;en"' in html and 'value="&lt;1&gt;"' in html and ">减员{0}<" in html


def test_money_is_rounded_half_up_as_floatformat_does():
    from django.template.defaultfilters import floatformat

    for value in ("2.005", "2.015", "-2.005", "6800"):
        assert text(Decimal(value)) == floatformat(Decimal(value), 2)
