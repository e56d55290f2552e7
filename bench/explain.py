"""EXPLAIN ANALYZE of the queries each index is for, as the API's FilterSet builds them.

    DATABASE_URL=postgres://…/conflict_i16_bench DJANGO_ENV=development .venv/bin/python bench/explain.py

Prints Markdown (the plans quoted in docs/performance.md).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from events.filtersets import IncidentFilterSet  # noqa: E402
from events.models import Incident, Involvement  # noqa: E402


def filtered(query):
    filterset = IncidentFilterSet(QueryDict(query), queryset=Incident.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def page_of(query):
    return filtered(query)[:51]


def explain(title, queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print(f"### {title}\n\n```\n{plan}\n```\n")


def main():
    actor = Involvement.objects.values_list("actor__slug", flat=True)[1000]
    explain("date_from (incident_date_latest_idx)", page_of("date_from=2025-06-01"))
    explain("date_to (incident_dates_idx)", page_of("date_to=2002-03-01"))
    explain("kind since a date (incident_kind_idx)", page_of("kind=bombing&date_from=2024-01-01"))
    explain("actor in any role (involvement_actor_idx)", page_of(f"actor={actor}&date_from=2020-01-01"))
    explain("updated_since (incident_updated_idx)", page_of("updated_since=2026-04-05T00:00:00Z&ordering=updated"))
    explain("killed_min (incident_killed_min_idx)", page_of("killed_min=40"))
    explain("text search (the GIN indexes on tsvector expressions)", page_of("q=barmal"))
    explain("the capped count (conflict/counts.py)", filtered("kind=bombing").order_by().values("pk")[:10001])


if __name__ == "__main__":
    main()
