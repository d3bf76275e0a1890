"""Issue 16 with the real task engine: a Celery worker process and the Redis broker. An approval
is queued after commit, the worker pushes it to the stand-in app over the database, once; a
delivery of the same task again sends nothing more. PostgreSQL only: the worker must reach the
test database from its own process."""

import subprocess
import sys
import time

import pytest
from django.db import connection

from appcenter.models import AppUser, Message
from portal.celery import app as celery_app
from progress import services
from progress.models import Notice
from tests.progress.conftest import make_case
from tests.progress.test_references import submit
from tests.storage.hosts import ROOT, database_url, production_environment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a worker process needs PostgreSQL"
    ),
]
BROKER = "redis://127.0.0.1:6379/12"  # this test's own database: flushed before and after


def wait_for(condition, *, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not get there in time")


def forget_connections():
    """Connections the app made for the broker it had are closed: the next uses this one."""
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    import redis

    client = redis.Redis.from_url(BROKER)
    client.flushdb()
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.update(broker_url=BROKER, task_always_eager=False)
    forget_connections()
    yield
    celery_app.conf.update(broker_url=previous[0], task_always_eager=previous[1])
    forget_connections()
    client.flushdb()
    client.close()


@pytest.fixture
def worker(broker):
    environment = production_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        CELERY_BROKER_URL=BROKER,
        DEBUG="True",
        ALLOWED_HOSTS="127.0.0.1",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_r16_a_real_worker_pushes_an_approval_once(unit, staff, media, worker):
    from progress.tasks import push_notice

    AppUser.objects.create(
        id_number=unit.agent.id_number, name=unit.agent.name, phone=unit.agent.phone
    )
    case = submit(make_case(unit, person_name="王芳"))
    services.application_approve(application=case, by=staff, version=case.version)
    notice = Notice.objects.get(application=case, kind="approved")
    try:
        wait_for(lambda: Notice.objects.get(pk=notice.pk).push == "sent")
    except AssertionError:
        worker.terminate()
        raise AssertionError(worker.stdout.read().decode()[-3000:]) from None
    [message] = Message.objects.filter(app_user__id_number=unit.agent.id_number)
    assert message.key == f"notice-{notice.pk}" and "已审核通过" in message.body
    push_notice.delay(notice.pk)  # the broker delivers it again
    time.sleep(2)
    assert Message.objects.count() == 1
    assert worker.poll() is None
