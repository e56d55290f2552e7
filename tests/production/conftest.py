"""Helpers for the tests that run the application as production runs it: in its own processes,
on scratch databases (SQLite files, and PostgreSQL databases created and dropped here).

PostgreSQL is the one of DATABASE_URL when that is PostgreSQL, else POSTGRES_URL, else CI's
server at 127.0.0.1:5432; scratch databases are named after it (`<name>_<purpose>`). A server
that is down fails these tests: they never skip."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/conflict"
# Variables of the outer run that must not leak into the processes started here.
OUTER_VARIABLES = {
    "DJANGO_ENV",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their own process only
}


def postgres_base_url():
    for candidate in (os.environ.get("DATABASE_URL", ""), os.environ.get("POSTGRES_URL", "")):
        if candidate.startswith(("postgres://", "postgresql://")):
            return candidate
    return DEFAULT_POSTGRES


def scratch_postgres_url(purpose):
    base = dj_database_url.parse(postgres_base_url())
    name = f"{base['NAME']}_{purpose}"
    auth = base["USER"] + (f":{base['PASSWORD']}" if base.get("PASSWORD") else "")
    return f"postgres://{auth}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{name}"


def administer(url, statement):
    """Run CREATE/DROP DATABASE on the server of `url`, connected to its `postgres` database."""
    db = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        connect_timeout=5,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement.format(sql.Identifier(db["NAME"])))
    finally:
        connection.close()


@pytest.fixture
def scratch_postgres(request):
    """A factory of empty PostgreSQL databases, dropped after the test."""
    created = []

    def make(purpose):
        url = scratch_postgres_url(purpose)
        administer(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
        administer(url, sql.SQL("CREATE DATABASE {}"))
        created.append(url)
        return url

    yield make
    for url in created:
        administer(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


def production_environment(database_url, **extra):
    environment = {key: value for key, value in os.environ.items() if key not in OUTER_VARIABLES}
    return environment | {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "conflict.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        **extra,
    }


def manage(environment, *arguments, timeout=600):
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(arguments)} failed:\n{result.stderr}"
    return result.stdout


def free_port():
    """A free port: from PRODUCTION_TEST_PORTS (e.g. 8150-8159) when set, else any the system gives."""
    wanted = os.environ.get("PRODUCTION_TEST_PORTS")
    if wanted:
        first, last = (int(end) for end in wanted.split("-"))
        candidates = range(first, last + 1)
    else:
        candidates = [0]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    pytest.fail(f"No free port in {wanted}")
