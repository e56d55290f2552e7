"""Full-text search over incident titles and summaries, actor names and aliases, and quotes:
GIN indexes on tsvector expressions on PostgreSQL, FTS5 tables kept by triggers on SQLite
(events/search.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from events.search import create_index

    create_index(schema_editor)


def drop(apps, schema_editor):
    from events.search import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_scale_indexes"),
        ("actors", "0002_history"),
        ("sources", "0003_updated_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
