"""Full-text search for incidents: every word in a title or summary, an actor's name or alias, or
a quote behind the incident or one of its roles.

A word matches the words of a text that start with it, case aside ("bomb" finds "bombing"); a
word with punctuation inside ("Jamaat-ul-Ahrar") is its parts, all in the same text. PostgreSQL
answers from GIN indexes on tsvector expressions; SQLite, the embedded fallback, from FTS5 tables
kept in step by triggers. Both split text on anything but letters and digits and fold case, so
they find the same incidents.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL

# (table, the columns it indexes as one document); the PostgreSQL expressions below must stay
# identical to those the indexes were built on (migration events 0005), or the indexes go unused.
DOCUMENTS = {
    "events_incident": ("title", "summary"),
    "actors_actor": ("name",),
    "actors_alias": ("name",),
    "sources_citation": ("quote",),
}
TOKEN = re.compile(r"[^\W_]+")


def terms(text):
    """The words of a search, each as the tokens it is made of."""
    return [tokens for word in text.split() if (tokens := [token.lower() for token in TOKEN.findall(word)])]


def postgresql_document(table):
    columns = " || ' ' || ".join(f"coalesce({table}.{column}, '')" for column in DOCUMENTS[table])
    return f"to_tsvector('simple'::regconfig, {columns})"


def postgresql_index(table):
    columns = " || ' ' || ".join(f"coalesce({column}, '')" for column in DOCUMENTS[table])
    return (
        f"CREATE INDEX IF NOT EXISTS {table}_search ON {table} USING gin (to_tsvector('simple'::regconfig, {columns}))"
    )


def matches(table, vendor):
    """SQL condition: the row of `table` matches the query parameter it takes."""
    if vendor == "postgresql":
        return f"{postgresql_document(table)} @@ to_tsquery('simple'::regconfig, %s)"
    return f"{table}.id IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s)"


def query_text(tokens, vendor):
    if vendor == "postgresql":
        return " & ".join(f"'{token}':*" for token in tokens)
    return " AND ".join(f'"{token}"*' for token in tokens)


def incidents_matching(tokens):
    """SQL (and parameters) for the ids of incidents one search word matches, for `pk__in`."""
    from events.models import Incident, Involvement

    vendor = connection.vendor
    query = query_text(tokens, vendor)
    incident_type = ContentType.objects.get_for_model(Incident).pk
    involvement_type = ContentType.objects.get_for_model(Involvement).pk
    sql = f"""
        SELECT id FROM events_incident WHERE {matches("events_incident", vendor)}
        UNION SELECT incident_id FROM events_involvement WHERE actor_id IN (
            SELECT id FROM actors_actor WHERE {matches("actors_actor", vendor)}
            UNION SELECT actor_id FROM actors_alias WHERE {matches("actors_alias", vendor)}
        )
        UNION SELECT object_id FROM sources_citation
            WHERE content_type_id + 0 = %s AND {matches("sources_citation", vendor)}
        UNION SELECT events_involvement.incident_id FROM events_involvement
            JOIN sources_citation ON sources_citation.object_id = events_involvement.id
            WHERE sources_citation.content_type_id + 0 = %s AND {matches("sources_citation", vendor)}
    """
    # "content_type_id + 0": the type filters the few matching quotes; used as an index, it would read
    # the ids of millions of citations of that type first (docs/performance.md).
    return RawSQL(sql, [query, query, query, incident_type, query, involvement_type, query])


def create_index(schema_editor):
    """Build the search index (in a migration); on SQLite, also restore its triggers (see ensure_triggers)."""
    vendor = schema_editor.connection.vendor
    for table in DOCUMENTS:
        if vendor == "postgresql":
            schema_editor.execute(postgresql_index(table))
        elif vendor == "sqlite":
            columns = ", ".join(DOCUMENTS[table])
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5({columns}, content='{table}', "
                "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
            )
    ensure_triggers(schema_editor.connection)


def drop_index(schema_editor):
    vendor = schema_editor.connection.vendor
    for table in DOCUMENTS:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")
        elif vendor == "sqlite":
            for action in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")


def ensure_triggers(connection, **kwargs):
    """SQLite: the triggers that keep the FTS5 tables in step, rebuilding a table whose triggers were lost.

    SQLite migrations that alter a table rebuild it and drop its triggers, so this runs after every
    migrate (post_migrate) as well as in the migration that creates the tables.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
        for table, columns in DOCUMENTS.items():
            fts = f"{table}_fts"
            if fts not in tables or {f"{fts}_insert", f"{fts}_delete", f"{fts}_update"} <= triggers:
                continue
            for statement in sqlite_triggers(table, columns):
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def sqlite_triggers(table, columns):
    fts, names = f"{table}_fts", ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]
