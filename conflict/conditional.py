"""Conditional requests: one version of the whole collection, the latest moment anything public
was added, changed or deleted, read in one query from indexed columns (each table's `updated`
where it has one, and every history table's `history_date`, which also records deletions).

Every API list, detail and export carries it as ETag and Last-Modified, answers 304 when the
client's copy is current, and says how a shared cache may keep it. Writes that bypass save()
(QuerySet.update(), raw SQL) bypass this too; generate_synthetic stamps `updated` itself.
"""

import functools
import hashlib
import time

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from conflict import versions

# Long enough for a cache in front to spare the database a burst of identical requests; short
# enough that a correction shows within a minute. After that the cache revalidates with the ETag.
CACHE_CONTROL = "public, max-age=60"

APPS = ("actors", "events", "sources")
REMEMBER_SECONDS = 1.0
remembered = {}  # database alias -> (when read, last change)


@functools.cache
def version_sql():
    maxima = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        column = "history_date" if model.__name__.startswith("Historical") else "updated"
        if column in {field.column for field in model._meta.concrete_fields}:
            maxima.append(f"SELECT MAX({column}) AS changed FROM {model._meta.db_table}")
    return f"SELECT MAX(changed) FROM ({' UNION ALL '.join(maxima)}) AS maxima"


def last_change(using="default"):
    """The latest change of anything public (None for an empty database), read at most once a second
    per process (planning the query over some twenty tables costs more than most answers), and
    afresh after this process saves or deletes anything."""
    now = time.monotonic()
    known = remembered.get(using)
    if known is not None and now - known[0] < REMEMBER_SECONDS:
        return known[1]
    remembered[using] = (now, read_last_change(using))
    return remembered[using][1]


def forget_last_change(**kwargs):
    remembered.clear()


post_save.connect(forget_last_change, weak=False)
post_delete.connect(forget_last_change, weak=False)


def read_last_change(using):
    with connections[using].cursor() as cursor:
        cursor.execute(version_sql())
        changed = cursor.fetchone()[0]
    if isinstance(changed, str):  # SQLite hands back the text it stores
        changed = parse_datetime(changed)
    return changed


def etag(changed, representation, record=None):
    """A validator for one representation (URL and format) of the collection as of `changed`; for one
    record's detail it begins with the record's version (conflict/versions.py), for If-Match."""
    digest = hashlib.sha1(f"{changed.isoformat() if changed else ''} {representation}".encode()).hexdigest()[:20]
    return f'"{digest}"' if record is None else versions.etag(record, suffix=digest)


class NotModified(Exception):
    """The client's copy is current: answer with this 304 instead of the representation."""

    def __init__(self, response):
        self.response = response


def check(request, representation, using="default", record=None):
    """The validator headers for a response to `request`; raises NotModified when its copy is current."""
    changed = last_change(using)
    headers = {"ETag": etag(changed, representation, record)}
    if changed is not None:
        headers["Last-Modified"] = http_date(changed.timestamp())
    not_modified = get_conditional_response(
        request, etag=headers["ETag"], last_modified=int(changed.timestamp()) if changed else None
    )
    # A signed-in user's pages may show what only they can do: no shared cache keeps those.
    headers["Cache-Control"] = "private, max-age=0" if request.user.is_authenticated else CACHE_CONTROL
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        raise NotModified(not_modified)
    return headers
