"""Laurel settings. Every deploy-specific value comes from the environment; the defaults run a
fresh machine with no servers: SQLite under var/, a filesystem Celery broker under var/, console e-mail."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LAUREL_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "laurel-insecure-development-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY and env_str("SECRET_KEY_FILE"):
    # A file readable only by the service (systemd's LoadCredential=, or var/secret_key made by `make serve`).
    SECRET_KEY = Path(env_str("SECRET_KEY_FILE")).read_text().strip()
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (or SECRET_KEY_FILE, a file holding it).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
# `make serve` runs the production settings on plain http://127.0.0.1 (no TLS proxy in front): cookies without
# the Secure flag, no HTTPS redirect, no HSTS. Only for loopback hosts, so it cannot slip into a deployment.
LAUREL_LOCAL_HTTP = env_bool("LAUREL_LOCAL_HTTP", False) and not DEBUG
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
if LAUREL_LOCAL_HTTP and not (ALLOWED_HOSTS and set(ALLOWED_HOSTS) <= _LOOPBACK):
    raise RuntimeError("LAUREL_LOCAL_HTTP=1 is only for ALLOWED_HOSTS on this machine (127.0.0.1, localhost, ::1).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "bootstrap",
    "django_tables2",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "accounts",
    "units",
    "awards",
    "nominations",
    "certificates",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reports",
    "api",
    "ops",
    "signing",
]

MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Form widgets render through the project's templates, so templates/django/forms/ can give them Bootstrap classes.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'laurel.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
# WAL and a busy timeout let the web process and the Celery worker share the file. Transactions begin
# IMMEDIATE: they take the write lock at BEGIN, waiting up to the timeout for it, instead of reading first
# and failing at once with "database is locked" when another writer came in between (a deferred
# transaction cannot wait for that upgrade). Concurrent moves therefore run one after the other, and the
# second sees what the first did.
LAUREL_SQLITE_OPTIONS = {
    "timeout": env_int("LAUREL_SQLITE_TIMEOUT", 30),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(LAUREL_SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate-limit counters (API throttling, the verify page) live in the cache: per process by default; several
# web processes share them through Redis (LAUREL_CACHE_URL=redis://127.0.0.1:6379/1).
_CACHE_URL = env_str("LAUREL_CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A session lasts LAUREL_SESSION_HOURS from log-in. Changing the password ends the user's other sessions
# (Django's session auth hash); the session where it is changed stays signed in.
SESSION_COOKIE_AGE = env_int("LAUREL_SESSION_HOURS", 8) * 3600

# Login throttling: five failures lock the username+address pair for 15 minutes (only that pair: a
# colleague behind the same NAT who mistypes a name does not lock its owner out everywhere), and
# LAUREL_LOGIN_IP_FAILURE_LIMIT failures from one address, whatever the usernames, lock that address
# (accounts/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.lockout.LaurelAxesHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
LAUREL_LOGIN_IP_FAILURE_LIMIT = env_int("LAUREL_LOGIN_IP_FAILURE_LIMIT", 40)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
# Dates dd/mm/yyyy and dots between thousands in every language (config/formats/*/formats.py); the same
# input formats here for code that reads settings directly.
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are served only through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LAUREL_MAX_UPLOAD_MB = env_int("LAUREL_MAX_UPLOAD_MB", 20)
LAUREL_MAX_IMPORT_MB = env_int("LAUREL_MAX_IMPORT_MB", 50)
# Every spreadsheet read (imports, the API's imports, bulk nominee lists) is bounded before it is parsed
# whole (units/importing/limits.py): unpacked XLSX size, rows, columns and characters per cell.
LAUREL_SHEET_MAX_UNCOMPRESSED_MB = env_int("LAUREL_SHEET_MAX_UNCOMPRESSED_MB", 100)
LAUREL_SHEET_MAX_COLUMNS = env_int("LAUREL_SHEET_MAX_COLUMNS", 50)
LAUREL_SHEET_MAX_CELL_CHARS = env_int("LAUREL_SHEET_MAX_CELL_CHARS", 2000)
LAUREL_IMPORT_MAX_ROWS = env_int("LAUREL_IMPORT_MAX_ROWS", 200_000)
LAUREL_BULK_MAX_ROWS = env_int("LAUREL_BULK_MAX_ROWS", 2000)
# A campaign-wide eligibility run (awards.judging) judges this many persons or units per Celery task.
LAUREL_ELIGIBILITY_CHUNK_SIZE = env_int("LAUREL_ELIGIBILITY_CHUNK_SIZE", 5000)
# Tests and drills only: "INDEX:STAGE,…" makes a chunk's first attempt fail ("write" or "commit").
LAUREL_ELIGIBILITY_FAIL_ONCE = env_list("LAUREL_ELIGIBILITY_FAIL_ONCE")

# Django 6.1's MAILERS (the EMAIL_* settings are deprecated); the environment variables keep their names.
_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": env_str("EMAIL_HOST_USER"),
    "password": env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Laurel <laurel@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a filesystem broker needs no server; production points CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # broadcasts (the /healthz ping); else ./control
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A task taken by a worker that then dies (acks_late) is given to another worker after this many
    # seconds: keep it longer than the longest task. The fault tests run a worker with a short one.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Security. Production (DEBUG off) is strict by default; a proxy that terminates TLS sets
# SECURE_PROXY_SSL_HEADER through LAUREL_BEHIND_PROXY.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not LAUREL_LOCAL_HTTP:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# The load balancer's health probe may come over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("LAUREL_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"  # tables scroll sideways on a phone
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Logs go to standard error (journald under systemd): JSON lines in production, text in development
# (LOG_FORMAT=json|text overrides). Each line carries the request id and the user id (ops.logging).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.logging.JsonFormatter"},
        "text": {"()": "ops.logging.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# /healthz: how long to wait for the broker and a worker, and how long a result is reused.
LAUREL_HEALTHZ_TIMEOUT = float(env_str("LAUREL_HEALTHZ_TIMEOUT", "1.0"))
LAUREL_HEALTHZ_CACHE_SECONDS = float(env_str("LAUREL_HEALTHZ_CACHE_SECONDS", "5"))

# Laurel's own knobs.
# The month the year-end round of year N opens (awards.rounds.open_round_year): agencies and communes hold
# their year-end reviews from mid-November after the provincial guidance, and the round's dossiers run into the
# first quarter of N + 1, so from this month on the round being worked on is this year's, before it last year's.
LAUREL_ROUND_OPENS_MONTH = env_int("LAUREL_ROUND_OPENS_MONTH", 11)
LAUREL_PROVINCE_NAME = env_str("LAUREL_PROVINCE_NAME", "Khánh Hòa")
LAUREL_PUBLIC_BASE_URL = env_str("LAUREL_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Public posting of proposed awardees (reports/posting_views.py): comments stored per sender's address and
# in all per hour, the attempts per address in ten minutes (a cache counter, so the question cannot be guessed
# at), and how long a person takes at least before sending the form (faster is a robot).
LAUREL_PUBLIC_COMMENTS_PER_HOUR = env_int("LAUREL_PUBLIC_COMMENTS_PER_HOUR", 5)
LAUREL_PUBLIC_COMMENTS_ALL_PER_HOUR = env_int("LAUREL_PUBLIC_COMMENTS_ALL_PER_HOUR", 200)
LAUREL_PUBLIC_COMMENT_ATTEMPTS = env_int("LAUREL_PUBLIC_COMMENT_ATTEMPTS", 30)
LAUREL_PUBLIC_COMMENT_MIN_SECONDS = env_int("LAUREL_PUBLIC_COMMENT_MIN_SECONDS", 3)

# Digital signatures (PAdES, signing/): the key and certificate come from a PKCS#12 file or, for a USB token,
# from a PKCS#11 module; a PKCS#11 module wins when both are set. Without either, DEBUG runs (make demo) use
# the demo signer made once under var/signing/ (labelled DEMO everywhere); production signs nothing.
LAUREL_SIGNING_PKCS12 = env_str("LAUREL_SIGNING_PKCS12")
LAUREL_SIGNING_PKCS12_PASSWORD = env_str("LAUREL_SIGNING_PKCS12_PASSWORD")
LAUREL_SIGNING_PKCS11_MODULE = env_str("LAUREL_SIGNING_PKCS11_MODULE")
LAUREL_SIGNING_PKCS11_TOKEN_LABEL = env_str("LAUREL_SIGNING_PKCS11_TOKEN_LABEL")
LAUREL_SIGNING_PKCS11_KEY_LABEL = env_str("LAUREL_SIGNING_PKCS11_KEY_LABEL")
LAUREL_SIGNING_PKCS11_PIN = env_str("LAUREL_SIGNING_PKCS11_PIN")
LAUREL_SIGNING_TRUST_ROOTS = env_list("LAUREL_SIGNING_TRUST_ROOTS")
LAUREL_SIGNING_DEMO = env_bool("LAUREL_SIGNING_DEMO", DEBUG)
LAUREL_SIGNING_DIR = VAR_DIR / "signing"
LAUREL_TSA_URL = env_str("LAUREL_TSA_URL")
LAUREL_TSA_TIMEOUT = env_int("LAUREL_TSA_TIMEOUT", 10)
# Certificates downloaded one by one and the combined file of a print batch carry the signature when a signer
# is configured (0 turns this off; decisions are signed by the chair's own move either way).
LAUREL_SIGN_CERTIFICATES = env_bool("LAUREL_SIGN_CERTIFICATES", True)

# The award decision (nominations/services/decision_pdf.py) follows the official layout of a provincial
# decision. Its legal basis ("Căn cứ …") is data: each line applies to decisions dated within its window
# (ISO dates, empty for open-ended), so the decree in force is cited by the decision's date.
LAUREL_DECISION_ISSUER = env_str("LAUREL_DECISION_ISSUER", "ỦY BAN NHÂN DÂN\nTỈNH " + LAUREL_PROVINCE_NAME.upper())
LAUREL_DECISION_AUTHORITY = env_str("LAUREL_DECISION_AUTHORITY",
                                    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH " + LAUREL_PROVINCE_NAME.upper())
LAUREL_DECISION_PROPOSER = env_str("LAUREL_DECISION_PROPOSER", "Giám đốc Sở Nội vụ")
LAUREL_DECISION_LEGAL_BASIS = [
    {"from": "", "until": "", "text": "Căn cứ Luật Tổ chức chính quyền địa phương;"},
    {"from": "2024-01-01", "until": "",
     "text": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"},
    {"from": "2024-01-01", "until": "2025-06-30",
     "text": "Căn cứ Nghị định số 98/2023/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của "
             "Luật Thi đua, khen thưởng;"},
    {"from": "2025-07-01", "until": "",
     "text": "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của "
             "Luật Thi đua, khen thưởng;"},
    {"from": "", "until": "",
     "text": env_str("LAUREL_PROVINCIAL_REGULATION",
                     "Căn cứ Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh "
                     + LAUREL_PROVINCE_NAME + " của Ủy ban nhân dân tỉnh;")},
]

# Nomination reminders (nominations.tasks), run by `celery beat`.
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "nominations-window-closing": {
        "task": "nominations.remind_closing_windows",
        "schedule": crontab(hour=7, minute=0),
        "kwargs": {"days_ahead": env_int("LAUREL_REMIND_DAYS_BEFORE_CLOSING", 3)},
    },
    "nominations-overdue": {"task": "nominations.remind_overdue_dossiers", "schedule": crontab(hour=7, minute=30)},
    # E-mails whose queuing failed (broker down at the time) are sent by this sweep.
    "nominations-pending-emails": {"task": "nominations.send_pending_emails", "schedule": crontab(minute="*/15")},
}

# The JSON API (api/): hashed, expiring tokens (api.models.ApiToken), throttled per user and, for anonymous
# calls, per address; OpenAPI schema by drf-spectacular, UI assets from the sidecar.
LAUREL_API_TOKEN_DAYS = env_int("LAUREL_API_TOKEN_DAYS", 90)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.HashedTokenAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerUserThrottle", "api.throttling.PerAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("LAUREL_API_RATE_USER", "2000/hour"),
                               "anon": env_str("LAUREL_API_RATE_ANON", "120/hour")},
    # The client address is REMOTE_ADDR, or behind the proxy the address the proxy appended to
    # X-Forwarded-For: a client cannot pick its own by sending that header.
    "NUM_PROXIES": 1 if env_bool("LAUREL_BEHIND_PROXY", False) else 0,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Laurel API",
    "DESCRIPTION": "Read-only registry data for other provincial systems; imports of ratings and PAR results. "
                   "Send `Authorization: Token <key>` (a key from `create_api_token` or the admin, shown once; "
                   "it expires). Calls beyond the rate limit answer 429 with Retry-After.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
