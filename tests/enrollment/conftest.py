import pytest

from tests.progress.conftest import ensure_material_types


@pytest.fixture(autouse=True)
def _materials(db):
    """Reference data from data migrations, which flushing tests remove."""
    import importlib

    from django.apps import apps

    ensure_material_types()
    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)


@pytest.fixture
def unit(db):
    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, UnitFactory

    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局")
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    return unit


@pytest.fixture
def agent_client(client, unit):
    client.force_login(unit.account)
    return client
