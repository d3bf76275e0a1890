"""The YYYY-MM month type, its model field and its two-select form field."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.yearmonth import INCOMPLETE_MONTH, YearMonth, YearMonthFormField, to_year_month
from roster.models import InsuranceRelation
from tests.factories import InsuranceRelationFactory


def test_parse_and_format():
    assert YearMonth.parse("2024-05") == YearMonth(2024, 5)
    assert YearMonth.parse("202405") == YearMonth(2024, 5)
    assert str(YearMonth(2024, 5)) == "2024-05"


@pytest.mark.parametrize("value", ["2024-13", "2024-00", "24-05", "2024/05", "", "abc"])
def test_parse_refuses_non_months(value):
    with pytest.raises(ValueError):
        YearMonth.parse(value)


def test_arithmetic_crosses_year_boundaries():
    assert YearMonth(2024, 12) + 1 == YearMonth(2025, 1)
    assert YearMonth(2025, 1) - 1 == YearMonth(2024, 12)
    assert YearMonth(2025, 1) - YearMonth(2014, 10) == 123
    assert YearMonth(2014, 10).months_through(YearMonth(2014, 10)) == 1
    assert YearMonth(2014, 10).months_through(YearMonth(2014, 9)) == 0
    assert list(YearMonth(2024, 11).iter_through(YearMonth(2025, 2))) == [
        YearMonth(2024, 11),
        YearMonth(2024, 12),
        YearMonth(2025, 1),
        YearMonth(2025, 2),
    ]


def test_ordering():
    assert YearMonth(2024, 12) < YearMonth(2025, 1) < YearMonth(2025, 2)


def test_to_year_month_accepts_dates_and_strings():
    assert to_year_month(datetime.date(2024, 5, 31)) == YearMonth(2024, 5)
    assert to_year_month("2024-05-01") == YearMonth(2024, 5)
    assert to_year_month(None) is None
    with pytest.raises(ValidationError):
        to_year_month("May 2024")


@pytest.mark.django_db
def test_model_field_round_trip_and_range_filter():
    relation = InsuranceRelationFactory(start_month=YearMonth(2016, 3))
    relation.refresh_from_db()
    assert relation.start_month == YearMonth(2016, 3)
    assert InsuranceRelation.objects.filter(start_month__gte=YearMonth(2016, 3)).count() == 1
    assert InsuranceRelation.objects.filter(start_month__gt="2016-03").count() == 0


class MonthForm(forms.Form):
    month = YearMonthFormField(required=False)
    required_month = YearMonthFormField()


def test_form_field_renders_year_and_month_selects():
    html = MonthForm().as_p()
    assert 'name="month_0"' in html and 'name="month_1"' in html
    assert "<select" in html and 'type="month"' not in html


def test_form_field_reads_two_selects():
    form = MonthForm(data={"month_0": "2024", "month_1": "5", "required_month": "2023-01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"month": YearMonth(2024, 5), "required_month": YearMonth(2023, 1)}


def test_form_field_half_filled_is_an_error_and_keeps_the_input():
    form = MonthForm(
        data={"month_0": "2024", "month_1": "", "required_month_0": "2023", "required_month_1": "1"}
    )
    assert not form.is_valid()
    assert form.errors["month"] == [str(INCOMPLETE_MONTH)]
    assert 'value="2024" selected' in str(form["month"])


def test_form_field_required():
    form = MonthForm(data={})
    assert not form.is_valid()
    assert "required_month" in form.errors


def test_month_messages_are_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        form = MonthForm(data={"month_0": "2024", "month_1": "", "required_month": "2024-13"})
        assert not form.is_valid()
        assert form.errors["month"] == ["请同时选择年份和月份。"]
        assert form.errors["required_month"] == ["请按YYYY-MM格式填写年月，例如2024-05。"]


@pytest.mark.parametrize("value", ["2019-07", "", None])
def test_the_month_selects_render_as_djangos_select_template_would(value):
    """Issue 14: the selects and the pair are built in Python (Django's per-option template
    took ~8 ms per year select); the HTML is what forms.Select and the widget's template write,
    selection and attributes included."""
    from django import forms
    from django.test.html import parse_html

    from portal.yearmonth import YearMonthSelectWidget

    widget = YearMonthSelectWidget(attrs={"class": "narrow", "required": True}, first_year=2014)
    html = widget.render("start", value, attrs={"id": "id_start"})
    context = widget.get_context("start", value, {"id": "id_start"})
    last_year = timezone.localdate().year + 5
    years = [("", "年"), *((str(year), str(year)) for year in range(last_year, 2013, -1))]
    months = [("", "月"), *((str(month), f"{month:02d}") for month in range(1, 13))]
    for subwidget, choices in zip(context["widget"]["subwidgets"], (years, months), strict=True):
        django_html = forms.Select(attrs=subwidget["attrs"], choices=choices).render(
            subwidget["name"], subwidget["value"][0] if subwidget["value"] else None
        )
        assert parse_html(str(subwidget["html"])) == parse_html(django_html)
    year, month = (str(subwidget["html"]) for subwidget in context["widget"]["subwidgets"])
    assert html == (
        '<span class="year-month"><label class="visually-hidden" for="id_start_0">年</label>'
        f'{year}<span class="year-month-sep" aria-hidden="true">-</span>'
        f'<label class="visually-hidden" for="id_start_1">月</label>{month}</span>'
    )
    assert ('<option value="2019" selected>' in html) is (value == "2019-07")


def test_the_month_fields_label_points_at_its_year_select():
    """A month's <label> names a real control (the year select), never `for=""`; each select
    keeps its own hidden 年/月 label."""
    import re

    class Filter(forms.Form):
        start_from = YearMonthFormField(label="缴费起始年月", required=False)

    html = str(Filter()["start_from"].label_tag()) + str(Filter()["start_from"])
    targets = re.findall(r'<label[^>]*\sfor="([^"]*)"', html)
    ids = set(re.findall(r'<select[^>]*\sid="([^"]+)"', html))
    assert targets == ["id_start_from_0", "id_start_from_0", "id_start_from_1"]
    assert set(targets) <= ids


def test_the_month_selects_without_ids_are_named_by_aria_label():
    class Filter(forms.Form):
        month = YearMonthFormField(required=False)

    html = str(Filter(auto_id=False)["month"])
    assert 'for=""' not in html and "<label" not in html
    assert 'aria-label="年"' in html and 'aria-label="月"' in html
