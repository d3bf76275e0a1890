"""The 江西人社 app stand-in: registration only for true agent records (R-2.2, R-3.2), its JSON
API, the phone page, and the push backend that delivers into it."""

import json

import pytest

from accounts import push
from appcenter.models import AppUser, Message
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return AgentFactory(name="张三", phone="13800138000")


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def test_r2_2_register_matching_an_agent_record_gives_a_token(client, agent):
    response = post_json(
        client,
        "/app-api/v1/register",
        {"id_number": agent.id_number, "name": "张三", "phone": "13800138000"},
    )
    assert response.status_code == 201 and response.json()["token"]
    assert AppUser.objects.filter(id_number=agent.id_number).exists()


@pytest.mark.parametrize(
    "field,value", [("name", "张四"), ("phone", "13800138001"), ("id_number", "360426199101010071")]
)
def test_r2_2_register_with_data_not_matching_is_refused_in_chinese(client, agent, field, value):
    data = {"id_number": agent.id_number, "name": "张三", "phone": "13800138000", field: value}
    response = post_json(client, "/app-api/v1/register", data)
    assert response.status_code == 400
    assert "注册失败" in response.json()["error"]
    assert not AppUser.objects.exists()


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"id_number": ""}'])
def test_bad_request_bodies_get_a_400(client, body):
    response = client.post("/app-api/v1/register", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_login_and_messages_newest_first(client, agent):
    AppUser.objects.create(id_number=agent.id_number, name="张三", phone="13800138000")
    push.get_backend()  # the default backend is the stand-in
    push.send(id_number=agent.id_number, title="第一条", body="正文", code="111111")
    push.send(id_number=agent.id_number, title="第二条", body="正文", code="222222")
    assert (
        post_json(
            client, "/app-api/v1/login", {"id_number": agent.id_number, "phone": "13900000000"}
        ).status_code
        == 400
    )
    token = post_json(
        client, "/app-api/v1/login", {"id_number": agent.id_number, "phone": "13800138000"}
    ).json()["token"]
    response = client.get("/app-api/v1/messages", HTTP_AUTHORIZATION=f"Bearer {token}")
    messages = response.json()["messages"]
    assert [m["code"] for m in messages] == ["222222", "111111"]
    assert set(messages[0]) == {"id", "title", "body", "code", "created_at"}


def test_messages_need_a_valid_token(client):
    assert client.get("/app-api/v1/messages").status_code == 401
    assert client.get("/app-api/v1/messages", HTTP_AUTHORIZATION="Bearer forged").status_code == 401


def test_r3_2_pushing_to_an_unregistered_person_raises(agent):
    with pytest.raises(push.NotRegistered):
        push.send(id_number=agent.id_number, title="t", body="b", code="123456")
    assert not Message.objects.exists()


def test_phone_page_shows_the_code_large_after_login(client, agent):
    AppUser.objects.create(id_number=agent.id_number, name="张三", phone="13800138000")
    push.send(id_number=agent.id_number, title="线上服务大厅验证码", body="正文", code="654321")
    html = client.get("/app/").content.decode()
    assert "消息中心" not in html and 'name="id_number"' in html
    client.post("/app/", {"id_number": agent.id_number, "phone": "13800138000"})
    html = client.get("/app/").content.decode()
    assert "消息中心" in html and "data-code>654321<" in html


def test_phone_page_registration(client, agent):
    response = client.post(
        "/app/register/", {"id_number": agent.id_number, "name": "张三", "phone": "13800138000"}
    )
    assert response.status_code == 302
    assert AppUser.objects.filter(id_number=agent.id_number).exists()
    html = client.post(
        "/app/register/", {"id_number": agent.id_number, "name": "王五", "phone": "13800138000"}
    ).content.decode()
    assert "注册失败" in html


def test_switched_off_the_stand_in_is_gone(client, settings, agent):
    settings.APPCENTER_ENABLED = False
    assert client.get("/app/").status_code == 404
    assert post_json(client, "/app-api/v1/register", {}).status_code == 404
    with pytest.raises(push.DeliveryFailed):
        push.send(id_number=agent.id_number, title="t", body="b", code="123456")


def test_production_settings_switch_the_stand_in_off():
    from tests.portal.test_settings import PRODUCTION, run

    assert (
        run(
            "from django.conf import settings; print(settings.APPCENTER_ENABLED)", **PRODUCTION
        ).strip()
        == "False"
    )


def test_r2_2_a_registration_that_no_longer_matches_the_agent_gets_no_codes(agent):
    AppUser.objects.create(id_number=agent.id_number, name="张三", phone="13800138000")
    push.send(id_number=agent.id_number, title="t", body="b", code="111111")
    agent.phone = "13900139000"  # the county hall recorded a new phone
    agent.save()
    with pytest.raises(push.NotRegistered):
        push.send(id_number=agent.id_number, title="t", body="b", code="222222")
    assert Message.objects.count() == 1
