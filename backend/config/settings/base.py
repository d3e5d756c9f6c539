"""Settings shared by every environment. Everything comes from the environment."""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import database_config, email_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # backend/

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "budget.core",
    "budget.users",
    "budget.households",
    "budget.ledger",
    "budget.reports",
    "budget.ops",
    "budget.plans",
    "budget.alerts",
    "budget.recurring",
    "budget.rules",
    "budget.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {"default": database_config(env_str("DATABASE_URL"), BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "budget")

# The cache is shared by the API and the worker processes, so it is never
# locmem: the database cache table when embedded, Redis when configured.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "budget_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Django's default of 300 entries would keep evicting reports once a few users are active.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Reports are cached per user and ledger version; a write makes the old entries unreachable at once,
# so this only bounds how long they linger.
REPORTS_CACHE_SECONDS = env_int("REPORTS_CACHE_SECONDS", 24 * 60 * 60)

# --- Background work (Django Q2) ----------------------------------------------

# The ORM broker redelivers a task after `retry` seconds, so `timeout` stays
# below it. The Redis broker never redelivers; idempotent tasks plus a sweeper
# schedule cover a worker that died mid-task.
Q_CLUSTER = {
    "name": "budget",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": env_int("Q_TIMEOUT", 60),
    "retry": env_int("Q_RETRY", 90),
    "max_attempts": 3,
    "queue_limit": 50,
    "save_limit": 500,
    "ack_failures": True,
    "catch_up": False,
    "label": "Django Q",
}
if Q_CLUSTER["timeout"] >= Q_CLUSTER["retry"]:
    raise ImproperlyConfigured(
        "Q_TIMEOUT must be below Q_RETRY, or the ORM broker runs a task twice at once."
    )
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 0.5

# --- Auth ----------------------------------------------------------------------

AUTH_USER_MODEL = "users.User"
# The Django admin at /admin/; false leaves it out of the URLs (a 404), e.g. where nobody uses it.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", True)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REST_FRAMEWORK = {
    # JWT first: a missing or bad token is a 401 (the frontend refreshes on 401).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "budget.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "budget.core.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Only JSON is read; a form or multipart body is a 415. A view that takes files sets its own.
    "DEFAULT_PARSER_CLASSES": ["budget.core.parsers.JSONParser"],
    "DEFAULT_THROTTLE_RATES": {"auth": env_str("AUTH_THROTTLE_RATE", "20/minute")},
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "COERCE_DECIMAL_TO_STRING": True,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("ACCESS_TOKEN_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("REFRESH_TOKEN_DAYS", 7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    # Tokens carry a hash of the password: changing it revokes every access token.
    "CHECK_REVOKE_TOKEN": True,
    "UPDATE_LAST_LOGIN": True,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "AUTH_HEADER_TYPES": ("Bearer",),
    "TOKEN_OBTAIN_SERIALIZER": "budget.users.apis.TokenObtainSerializer",
    "TOKEN_REFRESH_SERIALIZER": "budget.users.apis.TokenRefreshSerializer",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Budget API",
    "DESCRIPTION": "Locations, buckets, categories, transactions, transfers and reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # The machines are offline: Swagger UI comes from the sidecar, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Field constraints and the error statuses of every operation (see budget/core/schema.py).
    "PREPROCESSING_HOOKS": ["budget.core.schema.register_extensions"],
    "ENUM_NAME_OVERRIDES": {
        "SignEnum": "budget.ledger.models.Sign",
        "BudgetStatusEnum": "budget.plans.models.BudgetStatus",
        "NotificationChannelEnum": "budget.users.models.NOTIFICATION_CHANNELS",
        "NotificationKindEnum": "budget.alerts.models.Kind",
        "NotificationSubjectTypeEnum": "budget.alerts.models.SubjectType",
        "RecurringKindEnum": "budget.recurring.models.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "budget.core.schema.declare_statuses",
    ],
}

# --- Mail ------------------------------------------------------------------------

# Invitations go out through Django's mail backend: the console unless EMAIL_URL names SMTP.
globals().update(email_config(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Budget <budget@localhost>")
# Where the Streamlit app is, for the links in invitation mails.
FRONTEND_URL = env_str("FRONTEND_URL", "http://localhost:8501").rstrip("/")
INVITATION_DAYS = 7

# --- Internationalization and static files -----------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Logging ---------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "filters": {"one_line_warning": {"()": "budget.core.logs.OneLineWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # An oversize body is the client's mistake: one WARNING line, no traceback.
        "django.security.RequestDataTooBig": {"filters": ["one_line_warning"]},
    },
}
