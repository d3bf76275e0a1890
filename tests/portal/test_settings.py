"""Settings from the environment (DESIGN §2), checked in fresh processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "k3Jv9-prod-7Qw2zX8mN4bT6yR1uE5oP0aS-dF3gH7jK9lZ2xC4vB6nM8qW1eR3tY5u",
    "ALLOWED_HOSTS": "portal.example.cn",
    "DATABASE_URL": "postgres://portal:secret@db.example.cn:5432/portal",
    "CACHE_URL": "redis://cache.example.cn:6379/0",
}


def clean_env(**environment: str) -> dict[str, str]:
    """This process's environment without the settings under test (and without the browser
    tests' DJANGO_ALLOW_ASYNC_UNSAFE), plus `environment`."""
    ours = {
        "DATABASE_URL",
        "CACHE_URL",
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {key: value for key, value in os.environ.items() if key not in ours}
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings")
    return env


def run(code: str, **environment: str) -> str:
    env = clean_env(**environment)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


SHOW = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "name": str(db["NAME"]), "options": db.get("OPTIONS", {}),
  "conn_max_age": db.get("CONN_MAX_AGE"), "cache": settings.CACHES["default"]["BACKEND"],
  "debug": settings.DEBUG, "language": settings.LANGUAGE_CODE, "tz": settings.TIME_ZONE,
  "use_tz": settings.USE_TZ, "user": settings.AUTH_USER_MODEL}))
"""


def test_no_environment_gives_sqlite_and_database_cache_under_var():
    shown = json.loads(run(SHOW))
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"].endswith("var/db.sqlite3")
    assert shown["options"]["transaction_mode"] == "IMMEDIATE"
    assert shown["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert shown["language"] == "zh-hans" and shown["tz"] == "Asia/Shanghai" and shown["use_tz"]
    assert shown["user"] == "accounts.User"


def test_development_secret_key_is_kept_between_starts():
    first = run("from django.conf import settings; print(settings.SECRET_KEY)")
    second = run("from django.conf import settings; print(settings.SECRET_KEY)")
    assert first == second and len(first.strip()) >= 50
    assert (ROOT / "var" / "secret_key").exists()


def test_database_and_cache_urls_switch_to_postgresql_pool_and_redis():
    shown = json.loads(run(SHOW, **PRODUCTION))
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["options"]["pool"]["max_size"] >= 1
    assert shown["conn_max_age"] == 0
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["debug"] is False


def test_production_settings_pass_the_deploy_check():
    env = clean_env(**PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_refuses_to_start():
    env = clean_env(DEBUG="False")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_passwords_are_hashed_with_argon2():
    hashers = run("from django.conf import settings; print(settings.PASSWORD_HASHERS[0])")
    assert hashers.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hashed = run(
        "import django; django.setup()\n"
        "from django.contrib.auth.hashers import make_password\n"
        "print(make_password('Ganjiang2026'))"
    )
    assert hashed.startswith("argon2$")


def test_a_secret_key_alone_means_production_defaults():
    shown = run(
        "from django.conf import settings as s\n"
        "print(s.DEBUG, ','.join(s.TRUSTED_PROXIES), s.APPCENTER_ENABLED, s.DEMO_DATA_ALLOWED,"
        " s.PUSH_BACKEND)",
        SECRET_KEY=PRODUCTION["SECRET_KEY"],
        ALLOWED_HOSTS="portal.example.cn",
    )
    assert shown.split() == [
        "False",
        "127.0.0.1,::1",
        "False",
        "False",
        "accounts.push.http.HttpBackend",
    ]


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
        cwd=ROOT,
        env=clean_env(TRUSTED_PROXIES="10.0.0.0/8,nginx"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "TRUSTED_PROXIES: 'nginx'" in result.stderr


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_cache_url_redis_really_caches():
    code = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('jxsi-settings-test', '江西', 30)\n"
        "from django.core.cache import caches\n"
        "print(cache.get('jxsi-settings-test'), type(caches['default']).__name__)\n"
        "cache.delete('jxsi-settings-test')\n"
    )
    shown = run(code, CACHE_URL="redis://127.0.0.1:6379/15")
    assert shown.split() == ["江西", "RedisCache"]
