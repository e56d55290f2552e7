"""Settings for the conflict event database, read from the environment.

DJANGO_ENV selects the mode: "production" (the default) insists on a SECRET_KEY and serves no
host it was not told about; "development" and "test" fill in local defaults so that the quick
start needs no configuration at all.
"""

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = os.environ.get("DJANGO_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be production, development or test, not {ENVIRONMENT!r}")
LOCAL = ENVIRONMENT != "production"


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return default if value in {None, ""} else int(value)


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_flag("DEBUG", ENVIRONMENT == "development")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not LOCAL:
        raise ImproperlyConfigured("SECRET_KEY is not set. Set it, or set DJANGO_ENV=development for a local run.")
    SECRET_KEY = "insecure-local-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if LOCAL else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "conflict",
    "axes",
    "rest_framework",
    "django_filters",
    "sources",
    "actors",
    "events",
    "simple_history",
    "roles",
    "corpus",
]

MIDDLEWARE = [
    "conflict.routers.PrimaryForEditsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "conflict.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "conflict.middleware.ApiPagesPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "conflict.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "conflict.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "conflict.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# A database that is down, or accepts connections and never answers, must fail a request within
# seconds (a 503), not hold a worker until the server kills it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
            "options": f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT', 20_000)}",
        }
    )

# The API's throttling counts live in the cache. In production it is a folder that every server
# process on the machine shares (CACHE_DIR); development and tests keep it in memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if LOCAL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", "/tmp/conflict-cache"),
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user from one
# address, that pair is refused (429) for the cool-off time, and the lockout is logged.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "conflict.clients.client_address"
AXES_SENSITIVE_PARAMETERS = []  # the log names the user and the address locked out (never the password)

# Read replicas (PostgreSQL streaming replicas of the primary), comma separated: reads spread over
# them, writes and the admin stay on the primary (conflict/routers.py).
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica_{number}"] = dj_database_url.parse(url, conn_max_age=60)
    DATABASES[f"replica_{number}"]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(f"replica_{number}")
DATABASE_ROUTERS = ["conflict.routers.PrimaryReplicaRouter"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Production serves `collectstatic`'s output through whitenoise: compressed, with hashed names that
# may be cached for a year. Development and tests serve the source folders as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if LOCAL
        else "conflict.storage.StaticFilesStorage"
    },
}
if not LOCAL:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("conflict.middleware.ApiPagesPolicyMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Where the archived article texts live; sources copy their text from here when loaded.
CORPUS_DIR = BASE_DIR / "fixtures"

# HTTPS. Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER names the header it sets
# (X-Forwarded-Proto) and CSRF_TRUSTED_ORIGINS the site's https origin.
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", not LOCAL)
CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", not LOCAL)
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not LOCAL)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probed over plain HTTP from inside the network
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"),
        "https",
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# How many proxies in front of the server append to X-Forwarded-For: throttling and sign-in
# lockouts count the client address that many hops from the right, not the proxy's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# Django 6 makes https the default scheme of URL form fields; take that behaviour now.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Merges and other bulk edits explain themselves in history; their reasons outgrow 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# REST API (/api/v1/): open reading; writing needs the model's Django permission, by session or token.
INSTALLED_APPS += ["rest_framework.authtoken", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "conflict.api.pagination.NumberedPagination",
    "DEFAULT_SCHEMA_CLASS": "conflict.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "conflict.api.exceptions.api_exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "conflict.api.negotiation.ContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Per client address (anonymous) or per user; tests that do not test throttling run unthrottled.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "100000/min" if ENVIRONMENT == "test" else "120/min"),
        "user": os.environ.get("API_THROTTLE_USER", "100000/min" if ENVIRONMENT == "test" else "600/min"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Conflict event database API",
    "DESCRIPTION": "Incidents, actors and their ties in the Pakistan–Afghanistan conflict, each on a quoted source. "
    "See docs/api.md for worked examples.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from the public validator: no request leaves the machine.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "actors.models.Actor.Kind",
        "RelationshipKindEnum": "actors.models.Relationship.Kind",
        "RelationshipStatusEnum": "actors.models.Relationship.Status",
        "PlaceKindEnum": "events.models.Place.Kind",
        "IncidentKindEnum": "events.models.Incident.Kind",
        "SourceKindEnum": "sources.models.Source.Kind",
        "RecordTypeEnum": "sources.models.RECORD_TYPE_CHOICES",
    },
}

# The site's pages load every script, style, font and image from this site (static/vendor/), and
# the map's outlines ship with it; a tile server is optional, for deployments that are online.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")


def map_tile_hosts(url):
    """The host a tile URL template loads from, for the policy ({s} subdomains become a wildcard)."""
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"]


# Every response, the admin and the API included, carries the policy. No inline script runs
# anywhere but the few the API readers need, each with this response's nonce; the API's HTML
# pages alone also allow inline styles (conflict.middleware.ApiPagesPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *map_tile_hosts(MAP_TILE_URL)],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Logging: everything to standard error, where the server's supervisor (systemd, Docker) keeps it.
# LOG_FORMAT=json writes one JSON object a line; the plain format is Django's own. A failed
# request logs its path and the whole traceback (django.request).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
logging.captureWarnings(True)  # Python's warnings become log events too, in the same format
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")
ADMINS = [tuple(part.strip() for part in admin.split(":", 1)) for admin in env_list("ADMINS", [])]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "root@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
        "json": {"()": "conflict.logs.JSONFormatter"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {
            "handlers": ["stderr", *(["mail_admins"] if ADMINS else [])],
            "level": "WARNING",
            "propagate": False,
        },
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},  # failures and lockouts
    },
}

# An error tracker (Sentry or a compatible service such as GlitchTip), only when a DSN is given.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, environment=ENVIRONMENT, send_default_pii=False)
