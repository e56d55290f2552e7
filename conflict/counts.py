"""Counting matches without counting a million rows: exact up to a cap, the planner's estimate beyond.

A list page says how many records match. Counting is cheap while few rows match, and an exact
COUNT(*) over hundreds of thousands of rows costs more than the page itself; so on PostgreSQL rows
are counted up to COUNT_LIMIT + 1 and, past that, the planner's estimate (EXPLAIN) stands in,
flagged as an estimate. SQLite, the embedded database for small collections, always counts.
"""

import json

from django.db import connections

COUNT_LIMIT = 10_000


def bounded_count(queryset, limit=COUNT_LIMIT):
    """(number, exact): the exact count if at most `limit` rows match, else an estimate above `limit`."""
    queryset = queryset.order_by()
    if connections[queryset.db].vendor != "postgresql":
        return queryset.count(), True
    capped = queryset[: limit + 1].count()
    if capped <= limit:
        return capped, True
    return max(planner_estimate(queryset), capped), False


def planner_estimate(queryset):
    """How many rows PostgreSQL's planner expects `queryset` to return (no rows are read)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])
