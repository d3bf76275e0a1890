"""R-13.2: the county's units with the status of their declaration of the year, filtered by
status and year; another county's units are not there; one query for the list."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from progress.models import Application
from tests.factories import CountyFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def county_units(db):
    county = CountyFactory(code="360102", name="东湖区")
    units = {
        name: UnitFactory(code=f"36010290{n:02d}", name=name, county=county)
        for n, name in enumerate(("甲局", "乙局", "丙局", "丁局", "戊局"))
    }
    for name, status in (("乙局", "draft"), ("丙局", "submitted"), ("丁局", "approved")):
        Application.objects.create(
            unit=units[name], business_code="base_declaration", status=status, data={"year": YEAR}
        )
    Application.objects.create(  # withdrawn: as not declared
        unit=units["戊局"],
        business_code="base_declaration",
        status="withdrawn",
        data={"year": YEAR},
    )
    Application.objects.create(  # last year's: not this year's
        unit=units["甲局"], business_code="base_declaration", status="approved",
        data={"year": YEAR - 1},
    )  # fmt: skip
    UnitFactory(code="3607021001", name="九江某局", county=CountyFactory(code="360702"))
    staff = Client()
    staff.force_login(UserFactory(username="guitai_status", county=county))
    return staff


def names(html):
    return [name for name in ("甲局", "乙局", "丙局", "丁局", "戊局", "九江某局") if name in html]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", ["甲局", "乙局", "丙局", "丁局", "戊局"]),
        ("none", ["甲局", "戊局"]),
        ("saved", ["乙局"]),
        ("submitted", ["丙局"]),
        ("approved", ["丁局"]),
    ],
)
def test_r13_2_units_of_the_county_by_declaration_status(county_units, status, expected):
    html = county_units.get(f"/backoffice/declarations/?status={status}").content.decode()
    assert names(html.split("<tbody>")[1]) == expected


def test_r13_2_words_and_another_year(county_units):
    html = county_units.get("/backoffice/declarations/").content.decode()
    body = html.split("<tbody>")[1]
    assert "未申报" in body and "已暂存" in body and "已提交" in body and "已核定" in body
    last_year = county_units.get(f"/backoffice/declarations/?year={YEAR - 1}&status=approved")
    assert names(last_year.content.decode().split("<tbody>")[1]) == ["甲局"]
    odd = county_units.get("/backoffice/declarations/?year=２０２６&status=x")
    assert odd.status_code == 200


def test_r13_2_one_query_for_the_list(county_units):
    url = "/backoffice/declarations/"
    county_units.get(url)
    with CaptureQueriesContext(connection) as few:
        county_units.get(url)
    county = UnitFactory._meta.model.objects.first().county
    for n in range(20):
        UnitFactory(code=f"36010291{n:02d}", county=county)
    with CaptureQueriesContext(connection) as many:
        county_units.get(url)
    assert len(many) == len(few)
