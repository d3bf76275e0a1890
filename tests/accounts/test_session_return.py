"""Issue 15: after the session ends the user is brought back, after login, to the page they
were on; 继续使用 on the timeout notice keeps the session alive."""

import pytest

from tests.accounts.conftest import PASSWORD
from tests.accounts.test_login import LOGIN, logged_in_user_id, text

pytestmark = pytest.mark.django_db


def log_in_with_next(client, locmem_push, next_page):
    client.post(
        LOGIN,
        {"unit_code": "3699199555", "password": PASSWORD, "action": "send_code", "next": next_page},
    )
    return client.post(
        LOGIN,
        {
            "unit_code": "3699199555",
            "code": locmem_push.outbox[-1].code,
            "action": "login",
            "next": next_page,
        },
    )


def test_r15_a_page_asked_for_without_login_comes_back_after_login(
    client, unit_account, locmem_push
):
    response = client.get("/roster/active/?name=%E5%BC%A0&page=2")
    assert response.status_code == 302
    assert (
        response.url == "/accounts/login/?next=/roster/active/%3Fname%3D%25E5%25BC%25A0%26page%3D2"
    )
    page = text(client.get(response.url))
    assert (
        '<input type="hidden" name="next" value="/roster/active/?name=%E5%BC%A0&amp;page=2">'
        in page
    )
    assert "登录后将回到您刚才所在的页面" in page
    response = log_in_with_next(client, locmem_push, "/roster/active/?name=%E5%BC%A0&page=2")
    assert response.url == "/roster/active/?name=%E5%BC%A0&page=2"
    assert logged_in_user_id(client) == str(unit_account.pk)


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/accounts/login/?next=/", "javascript:alert(1)"],
)
def test_r15_only_a_page_of_this_site_is_a_way_back(client, unit_account, locmem_push, target):
    assert 'name="next"' not in text(client.get(LOGIN, {"next": target}))
    assert log_in_with_next(client, locmem_push, target).url == "/"


def test_r15_a_form_sent_after_the_session_ended_comes_back_to_its_page(client, unit_account):
    response = client.post(
        "/progress/1/withdraw/", HTTP_REFERER="http://testserver/progress/1/?tab=files"
    )
    assert response.url == "/accounts/login/?next=/progress/1/%3Ftab%3Dfiles"
    foreign = client.post("/progress/1/withdraw/", HTTP_REFERER="https://evil.example/x")
    assert foreign.url == "/accounts/login/?next=/"


def test_r15_staff_come_back_to_the_page_a_form_was_sent_from(client):
    response = client.post(
        "/backoffice/reviews/5/approve/", HTTP_REFERER="http://testserver/backoffice/reviews/5/"
    )
    assert response.url == "/backoffice/login/?next=%2Fbackoffice%2Freviews%2F5%2F"
    assert (
        client.get("/backoffice/reviews/5/").url
        == "/backoffice/login/?next=%2Fbackoffice%2Freviews%2F5%2F"
    )


def test_r15_continue_keeps_the_session_alive(client, unit_account):
    assert client.get("/accounts/session/").url.startswith("/accounts/login/")
    client.force_login(unit_account)
    session = client.session
    session["refreshed_at"] = 0
    session.save()
    response = client.get("/accounts/session/")
    assert response.status_code == 204
    assert client.session["refreshed_at"] > 0


def test_r15_logged_in_pages_carry_the_timeout_notice(client, unit_account, settings):
    settings.SESSION_COOKIE_AGE = 1800
    assert 'id="session-timeout"' not in text(client.get(LOGIN))
    client.force_login(unit_account)
    html = text(client.get("/"))
    assert 'data-seconds="1800"' in html and 'data-keepalive="/accounts/session/"' in html
    assert 'data-login="/accounts/login/"' in html and "js/session-timeout.js" in html
