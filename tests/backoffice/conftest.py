import datetime

import pytest

from accounts.push import locmem
from tests.factories import CountyFactory, UnitFactory, UserFactory, resident_id

NEW_AGENT_ID = resident_id(county="360102", birth=datetime.date(1986, 2, 14), sequence=77)
OTHER_AGENT_ID = resident_id(county="360102", birth=datetime.date(1990, 9, 3), sequence=42)


@pytest.fixture(autouse=True)
def locmem_push(settings):
    settings.PUSH_BACKEND = "accounts.push.locmem.LocmemBackend"
    locmem.outbox.clear()
    locmem.unregistered.clear()
    yield locmem
    locmem.outbox.clear()


@pytest.fixture
def donghu(db):
    return CountyFactory(code="360102", name="东湖区", city="南昌市")


@pytest.fixture
def zhanggong(db):
    return CountyFactory(code="360702", name="章贡区", city="赣州市")


@pytest.fixture
def staff(donghu):
    return UserFactory(
        username="guitai_donghu", county=donghu, first_name="东湖区", last_name="柜台"
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def unit(donghu):
    return UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=donghu)


@pytest.fixture
def foreign_unit(zhanggong):
    return UnitFactory(code="360702100212", name="赣州市章贡区疾病预防控制中心", county=zhanggong)


def agent_data(**overrides):
    data = {
        "name": "王芳",
        "id_number": NEW_AGENT_ID,
        "email": "wangfang@example.cn",
        "phone": "13970001234",
    }
    data.update(overrides)
    return data
