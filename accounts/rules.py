"""Account rules (pure functions)."""

from portal.identity import normalise_resident_id


def initial_password(agent_id_number: str) -> str:
    """R-5.3: the last six characters of the agent's ID number, a final x written as capital X."""
    return normalise_resident_id(agent_id_number)[-6:]
