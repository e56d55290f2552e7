"""A database that is down, or that accepts connections and never answers, fails requests within
seconds: /healthz and the API answer a JSON 503 with Retry-After, pages an HTML 503."""

import json
import socket
import subprocess
import threading
import time

import pytest

from tests.production.conftest import PYTHON, ROOT, production_environment

REQUEST = """
import django, json, sys, time
django.setup()
from django.test import Client
answers = []
for path in sys.argv[1:]:
    start = time.monotonic()
    response = Client().get(path, secure=True)
    answers.append({
        "path": path,
        "status": response.status_code,
        "type": response["Content-Type"],
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
        "seconds": time.monotonic() - start,
    })
print(json.dumps(answers))
"""


def requests_against(database_url, *paths, **environment):
    environment = production_environment(database_url, ALLOWED_HOSTS="testserver", **environment)
    result = subprocess.run(
        [PYTHON, "-c", REQUEST, *paths], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def answers_from(stdout):
    return {answer["path"]: answer for answer in json.loads(stdout)}


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def silent_database():
    """A port that accepts connections and never says a word, like a database that has hung."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def test_a_database_that_is_down_is_a_503_json_for_the_api_and_the_health_check(closed_port):
    stdout, stderr = requests_against(
        f"postgres://postgres@127.0.0.1:{closed_port}/conflict", "/healthz", "/api/v1/incidents/", "/"
    )
    answers = answers_from(stdout)
    for path in ("/healthz", "/api/v1/incidents/"):
        assert answers[path]["status"] == 503
        assert answers[path]["type"] == "application/json"
        assert answers[path]["retry_after"] == "30"
        assert "database" in json.loads(answers[path]["body"])["detail"]
    assert answers["/"]["status"] == 503 and answers["/"]["type"].startswith("text/html")
    assert all(answer["seconds"] < 5 for answer in answers.values())
    assert "Database unavailable: GET /api/v1/incidents/" in stderr  # logged, with the traceback
    assert "Traceback" in stderr


def test_a_database_that_never_answers_fails_the_health_check_within_the_connect_timeout(silent_database):
    start = time.monotonic()
    stdout, _ = requests_against(
        f"postgres://postgres@127.0.0.1:{silent_database}/conflict", "/healthz", DATABASE_CONNECT_TIMEOUT="2"
    )
    answer = answers_from(stdout)["/healthz"]
    assert answer["status"] == 503
    assert 1.5 < answer["seconds"] < 6
    assert time.monotonic() - start < 30


def test_a_query_that_runs_too_long_is_stopped_by_the_statement_timeout(scratch_postgres):
    script = (
        "import django, time; django.setup(); from django.db import connection, OperationalError\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(10)')\n"
        "except OperationalError as error:\n"
        "    print(round(time.monotonic() - start, 1), type(error.__cause__).__name__)\n"
    )
    environment = production_environment(
        scratch_postgres("statement_timeout"),
        DJANGO_SETTINGS_MODULE="conflict.settings",
        DATABASE_STATEMENT_TIMEOUT="500",
    )
    result = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    seconds, cause = result.stdout.split()
    assert float(seconds) < 3 and cause == "QueryCanceled", result.stderr


def test_the_health_check_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
