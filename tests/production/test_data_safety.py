"""Data safety: `make backup` and `make restore` round-trip the corpus (with users, tokens and
history) with identical row counts and content checksums, on SQLite and on PostgreSQL; and every
migration reverses: the schema migrates to zero and back on both."""

import json
import subprocess
from pathlib import Path

import pytest
from psycopg2 import sql

from tests.production.conftest import (
    PYTHON,
    ROOT,
    administer,
    manage,
    production_environment,
    scratch_postgres_url,
)

EDITS = (
    "from django.contrib.auth.models import Group, User; from rest_framework.authtoken.models import Token; "
    "from events.models import Incident; "
    "user = User.objects.create_user('curator', password='a long pass phrase'); "
    "user.groups.add(Group.objects.get(name='editor')); Token.objects.create(user=user); "
    "incident = Incident.objects.order_by('pk').first(); incident.summary += ' (edited)'; incident.save()"
)


def make(environment, *arguments):
    result = subprocess.run(
        ["make", "--no-print-directory", *arguments, f"BIN={Path(PYTHON).parent}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def checksums(environment):
    return json.loads(manage(environment, "content_checksums"))


def loaded(environment):
    manage(environment, "migrate", "--noinput")
    manage(environment, "load_corpus")
    manage(environment, "shell", "-c", EDITS)
    return checksums(environment)


def assert_whole(restored, original):
    assert {label: count for label, (count, _) in restored.items()} == {
        label: count for label, (count, _) in original.items()
    }
    assert restored == original
    assert original["events.Incident"][0] > 50 and original["events.HistoricalIncident"][0] > 50
    assert original["authtoken.Token"][0] == 1


def sqlite_environment(path):
    return production_environment(f"sqlite:///{path}")


def test_a_sqlite_backup_restores_whole_into_a_new_database_and_over_a_changed_one(tmp_path):
    original = sqlite_environment(tmp_path / "original.sqlite3")
    before = loaded(original)
    backup = tmp_path / "backup.json"
    make(original, "backup", f"BACKUP={backup}")
    assert json.loads(backup.read_text())[0]["model"]  # a JSON dump

    fresh = sqlite_environment(tmp_path / "fresh.sqlite3")
    make(fresh, "restore", f"BACKUP={backup}")
    assert_whole(checksums(fresh), before)

    manage(original, "shell", "-c", "from events.models import Incident; Incident.objects.last().delete()")
    assert checksums(original) != before
    make(original, "restore", f"BACKUP={backup}")
    assert_whole(checksums(original), before)


@pytest.fixture(scope="module")
def postgres_original():
    url = scratch_postgres_url("backup_original")
    administer(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
    administer(url, sql.SQL("CREATE DATABASE {}"))
    environment = production_environment(url)
    yield environment, loaded(environment)
    administer(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


def test_a_postgresql_dump_restores_whole(postgres_original, scratch_postgres, tmp_path):
    original, before = postgres_original
    backup = tmp_path / "backup.dump"
    make(original, "backup", f"BACKUP={backup}")
    assert backup.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format

    fresh = production_environment(scratch_postgres("backup_restored"))
    make(fresh, "restore", f"BACKUP={backup}")
    assert_whole(checksums(fresh), before)


def test_a_json_dump_of_postgresql_restores_whole_into_sqlite(postgres_original, tmp_path):
    original, before = postgres_original
    backup = tmp_path / "backup.json"
    manage(original, "backup", "--json", str(backup))
    fresh = sqlite_environment(tmp_path / "from-postgresql.sqlite3")
    make(fresh, "restore", f"BACKUP={backup}")
    assert_whole(checksums(fresh), before)


# Every app back to before its first migration, in one plan (the executor orders the steps).
UNMIGRATE = """
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
executor = MigrationExecutor(connection)
executor.migrate([(app, None) for app in executor.loader.migrated_apps])
applied = MigrationLoader(connection).applied_migrations
tables = [table for table in connection.introspection.table_names() if table != "django_migrations"]
print(len(applied), tables)
"""


def migrate_to_zero_and_back(environment):
    manage(environment, "migrate", "--noinput")
    result = subprocess.run([PYTHON, "-c", UNMIGRATE], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"
    manage(environment, "migrate", "--noinput")
    assert "[ ]" not in manage(environment, "showmigrations")


def test_every_migration_reverses_on_sqlite_with_the_corpus_loaded(tmp_path):
    environment = sqlite_environment(tmp_path / "migrations.sqlite3")
    loaded(environment)
    migrate_to_zero_and_back(environment)


def test_every_migration_reverses_on_postgresql(scratch_postgres):
    migrate_to_zero_and_back(production_environment(scratch_postgres("migrations")))
