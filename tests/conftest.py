import pytest


def pytest_configure(config):
    from django.conf import settings

    # Hashing strength is not under test; a cheap hasher keeps the suite quick, also for data
    # made by module- and session-scoped fixtures.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO_DATA_ALLOWED = True


@pytest.fixture(autouse=True)
def _demo_data_allowed(settings):
    settings.DEMO_DATA_ALLOWED = True
