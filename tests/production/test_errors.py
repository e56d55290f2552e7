"""Errors: JSON under /api/ whatever their cause; logged to standard error with the request path
and the traceback, in Django's plain format or one JSON object a line (LOG_FORMAT=json)."""

import json
import subprocess

import pytest
from django.test import Client, override_settings

from tests.production.conftest import PYTHON, ROOT, production_environment

FAILING_URLS = "tests.production.failing_urls"


@pytest.fixture
def client_seeing_500s(db):
    with override_settings(ROOT_URLCONF=FAILING_URLS):
        yield Client(raise_request_exception=False)


def test_an_unexpected_api_error_is_a_json_500(client_seeing_500s):
    response = client_seeing_500s.get("/api/v1/fail/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Server error: it has been logged."}


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_pages_keep_their_html_error_pages(client_seeing_500s):
    assert client_seeing_500s.get("/fail/")["Content-Type"].startswith("text/html")
    assert client_seeing_500s.get("/no-such-page/")["Content-Type"].startswith("text/html")


FAIL_ONCE = f"""
import django
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="{FAILING_URLS}"):
    Client(raise_request_exception=False).get("/fail/?page=2", secure=True)
"""


def error_log(**environment):
    environment = production_environment("sqlite:///:memory:", ALLOWED_HOSTS="testserver", **environment)
    result = subprocess.run([PYTHON, "-c", FAIL_ONCE], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == ""
    return result.stderr


def test_a_failed_request_is_logged_to_stderr_with_its_path_and_traceback():
    log = error_log()
    assert "ERROR django.request Internal Server Error: /fail/" in log
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError: deliberate failure for the tests" in log


def test_the_json_log_is_one_object_a_line_with_path_and_traceback():
    events = [json.loads(line) for line in error_log(LOG_FORMAT="json").splitlines()]
    failure = next(event for event in events if event["logger"] == "django.request")
    assert failure["level"] == "ERROR"
    assert failure["path"] == "/fail/?page=2"
    assert failure["status"] == 500
    assert "ZeroDivisionError: deliberate failure for the tests" in failure["traceback"]
