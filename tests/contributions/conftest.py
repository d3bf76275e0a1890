from tests.roster.conftest import agent_client, other_unit, unit  # noqa: F401 (fixtures)
