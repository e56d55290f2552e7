"""`check --deploy` is clean with the production settings, and the HTTPS and proxy settings come
from the environment."""

import json
import subprocess

from tests.production.conftest import PYTHON, ROOT, production_environment

SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
    "s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE, s.TRUSTED_PROXY_COUNT]))"
)


def settings_under(**environment):
    result = subprocess.run(
        [PYTHON, "-c", SHOW],
        cwd=ROOT,
        env=production_environment("sqlite:///:memory:", **environment),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_finds_nothing_to_warn_of():
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment("sqlite:///:memory:", ALLOWED_HOSTS="conflict.example.org"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_insists_on_https_by_default():
    assert settings_under() == [True, 31536000, None, [], True, 0]


def test_https_and_proxy_settings_come_from_the_environment():
    assert settings_under(
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CSRF_TRUSTED_ORIGINS="https://conflict.example.org,https://www.conflict.example.org",
        TRUSTED_PROXY_COUNT="1",
    ) == [
        False,
        3600,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        ["https://conflict.example.org", "https://www.conflict.example.org"],
        True,
        1,
    ]


OBSERVABILITY = (
    "import django, json; django.setup(); from django.conf import settings as s; import sentry_sdk; "
    "db = s.DATABASES['default']; "
    "print(json.dumps([s.ADMINS, s.LOGGING['loggers']['django.request']['handlers'], sentry_sdk.get_client().dsn, "
    "db['CONN_HEALTH_CHECKS'], db['OPTIONS']]))"
)


def observability_under(**environment):
    result = subprocess.run(
        [PYTHON, "-c", OBSERVABILITY],
        cwd=ROOT,
        env=production_environment("postgres://postgres@127.0.0.1:5432/conflict", **environment),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_errors_go_to_stderr_only_unless_admins_or_a_tracker_are_given():
    admins, handlers, dsn, health_checks, options = observability_under()
    assert (admins, handlers, dsn) == ([], ["stderr"], None)
    assert health_checks is True
    assert options == {"connect_timeout": 5, "options": "-c statement_timeout=20000"}


def test_admins_are_mailed_and_the_tracker_told_when_configured():
    admins, handlers, dsn, _, _ = observability_under(
        ADMINS="Ops:ops@example.org",
        SENTRY_DSN="http://public@127.0.0.1:9/1",  # a tracker on this machine: nothing leaves it
    )
    assert admins == [["Ops", "ops@example.org"]]
    assert handlers == ["stderr", "mail_admins"]
    assert dsn == "http://public@127.0.0.1:9/1"
