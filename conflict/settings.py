"""Settings for the conflict event database, read from the environment.

DJANGO_ENV selects the mode: "production" (the default) insists on a SECRET_KEY and serves no
host it was not told about; "development" and "test" fill in local defaults so that the quick
start needs no configuration at all.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
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
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
    )
}

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
STATIC_ROOT = BASE_DIR / "staticfiles"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Where the archived article texts live; sources copy their text from here when loaded.
CORPUS_DIR = BASE_DIR / "fixtures"

if not LOCAL:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True

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


MIDDLEWARE += ["csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    # The API's own pages (Swagger UI, ReDoc, the browsable API) rely on inline scripts and styles.
    "EXCLUDE_URL_PREFIXES": ["/api/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *map_tile_hosts(MAP_TILE_URL)],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
