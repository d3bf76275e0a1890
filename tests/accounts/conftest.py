import datetime

import pytest

from accounts.push import locmem
from accounts.services import unit_account_open
from tests.factories import AgentFactory, UnitFactory, resident_id

# An agent ID whose check character is X (R-5.3: the initial password ends in capital X).
AGENT_ID_WITH_X = resident_id(county="360102", birth=datetime.date(1980, 5, 17), sequence=9)
PASSWORD = "Jiangxi2026"


@pytest.fixture(autouse=True)
def locmem_push(settings):
    settings.PUSH_BACKEND = "accounts.push.locmem.LocmemBackend"
    locmem.outbox.clear()
    locmem.unregistered.clear()
    yield locmem
    locmem.outbox.clear()
    locmem.unregistered.clear()


@pytest.fixture
def clean_cache(db):
    """Failure counters live in the shared (database) cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit_account(db, clean_cache):
    """A unit with a 10-digit code, its agent, and its online account with a chosen password."""
    unit = UnitFactory(code="3699199555", name="江西省测试厅")
    agent = AgentFactory(unit=unit, name="张三", id_number=AGENT_ID_WITH_X, phone="13800138000")
    user = unit_account_open(unit=unit, agent=agent)
    user.set_password(PASSWORD)
    user.must_change_password = False
    user.save()
    return user


@pytest.fixture
def other_account(db, clean_cache):
    unit = UnitFactory(code="369900181666", name="江西省另一厅")
    agent = AgentFactory(
        unit=unit, name="李四", id_number=resident_id(sequence=321), phone="13900139000"
    )
    user = unit_account_open(unit=unit, agent=agent)
    user.set_password(PASSWORD)
    user.must_change_password = False
    user.save()
    return user
