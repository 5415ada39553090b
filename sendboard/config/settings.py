"""sendboard settings, read from environment variables with safe defaults.

Insecure options are off unless SENDBOARD_DEBUG is set; see .env.example for every variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("SENDBOARD_DEBUG", False)

SECRET_KEY = os.environ.get("SENDBOARD_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SENDBOARD_SECRET_KEY must be set when SENDBOARD_DEBUG is off")
    SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdefghijklmnop"

ALLOWED_HOSTS = env_list("SENDBOARD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SENDBOARD_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "health_check",
    "sendboard.core",
    # Background jobs in the database (ADR 0105). After sendboard.core, whose `db_worker` (the library's worker,
    # with abandoned jobs found and retried) takes the place of the library's own.
    "django_tasks",
    "django_tasks_db",
    "sendboard.accounts",
    "sendboard.audit",
    "sendboard.plans",
    "sendboard.casework",
    # A child's documents and letters, partners' advice through sendboard, reminders by e-mail (issue 15).
    "sendboard.documents",
    "sendboard.returns",
    # After returns, whose demo loader loads the register: the advice demo asks partners about its children.
    "sendboard.advice",
    # After advice, whose demo requests the demo's reminders are about.
    "sendboard.reminders",
    "sendboard.localoffer",
    "sendboard.statistics",
    "sendboard.extracts",
    "sendboard.tracking",
    "sendboard.outcomes",
    # Last: its loader runs every other app's demo content after the area itself.
    "sendboard.demo",
]

MIDDLEWARE = [
    # First: every response, refusals included, carries the request id its log lines carry (ADR 0141).
    "sendboard.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every audit event reads the request's path and client address from here (ADR 0112).
    "sendboard.core.middleware.AuditContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Pages shown to a signed-in user are never stored by a browser or proxy (ADR 0063).
    "sendboard.core.middleware.SignedInPagesNotStoredMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every view declares who may see it; this middleware enforces the declaration (ADR 0003).
    "sendboard.accounts.access.AccessPolicyMiddleware",
    # Last, so that it sees every authentication attempt the views make.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendboard.config.urls"
WSGI_APPLICATION = "sendboard.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "sendboard.core.jinja2.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "sendboard.core.context_processors.service",
            ],
        },
    },
    {
        # Django's own templates (password reset e-mail subject lines, form widgets) only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections (ADR 0167): opening a PostgreSQL connection costs more than most pages' queries.
        # Checked before reuse, so a connection the database closed is replaced rather than failing a request.
        conn_max_age=int(os.environ.get("SENDBOARD_DB_CONN_MAX_AGE") or "60"),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:start"

# Failed sign-ins (ADR 0062): django-axes locks out the pair of a username and the address it was tried from,
# so one person's mistakes lock neither the whole office behind a shared address nor the user elsewhere; and
# an address that fails with many usernames is held back as a whole once it reaches the higher address limit.
AXES_FAILURE_LIMIT = int(os.environ.get("SENDBOARD_SIGN_IN_FAILURE_LIMIT", "5"))
SENDBOARD_SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SENDBOARD_SIGN_IN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SENDBOARD_SIGN_IN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "sendboard.accounts.lockout.PairAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sendboard.accounts.views.locked_out"
AXES_VERBOSE = False
# How many proxies (load balancer, the council's reverse proxy) stand between users and sendboard; each adds
# the address it saw to X-Forwarded-For. 0: sendboard is reached directly and the connection's address counts.
SENDBOARD_PROXY_COUNT = int(os.environ.get("SENDBOARD_PROXY_COUNT", "0"))
if SENDBOARD_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        "SENDBOARD_PROXY_COUNT must be 0 (no proxy) or the number of proxies in front of sendboard"
    )
AXES_CLIENT_IP_CALLABLE = "sendboard.core.network.client_address"

# Every account signs in with a time-based one-time password as well as a password (ADR 0061).
# Only local development may turn this off.
SENDBOARD_OTP_REQUIRED = env_bool("SENDBOARD_OTP_REQUIRED", True)
if not SENDBOARD_OTP_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("SENDBOARD_OTP_REQUIRED can be turned off only when SENDBOARD_DEBUG is on")
OTP_TOTP_ISSUER = "sendboard"

SENDBOARD_PHASE = os.environ.get("SENDBOARD_PHASE", "Beta")

# How large a generated demo area `load_demo_area` builds: "county" (the demo area's real order of
# magnitude, for `make demo`) or "small" (a few dozen children, for the test suite).
SENDBOARD_DEMO_SCALE = os.environ.get("SENDBOARD_DEMO_SCALE", "county")
# The published statistics (comparators): the copies shipped in the repository unless a folder is named (ADR 0085).
SENDBOARD_PUBLISHED_DATA_DIR = Path(
    os.environ.get("SENDBOARD_PUBLISHED_DATA_DIR") or BASE_DIR / "sendboard/statistics/published"
)

# Background jobs (board packs, import jobs, the outcomes refresh) are tasks stored in the database and run by
# a worker process beside the web server, `manage.py db_worker` (ADR 0105). The test settings run them at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A job whose worker stopped mid-run (killed, crashed, the machine restarted) is found when a worker starts or takes
# its next job and run again, at most this many times in all before it is marked failed with a retry offered. The
# worker is known to have stopped at once when it ran on the same machine; after this many hours when on another.
SENDBOARD_JOBS_MAX_ATTEMPTS = int(os.environ.get("SENDBOARD_JOBS_MAX_ATTEMPTS", "3"))
SENDBOARD_JOBS_ABANDONED_AFTER_HOURS = int(os.environ.get("SENDBOARD_JOBS_ABANDONED_AFTER_HOURS", "6"))
# The installation's own folder for files it keeps (uploads waiting to load): created private (mode 0700), never
# shared with another installation on the machine.
SENDBOARD_DATA_DIR = Path(os.environ.get("SENDBOARD_DATA_DIR") or BASE_DIR / "data")
# Where uploaded files wait between preview and load (empty: `returns-uploads` in SENDBOARD_DATA_DIR),
# and how often an import job's page refreshes itself, in seconds.
SENDBOARD_RETURNS_UPLOAD_DIR = os.environ.get("SENDBOARD_RETURNS_UPLOAD_DIR", "")
SENDBOARD_JOB_REFRESH_SECONDS = int(os.environ.get("SENDBOARD_JOB_REFRESH_SECONDS", "2"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SENDBOARD_STATIC_ROOT", BASE_DIR / "build" / "collected-static"))
# Development and tests serve straight from the built files; production serves what collectstatic gathered.
WHITENOISE_USE_FINDERS = DEBUG
# Built by `make assets` from the pinned npm packages; never committed (ADR 0005).
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("SENDBOARD_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("SENDBOARD_MEDIA_ROOT", BASE_DIR / "media"))

# E-mail (password-reset links): SMTP, except in local development where messages are printed. A backend that
# writes messages to the log or to files would put working reset links in front of whoever reads them, so it is
# refused unless debugging is on.
EMAIL_BACKEND = os.environ.get("SENDBOARD_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_BACKENDS_WRITING_MESSAGES_OUT = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
if EMAIL_BACKEND in EMAIL_BACKENDS_WRITING_MESSAGES_OUT and not DEBUG:
    raise ImproperlyConfigured(
        f"SENDBOARD_EMAIL_BACKEND is {EMAIL_BACKEND}, which writes every e-mail, password-reset links included, "
        "to the server's log or disk: it can be used only when SENDBOARD_DEBUG is on. Set SENDBOARD_EMAIL_HOST "
        "(and the other SENDBOARD_EMAIL_ settings) to send through SMTP"
    )
EMAIL_HOST = os.environ.get("SENDBOARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SENDBOARD_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("SENDBOARD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SENDBOARD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SENDBOARD_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("SENDBOARD_FROM_EMAIL", "sendboard@localhost")

# How long an invitation's link to set a password works (ADR 0135).
SENDBOARD_INVITATION_DAYS = int(os.environ.get("SENDBOARD_INVITATION_DAYS", "7"))

# Reminders of statutory steps and the daily digest (ADR 0160). Links in them start with the site's address,
# since the daily command has no request to read it from. With a GOV.UK Notify API key they go through Notify
# (the two templates each hold ((subject)) as their subject and ((body)) as their message); without one, through
# the e-mail backend above.
SENDBOARD_SITE_URL = os.environ.get("SENDBOARD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SENDBOARD_NOTIFY_API_KEY = os.environ.get("SENDBOARD_NOTIFY_API_KEY", "")
SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID = os.environ.get("SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID", "")
SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID = os.environ.get("SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID", "")
if SENDBOARD_NOTIFY_API_KEY and not (SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID and SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID):
    raise ImproperlyConfigured(
        "SENDBOARD_NOTIFY_API_KEY is set: set SENDBOARD_NOTIFY_REMINDER_TEMPLATE_ID and "
        "SENDBOARD_NOTIFY_DIGEST_TEMPLATE_ID to the ids of the two GOV.UK Notify e-mail templates too"
    )

SESSION_COOKIE_AGE = int(os.environ.get("SENDBOARD_SESSION_SECONDS", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SENDBOARD_SSL_REDIRECT", not DEBUG)
# Load balancers probe liveness and readiness over plain HTTP, behind the TLS they terminate (ADR 0141).
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SENDBOARD_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SENDBOARD_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SENDBOARD_BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp, ADR 0063): scripts, styles and fonts only from sendboard's own static
# files, never inline; images also as data: URIs (the two-factor QR code). Pages may not be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Structured logs (ADR 0141): one key=value line per record, with the request id; nothing personal is logged.
# Requests are logged by path only (never the query string), and paths carry no personal data. SQL is never
# logged (its parameters are the data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sendboard.core.logs.RequestIdFilter"}},
    "formatters": {"key_value": {"()": "sendboard.core.logs.KeyValueFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "key_value", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("SENDBOARD_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING", "propagate": True},
        # Django's own request lines would repeat sendboard.request's (and runserver's name the query string).
        "django.server": {"level": "WARNING"},
    },
}

# Readiness (ADR 0141): unavailable when the data directory's disk has less than this share free, or when a
# background task due to run has waited longer than this for the worker.
SENDBOARD_HEALTH_MIN_FREE_PERCENT = float(os.environ.get("SENDBOARD_HEALTH_MIN_FREE_PERCENT", "5"))
SENDBOARD_HEALTH_WORKER_STALE_SECONDS = int(os.environ.get("SENDBOARD_HEALTH_WORKER_STALE_SECONDS", "600"))
# Where `manage.py backup` writes its archives (ADR 0142): somewhere the server's own backup copies off the machine.
SENDBOARD_BACKUP_DIR = Path(os.environ.get("SENDBOARD_BACKUP_DIR") or BASE_DIR / "backups")
# The retention schedule (ADR 0143): the one shipped in sendboard/core/retention_schedule.json unless a council's
# own reviewed file is named here. `manage.py apply_retention` applies it.
SENDBOARD_RETENTION_SCHEDULE = os.environ.get("SENDBOARD_RETENTION_SCHEDULE", "")
