"""Reads on PostgreSQL replicas, writes on the primary.

settings.DATABASE_REPLICAS names the replica aliases (from DATABASE_REPLICA_URLS). Reads are spread
over them, except where a request must see its own writes or edits records: unsafe methods and
the admin read from the primary too (conflict.routers.PrimaryForEditsMiddleware marks those).
Migrations run on the primary only; replicas follow it by streaming replication.
"""

import contextvars
import itertools

from django.conf import settings

on_primary = contextvars.ContextVar("on_primary", default=False)
EDITING_PATHS = ("/admin/",)


class PrimaryReplicaRouter:
    turns = itertools.count()

    def db_for_read(self, model, **hints):
        replicas = settings.DATABASE_REPLICAS
        if not replicas or on_primary.get():
            return "default"
        return replicas[next(self.turns) % len(replicas)]

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, first, second, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PrimaryForEditsMiddleware:
    """Marks requests that write, or edit in the admin, so that all their reads go to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        editing = request.method not in {"GET", "HEAD", "OPTIONS"} or request.path.startswith(EDITING_PATHS)
        token = on_primary.set(editing)
        try:
            return self.get_response(request)
        finally:
            on_primary.reset(token)
