"""Backups and restores (`make backup`, `make restore`), and the checksums that show a restore is whole.

On PostgreSQL a backup is pg_dump's custom format; on any database (and on request) it is a JSON
dump with natural keys, which loads into a freshly migrated database of either kind. Sessions,
sign-in attempts (django-axes), content types and permissions are left out: migrate re-creates
the last two, and the dump names them by natural key."""

import datetime
import hashlib
import json
import os
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

NOT_BACKED_UP = ["contenttypes", "auth.permission", "sessions", "axes"]


def is_postgresql():
    return connection.vendor == "postgresql"


def default_path(kind):
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BASE_DIR) / "backups" / f"conflict-{stamp}.{kind}"


def postgresql_arguments():
    """pg_dump/pg_restore connection options, with the password in the environment, not the command line."""
    db = settings.DATABASES["default"]
    arguments = ["--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            arguments += [option, str(db[key])]
    environment = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return arguments, environment


def backup(path=None, as_json=False):
    kind = "json" if as_json or not is_postgresql() else "dump"
    path = Path(path or default_path(kind))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "dump":
        arguments, environment = postgresql_arguments()
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *arguments], env=environment, check=True
        )
    else:
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=NOT_BACKED_UP,
            output=str(path),
            verbosity=0,
        )
    return path


def restore(path):
    """Replace the database's content with the backup's, in one transaction: all of it or none."""
    path = Path(path)
    if path.suffix == ".dump":
        arguments, environment = postgresql_arguments()
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *arguments, str(path)],
            env=environment,
            check=True,
        )
        return
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(path), verbosity=0)


def backed_up_models():
    excluded = {label for label in NOT_BACKED_UP if "." not in label}
    excluded_models = {label.lower() for label in NOT_BACKED_UP if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded and model._meta.label_lower not in excluded_models
    ]


def canonical(value):
    """A field's value as text; times to the millisecond, as far as a JSON dump keeps them."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
    return str(value)


def content_checksums():
    """{model label: [row count, sha256 of its rows]}, rows serialised with natural keys in id order."""
    checksums = {}
    for model in backed_up_models():
        rows = model._default_manager.order_by("pk")
        data = serializers.serialize("python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True)
        text = json.dumps(data, sort_keys=True, default=canonical)
        checksums[model._meta.label] = [rows.count(), hashlib.sha256(text.encode()).hexdigest()]
    return checksums
