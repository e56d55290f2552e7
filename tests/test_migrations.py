from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_every_migration_is_applied_to_the_test_database(db):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert plan == []
    assert {"actors_actor", "events_incident", "sources_citation"} <= set(connection.introspection.table_names())
