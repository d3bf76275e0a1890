"""Settings of the portal, read from the environment (and an optional `.env` file).

With no environment at all the portal runs as a self-contained demo: SQLite and a database cache
under `var/`, a development secret key kept in `var/`. Production sets DEBUG=False, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), CACHE_URL (Redis) and, on several app hosts, shared
file storage (FILE_STORAGE); see README.
"""

import ipaddress
import os
import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from portal import storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# With nothing configured the portal is the demo (DEBUG on). Configuring a SECRET_KEY means a
# real deployment: DEBUG is then off unless asked for, so a forgotten DEBUG=False is harmless.
DEBUG = env.bool("DEBUG", default="SECRET_KEY" not in env)


def _development_secret_key() -> str:
    """A random key kept in var/ so that sessions survive restarts of the demo."""
    VAR_DIR.mkdir(exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


if "SECRET_KEY" in env:
    SECRET_KEY = env.str("SECRET_KEY")
elif DEBUG:
    SECRET_KEY = _development_secret_key()
else:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is False.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",  # Django's admin, date filters bounded
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "portal",
    "accounts",
    "roster",
    "progress",
    "pension",
    "enrollment",
    "contributions",
    "backoffice",
    "appcenter",
    "demo",
]

MIDDLEWARE = [
    "portal.middleware.content_security_policy",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.refuse_nul_characters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.session_kept_alive",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a login unless its view says `login_not_required`.
    "accounts.middleware.LoginRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.password_change_required",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ie_edge_mode",
    "portal.middleware.private_pages_not_stored",
]

# Widgets render through the project's templates (templates/portal/widgets/).
FORM_RENDERER = "portal.renderers.PortalFormRenderer"  # <input> widgets without templates

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                "progress.context_processors.badges",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite under var/ by default; DATABASE_URL=postgres://… switches to PostgreSQL (psycopg 3) with
# Django's connection pool (pooling and CONN_MAX_AGE exclude each other).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_POOL", default=True
):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=2),
        "max_size": env.int("DATABASE_POOL_MAX", default=10),
        "timeout": 10,
    }
    # With a pool, Django passes `check=ConnectionPool.check_connection`: a connection that
    # PostgreSQL closed (a restart, a failover) is found and replaced when it is taken from the
    # pool, instead of failing the request that got it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every query of the portal is a short indexed one: JIT compilation (tens of ms) and
    # parallel workers (12–19 ms to start on two cores) only slow them down.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# The database cache by default (shared by every process of the demo); CACHE_URL=redis://… in
# production so that rate limits and sessions are shared by all app hosts.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://portal_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is gone fails fast (503 page) instead of holding every worker.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=2, socket_timeout=2)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Sessions end after 30 minutes without a request (DESIGN §5).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Kept alive by portal.middleware.session_kept_alive: saved at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Tasks outside the request (progress.tasks): Celery with the Redis broker in production; with
# no broker (the demo, the SQLite default) each task runs in the process, after commit.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# `celery -A portal beat`: 缴费核定 every night at 01:00 (contributions.tasks), so that a month
# is billed on its first day and an addition approved later, or back-dated, the night after.
CELERY_BEAT_SCHEDULE = {
    "bill-contributions": {
        "task": "contributions.tasks.bill_contributions",
        "schedule": crontab(minute=0, hour=1),
    }
}

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# 等保 2.0 (GB/T 22239-2019) asks for complex passwords: letters and digits, at least 8, not a
# common password, not like the user name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.UserAttributeSimilarity"},
    {
        "NAME": "accounts.validators.MinimumLength",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "accounts.validators.CommonPassword"},
    {"NAME": "accounts.validators.NumericPassword"},
    {"NAME": "accounts.validators.LettersAndDigitsValidator"},
]

# Verification codes pushed to the 江西人社 app (R-3, DESIGN §5).
OTP_PUSH_CODE_VALID_SECONDS = env.int("OTP_PUSH_CODE_VALID_SECONDS", default=5 * 60)
OTP_PUSH_RESEND_SECONDS = env.int("OTP_PUSH_RESEND_SECONDS", default=60)
# django-otp's exponential back-off after a wrong code: 1, 2, 4 … seconds.
OTP_PUSH_THROTTLE_FACTOR = env.int("OTP_PUSH_THROTTLE_FACTOR", default=1)
# Failed passwords and codes: after this many the account (or client address) waits.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=20)  # offices share one NAT
# An account over all addresses (accounts/throttle.py): the backstop against spread guessing.
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=30)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=5 * 60)
# How long a checked password waits for its code (only the user id is kept meanwhile).
LOGIN_CHALLENGE_SECONDS = env.int("LOGIN_CHALLENGE_SECONDS", default=10 * 60)
# The proxies in front of the app whose X-Forwarded-For is believed, as addresses or networks
# (`10.0.0.0/8`). Production runs behind nginx on the same host by default (README); a client
# that reaches the app from anywhere else cannot name its own address in the header.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[] if DEBUG else ["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network"
        ) from None

# Counter staff: a confirmed TOTP device is always asked for; this makes one required for all.
BACKOFFICE_REQUIRE_OTP = env.bool("BACKOFFICE_REQUIRE_OTP", default=False)
OTP_TOTP_ISSUER = "江西省社会保险线上服务大厅"

# Push gateway (accounts/push): appcenter (the stand-in), http (the real platform), locmem.
PUSH_BACKEND = env.str(
    "PUSH_BACKEND",
    default="accounts.push.appcenter.AppCenterBackend"
    if DEBUG
    else "accounts.push.http.HttpBackend",
)
PUSH_HTTP_URL = env.str("PUSH_HTTP_URL", default="")
PUSH_HTTP_SECRET = env.str("PUSH_HTTP_SECRET", default="")
PUSH_HTTP_TIMEOUT = env.float("PUSH_HTTP_TIMEOUT", default=3.0)

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]  # dates YYYY-MM-DD
TIME_ZONE = "Asia/Shanghai"
CELERY_TIMEZONE = TIME_ZONE  # the beat schedule's hours
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
if DEBUG:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing

# --- Files: uploads and certificate PDFs (portal/storage.py) ----------------------------------
# FILE_STORAGE=local keeps them under MEDIA_ROOT; on several app hosts that is a shared NAS
# mount, the same on every host. FILE_STORAGE=s3 keeps them in a bucket of S3-compatible
# object storage (Huawei OBS, Aliyun OSS, MinIO); the bucket must not be public.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
FILE_STORAGE = env.str("FILE_STORAGE", default="local")
if FILE_STORAGE == "local":
    _file_storage = storage.LOCAL
elif FILE_STORAGE == "s3":
    # auto: botocore's choice, host/bucket/… with an endpoint URL (MinIO); virtual:
    # bucket.host/…, which Aliyun OSS requires.
    _addressing = env.str("S3_ADDRESSING_STYLE", default="auto")
    if not env.str("S3_BUCKET", default=""):
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs S3_BUCKET.")
    if _addressing not in storage.ADDRESSING_STYLES:
        raise ImproperlyConfigured("S3_ADDRESSING_STYLE is auto, path or virtual.")
    _file_storage = storage.s3_storage(
        bucket=env.str("S3_BUCKET"),
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),  # the service's; none for AWS
        region=env.str("S3_REGION", default=""),
        access_key_id=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_access_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        prefix=env.str("S3_PREFIX", default=""),  # the portal's folder in a shared bucket
        addressing_style=_addressing,
    )
else:
    raise ImproperlyConfigured(f"FILE_STORAGE is local or s3, not {FILE_STORAGE!r}.")
STORAGES = {
    "default": _file_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "filters": {"outage_once": {"()": "portal.unavailable.OutageNotLoggedTwice"}},
    "loggers": {
        "django.request": {"filters": ["outage_once"]},
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},  # its INFO lines narrate every render
    },
}

# --- Portal -----------------------------------------------------------------------------------
# `seed_demo` loads fictional data only where this is on (the demo and the tests).
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=DEBUG)
# The stand-in for the 江西人社 app (/app/, /app-api/v1/): on for the demo, off in production.
APPCENTER_ENABLED = env.bool("APPCENTER_ENABLED", default=DEBUG)
# How the stand-in checks a registration against the county hall's agent records.
APPCENTER_IDENTITY_CHECK = "accounts.selectors.agent_identity_matches"

# The (fictional) agency named on certificates and in their seal.
CERTIFICATE_ISSUER = env.str("CERTIFICATE_ISSUER", default="江西省机关事业单位养老保险经办中心")
# Public certificate checks per client address and 10 minutes.
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)

# Uploaded documents of cases: PDF, JPEG or PNG by content.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
ATTACHMENT_MAX_PER_CASE = env.int("ATTACHMENT_MAX_PER_CASE", default=20)
# Larger images are refused before decoding (a 10 MB PNG could otherwise expand to gigabytes);
# 30 megapixels is a 600 dpi A4 scan.
ATTACHMENT_MAX_PIXELS = env.int("ATTACHMENT_MAX_PIXELS", default=30_000_000)

# Staff changes may be dated back this many months (在职人员增加/减少).
ENROLLMENT_BACKDATE_MONTHS = env.int("ENROLLMENT_BACKDATE_MONTHS", default=3)

# A pension claim may start at most this many months before the earliest retirement month.
PENSION_CLAIM_WINDOW_MONTHS = env.int("PENSION_CLAIM_WINDOW_MONTHS", default=3)
