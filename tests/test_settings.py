"""Settings come from the environment, with safe defaults in production."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "from django.conf import settings as s; import json; "
    "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE']]))"
)


def settings_under(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ENV", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "conflict.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_under()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_safe():
    result = settings_under(SECRET_KEY="s3cret")
    assert json.loads(result.stdout) == [False, [], "django.db.backends.sqlite3"]


def test_development_mode_needs_no_configuration():
    debug, hosts, _ = json.loads(settings_under(DJANGO_ENV="development").stdout)
    assert debug is True and "localhost" in hosts


def test_the_environment_overrides_the_defaults():
    result = settings_under(
        SECRET_KEY="s3cret",
        DEBUG="1",
        ALLOWED_HOSTS="conflict.example.org",
        DATABASE_URL="postgres://u@db:5432/conflict",
    )
    assert json.loads(result.stdout) == [True, ["conflict.example.org"], "django.db.backends.postgresql"]
