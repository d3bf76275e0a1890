"""The home page, the health check and what every response carries."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_is_chinese_with_title_login_and_nav(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "江西省社会保险线上服务大厅" in html
    assert "登录" in html
    for label in ("首页", "办理中", "办结"):
        assert label in html


def test_home_page_lists_the_services_of_r1_4_and_r6(client):
    html = client.get("/").content.decode()
    for title in (
        "养老金申报",
        "在职人员增加",
        "在职人员减少",
        "单位基本信息查询",
        "在职花名册查询",
        "退休花名册查询",
        "单位参保证明打印",
        "个人参保证明打印",
    ):
        assert title in html


def test_every_service_tile_links_to_its_page(client):
    html = client.get("/").content.decode()
    assert "即将开通" not in html
    assert 'href="/pension/"' in html


def test_a_service_without_a_page_is_marked_not_open():
    from portal.tiles import Tile

    assert Tile("养老金申报", "", "pension:start", "pension").url == "/pension/"
    assert Tile("未上线", "", "no_such:page", "x").url is None


def test_logged_in_user_sees_the_unit_in_the_avatar_menu(client):
    unit = UnitFactory(name="南昌市东湖区教育体育局")
    client.force_login(UserFactory(username="360102100100", unit=unit))
    html = client.get("/").content.decode()
    assert "南昌市东湖区教育体育局" in html
    assert "data-user-menu" in html


def test_pages_ask_ie11_for_edge_mode(client):
    response = client.get("/")
    assert response.headers["X-UA-Compatible"] == "IE=edge"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("portal.unavailable.connection.cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.content.startswith(b"database")


def test_healthz_refuses_writes(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_home_page_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/")


def test_demo_pages_say_the_data_is_fictional(client, settings):
    settings.DEMO_DATA_ALLOWED = True
    assert "均为虚构" in client.get("/").content.decode()
    settings.DEMO_DATA_ALLOWED = False
    assert "均为虚构" not in client.get("/").content.decode()


def test_r1_3_dates_are_shown_as_yyyy_mm_dd():
    import datetime

    from django.template import Context, Template

    rendered = Template("{{ day|date }} {{ moment }}").render(
        Context(
            {
                "day": datetime.date(2024, 5, 7),
                "moment": datetime.datetime(2024, 5, 7, 9, 30, tzinfo=datetime.UTC),
            }
        )
    )
    assert rendered == "2024-05-07 2024-05-07 17:30"


def test_the_tiles_are_rendered_once_per_language_and_url_configuration(client, settings):
    from portal import views

    settings.DEBUG = False
    views._tiles_once.cache_clear()
    first = client.get("/").content.decode()
    second = client.get("/").content.decode()
    assert views._tiles_once.cache_info().hits == 1 and first == second
    assert 'href="/pension/"' in second and "养老金申领" in second
    settings.ROOT_URLCONF = "tests.portal.urls_without_pension"
    other = client.get("/").content.decode()
    assert views._tiles_once.cache_info().misses == 2
    assert 'href="/pension/"' not in other and "即将开通" in other
