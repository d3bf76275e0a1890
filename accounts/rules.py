"""Account rules (pure functions)."""

from portal.identity import normalise_resident_id


def initial_password(agent_id_number: str) -> str:
    """R-5.3: the last six characters of the agent's ID number, a final x written as capital X."""
    return normalise_resident_id(agent_id_number)[-6:]


def staff_login_key(username: str) -> str:
    """The name the throttle counts a back-office login's failures under."""
    return f"staff:{username.strip()}"


def admin_login_key(username: str) -> str:
    """The name the throttle counts a Django admin login's failures under."""
    return f"admin:{username.strip()}"


def login_key(user) -> str:
    """The name the throttle counts a user's login failures under: counter staff log in at the
    back office, administrators at Django admin, unit accounts at the portal's login."""
    if user.county_id:
        return staff_login_key(user.username)
    return admin_login_key(user.username) if user.unit_id is None else user.username
