"""Issue 14, several app hosts: two gunicorn hosts with production settings over one PostgreSQL,
one Redis and one S3 bucket. An agent logs in across them, fills a 在职人员增加 on both, uploads
on one and downloads on the other; the county's counter staff review it on the second."""

import re
import socket

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from appcenter.models import AppUser
from portal.identity import resident_id_with_check_digit
from progress.models import Application, Attachment
from tests.enrollment.test_addition import registration_data
from tests.progress.conftest import ensure_material_types, pdf_bytes
from tests.storage.conftest import PREFIX
from tests.storage.hosts import (
    SITE,
    Browser,
    collect_static,
    database_url,
    production_environment,
    start_hosts,
    stop_hosts,
)

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # this test's own: flushed before and after


def _redis_reachable() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the hosts share the test database: SQLite's is in this process's memory",
    ),
    pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),  # committed: the hosts see what the test made
]
AGENT_ID = resident_id_with_check_digit("36010219850309002")
AGENT_PHONE = "13945458823"
PASSWORD = "Ganjiang2026"
NEW_ID = resident_id_with_check_digit("36010219980315011")  # born 1998-03-15, male


def password_hash(password: str) -> str:
    """A hash the hosts can check (this process hashes with MD5 for speed, which they lack)."""
    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt(), iterations=1000)


@pytest.fixture
def people():
    """东湖区's 教育体育局, its agent registered in the app, and the county's counter clerk."""
    import importlib

    from django.apps import apps

    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory

    ensure_material_types()
    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=county)
    agent = AgentFactory(unit=unit, name="赵云雪", id_number=AGENT_ID, phone=AGENT_PHONE)
    account = unit_account_open(unit=unit, agent=agent)
    account.password = password_hash(PASSWORD)
    account.must_change_password = False
    account.save()
    AppUser.objects.create(id_number=AGENT_ID, name="赵云雪", phone=AGENT_PHONE)
    clerk = UserFactory(username="guitai_donghu", county=county)
    clerk.password = password_hash(PASSWORD)
    clerk.save()
    return unit


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collect_static(root, production_environment())
    return root


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis(*REDIS, db=REDIS_DB)
    client.flushdb()
    yield f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
    client.flushdb()
    client.close()


@pytest.fixture
def hosts(transactional_db, bucket, static_root, redis_url, tmp_path):
    """Hosts A and B; stopped before the test database is flushed."""
    environment = production_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        CACHE_URL=redis_url,
        STATIC_ROOT=str(static_root),
        **bucket.environment(),
    )
    started = start_hosts(["A", "B"], environment=environment, logs=tmp_path)
    yield started
    stop_hosts(started)


def version_on(response) -> str:
    return re.search(r'name="version" value="(\d+)"', response.text).group(1)


def code_in_the_app(host) -> str:
    """The agent reads the pushed code in the app (the stand-in's JSON API)."""
    import requests

    headers = {"Host": SITE, "X-Forwarded-Proto": "https"}
    token = requests.post(
        f"{host.url}/app-api/v1/login",
        json={"id_number": AGENT_ID, "phone": AGENT_PHONE},
        headers=headers,
        timeout=10,
    ).json()["token"]
    messages = requests.get(
        f"{host.url}/app-api/v1/messages",
        headers={**headers, "Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()["messages"]
    return messages[0]["code"]


def test_login_on_one_host_draft_and_files_across_both_review_on_the_second(hosts, people, bucket):
    a, b = hosts
    agent = Browser()

    # 获取验证码 on A checks the password; on B the code alone completes the login: the
    # checked password is known there only through the shared session.
    agent.get(a, "/accounts/login/")
    sent = agent.post(a, "/accounts/login/", {"unit_code": "3601021001", "password": PASSWORD})
    assert sent.status_code == 200 and "赵*" in sent.text
    code = code_in_the_app(b)
    logged_in = agent.post(b, "/accounts/login/", {"unit_code": "3601021001", "code": code})
    assert logged_in.status_code == 302 and logged_in.headers["Location"] == "/"
    assert "南昌市东湖区教育体育局" in agent.get(a, "/").text  # the session, on the other host

    # The draft: started on A, its details saved on B.
    started = agent.post(
        a, "/enrollment/add/", {"id_type": "resident_id", "id_number": NEW_ID, "name": "孙新人"}
    )
    case = Application.objects.get(business_code="staff_addition")
    details = f"/progress/{case.pk}/details/"
    assert started.headers["Location"] == details
    saved = agent.post(b, details, registration_data(version=version_on(agent.get(b, details))))
    assert saved.headers["Location"] == f"/progress/{case.pk}/materials/"

    # The documents: uploaded on A, in the bucket, downloaded on B.
    materials = f"/progress/{case.pk}/materials/"
    for material, name in (("id_card", "身份证.pdf"), ("hiring_approval", "录用审批.pdf")):
        agent.get(a, materials)
        uploaded = agent.post(
            a,
            materials,
            {"material": material},
            files={"file": (name, pdf_bytes(), "application/pdf")},
        )
        assert uploaded.status_code == 302, uploaded.text
    attachments = list(Attachment.objects.filter(application=case).order_by("id"))
    assert bucket.keys() == sorted(f"{PREFIX}/{file.stored_name}" for file in attachments)
    download = agent.get(b, f"/progress/{case.pk}/files/{attachments[0].pk}/?download=1")
    assert download.status_code == 200 and download.content == pdf_bytes()
    submitted = agent.post(
        b, f"/progress/{case.pk}/submit/", {"version": version_on(agent.get(b, materials))}
    )
    assert submitted.headers["Location"] == "/progress/in-progress/"

    # The county's clerk logs in on B, opens the case, reads a document and approves it on A.
    clerk = Browser()
    clerk.get(b, "/backoffice/login/")
    login = {"username": "guitai_donghu", "password": PASSWORD}
    assert clerk.post(b, "/backoffice/login/", login).status_code == 302
    review = clerk.get(b, f"/backoffice/reviews/{case.pk}/")
    assert review.status_code == 200 and "身份证.pdf" in review.text
    document = clerk.get(b, f"/backoffice/reviews/{case.pk}/files/{attachments[1].pk}/")
    assert document.status_code == 200 and document.content == pdf_bytes()
    approved = clerk.post(
        a, f"/backoffice/reviews/{case.pk}/approve/", {"version": version_on(review)}
    )
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.status == "approved" and case.person.id_number == NEW_ID
    assert "孙新人" in agent.get(b, "/roster/active/").text
