"""Settings for PRM, read from the environment only.

Fails closed: DEBUG is off unless set, and without DEBUG there is no default SECRET_KEY.
`make run` supplies development values (and a local secret under var/).
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PRM_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-only-key"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "django_celery_beat",
    "django_celery_results",
    "auditlog",
    "django_countries",
    "axes",
    "prm",
    "partners",
    "relationships",
    "performance",
    "incentives",
    "planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the cookie set by /i18n/setlang/
    # (or Accept-Language); URLs carry no language prefix, they are contracts.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Without a language cookie, a signed-in user's saved language (prm.i18n).
    "prm.i18n.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prm.lib.content_security.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Below the two above: an htmx fragment carries the messages its view left (as toasts).
    "prm.lib.toasts.HtmxMessagesMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "prm.lib.access.LoginRequiredByDefaultMiddleware",
    "prm.lib.errors.StillUsedMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]
if env.bool("PRM_QUERY_COUNT_HEADER", default=False):
    # Benchmarks read the number of queries per page from a response header.
    MIDDLEWARE.insert(0, "prm.lib.query_count.QueryCountHeaderMiddleware")

ROOT_URLCONF = "prm.urls"
# Django's renderer, with inputs, selects and text areas written in Python (the same markup).
FORM_RENDERER = "prm.lib.form_renderer.FormRenderer"
WSGI_APPLICATION = "prm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": [
                "template_partials.templatetags.partials",
                "prm.templatetags.money",
                "prm.templatetags.days",
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

DATABASE_URL = env.str("DATABASE_URL", default="")
if not DATABASE_URL and DEBUG:
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
if DATABASE_URL and DATABASE_URL.partition("://")[0] not in environ.Env.DB_SCHEMES:
    raise ImproperlyConfigured(
        "DATABASE_URL is not a database URL: expected scheme://user:password@host:port/name "
        f"with a scheme among {', '.join(sorted(environ.Env.DB_SCHEMES))}."
    )
if not DATABASE_URL:
    # Production without DATABASE_URL: no database, never SQLite by accident. The web app, the
    # worker and beat refuse to start; commands that need no database still run.
    DATABASES = {"default": {"ENGINE": "prm.lib.no_database"}}
else:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # Web, worker and beat share one SQLite file: wait for locks instead of failing.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        )
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        # Form selects read their choices with QuerySet.iterator(): on a server-side cursor
        # that is a DECLARE ... WITH HOLD (materialised at commit), fetches and a CLOSE per
        # select. Pages read small results; client-side cursors serve them in one round trip.
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
            "DISABLE_SERVER_SIDE_CURSORS", default=True
        )
        # PostgreSQL's JIT compiles a query whose estimated cost is high: 100-200 ms spent on
        # each of the app's aggregating reads (scoring's, the portfolios'), more than it saves.
        if not env.bool("DATABASE_JIT", default=False):
            DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "prm.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Sign-in security. django-axes' backend comes first: it refuses a locked-out account and
# address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "prm.auth.CachedModelBackend",
]
# How many trusted proxies append to X-Forwarded-For in front of the app (0: the header is
# ignored and the client is REMOTE_ADDR). See prm/lib/client_ip.py.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "prm.lib.client_ip.client_ip"
# An account is locked for one client address, so a stranger cannot lock a user out everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# No start-up banner on every manage.py command; lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "prm.lockout.lockout_response"
# API tokens are refused (and deleted) this many days after they were issued.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)
# A portal invitation's link works this many days after it was (re)sent.
PARTNER_INVITATION_DAYS = env.int("PARTNER_INVITATION_DAYS", default=7)

LANGUAGE_CODE = "en"
# English is the source language (msgid = the English text); German is fully translated for the
# portal. See locale/ and `make messages`.
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "prm_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
# The vendor's own currency: new deals and incentive programs start in it.
PRM_CURRENCY = env.str("PRM_CURRENCY", default="USD")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

REDIS_URL = env.str("REDIS_URL", default="")
# Seconds to wait for Redis before a cache operation counts as a miss.
CACHE_REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is a cache miss: sessions (cached_db) fall back to the database.
            "BACKEND": "prm.lib.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": CACHE_REDIS_OPTIONS,
        }
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    BROKER_DIR = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
    # The filesystem transport has no broadcast channel for remote control.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The queue tasks are sent to and workers read by default: apps sharing a broker keep apart.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged when it ends, not when it starts: a worker killed mid-task leaves it
# on the queue to be run again (tasks are written to be safe to run twice), and each worker
# process reserves one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Publishing to a broker that is down gives up after about a second: the page says so.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}

# Scoring: partners per chunk (one Celery task each, a fixed number of SQL statements each),
# and how long a run may go without progress before it counts as abandoned (a killed worker)
# so that a new start may take it over and complete it.
SCORING_CHUNK_SIZE = env.int("SCORING_CHUNK_SIZE", default=500)
SCORING_STALE_AFTER_MINUTES = env.int("SCORING_STALE_AFTER_MINUTES", default=30)

EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="prm@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where users reach the site: emails (notifications, the daily digest) link to it.
PRM_BASE_URL = env.str("PRM_BASE_URL", default="http://127.0.0.1:8000")

# Sessions read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy: HTTPS only, said by the proxy's X-Forwarded-Proto header
# (the proxy must set it and strip it from clients). Each can be turned off for plain-HTTP use
# on a private machine (SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false, SECURE_HSTS_SECONDS=0).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Compose's health check calls http://127.0.0.1:8000/healthz from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Request bodies (other than uploaded files) above this answer 400/413, never a 500; uploads
# are limited by PRM_MAX_UPLOAD_SIZE, checked by prm.lib.uploads.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
PRM_MAX_UPLOAD_SIZE = env.int("PRM_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
# Proof of performance of an MDF claim (each file) and how many files one upload may carry.
PRM_PROOF_MAX_SIZE = env.int("PRM_PROOF_MAX_SIZE", default=10 * 1024 * 1024)
PRM_PROOF_MAX_FILES = env.int("PRM_PROOF_MAX_FILES", default=10)

REST_FRAMEWORK = {
    # JSON nesting bounded (prm.lib.parsers); a body too large answers 413 in JSON.
    "DEFAULT_PARSER_CLASSES": [
        "prm.lib.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "prm.lib.api.api_exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "prm.lib.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": env.str("TOKEN_THROTTLE_RATE", default="10/minute")},
    "NUM_PROXIES": NUM_PROXIES,
}
# Content Security Policy, enforced (never report-only): scripts and styles come from our own
# static files only — no inline <script>, <style>, style="…" or on…= handler in any template.
# The API docs page loads its start-up script from a URL too (SpectacularSwaggerSplitView);
# only DRF's browsable API may apply inline styles (prm/lib/content_security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SPECTACULAR_SETTINGS = {
    "TITLE": "PRM API",
    "DESCRIPTION": "Partner relationship management: partners, territories, segments and more.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Each user gets the schema of what they may call, as their role sees it: a partner user's
    # has neither staff-only operations nor staff-only fields (internal notes).
    "SERVE_PUBLIC": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "prm.lib.schema.add_error_responses",
    ],
    # Swagger UI from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets used by several fields (a stakeholder's stance, an objective's target stance)
    # get one schema name each.
    "ENUM_NAME_OVERRIDES": {
        "StanceEnum": "relationships.models.Stance",
        "RelationshipLevelEnum": "relationships.models.RelationshipLevel",
        "CultureTypeEnum": "relationships.models.CultureType",
        "NotificationChannelEnum": "prm.notifications.kinds.Channel",
        "ClaimStatusEnum": "incentives.models.ClaimStatus",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# SQLite cannot enforce "unique org unit name under the same (possibly empty) parent" as a
# constraint with NULLs not distinct; the service checks it there and PostgreSQL enforces it.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The default schedule lives in code; django-celery-beat copies it into the database, where
# admins can change it.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "prm.clear_expired_sessions",
        "schedule": 24 * 60 * 60,
    },
    "lapse-expired-deal-protections": {
        "task": "performance.lapse_expired_deal_protections",
        "schedule": 24 * 60 * 60,
    },
    # Nightly in the app's time zone (CELERY_TIMEZONE), when nobody is at work.
    "score-partners": {
        "task": "performance.score_partners",
        "schedule": crontab(hour=2, minute=0),
    },
    # Each user's digest leaves at 07:00 in their own time zone: the task runs every quarter
    # hour and sends the digests that are due (once per user and local day).
    "send-daily-digests": {
        "task": "prm.send_daily_digests",
        "schedule": crontab(minute="*/15"),
    },
    # Reminders of what falls due (deal protection and certifications expiring, plan actions
    # overdue, reviews due), before the digests of the earliest time zones go out.
    "notify-performance-reminders": {
        "task": "performance.notify_reminders",
        "schedule": crontab(hour=5, minute=0),
    },
    # Announcements reach their partners within minutes of their publication time.
    "notify-announcements-published": {
        "task": "partners.notify_announcements_published",
        "schedule": crontab(minute="*/5"),
    },
    "notify-certifications-expiring": {
        "task": "incentives.notify_certifications_expiring",
        "schedule": crontab(hour=5, minute=10),
    },
    # Partner surveys: the quarter's survey goes out on the first run of each quarter (the task
    # sends one per partner and quarter however often it runs); reminders once per window.
    "send-scheduled-surveys": {
        "task": "relationships.send_scheduled_surveys",
        "schedule": crontab(hour=6, minute=0),
    },
    "remind-surveys": {
        "task": "relationships.remind_surveys",
        "schedule": crontab(hour=6, minute=15),
    },
    # Under-performer decisions: remediation deadlines judged, exits completed on their day.
    "follow-up-underperformers": {
        "task": "planning.follow_up_underperformers",
        "schedule": crontab(hour=3, minute=30),
    },
}

# How long a partner survey stays open, and the window between reminders to who has not
# answered it (days).
SURVEY_ANSWER_DAYS = env.int("SURVEY_ANSWER_DAYS", default=21)
SURVEY_REMINDER_DAYS = env.int("SURVEY_REMINDER_DAYS", default=7)
