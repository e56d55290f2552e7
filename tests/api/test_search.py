"""Full-text search finds the same incidents on PostgreSQL (tsvector and GIN) and on SQLite (FTS5):
the answers below hold on both, and CI runs the suite on each."""

import pytest
from django.db import connection

from events.models import Incident, Involvement
from sources.models import Citation

# (search text, the incidents it finds) over the `world` fixture (tests/api/conftest.py).
ANSWERS = [
    ("torkham", {"2023-02-19-torkham-closure", "2023-02-25-torkham-reopening"}),  # titles
    ("TORKHAM closed", {"2023-02-19-torkham-closure"}),  # every word, case aside
    ("jamaat-ul-ahrar", {"2023-01-30-peshawar-mosque-bombing"}),  # a name, in its parts
    ("pakistani taliban", None),  # an alias: every incident of the TTP
    ("bomb", {"2023-01-30-peshawar-mosque-bombing"}),  # a word's beginning
    ("omb", set()),  # ...but not its middle
    ("hideouts", {"2022-04-16-khost-air-strike", "2022-04-kunar-air-strike"}),  # a quote behind the incident
    ("nosuchword", set()),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERS)
def test_search_finds_the_same_incidents_on_every_database(world, text, expected):
    if expected is None:
        expected = set(Incident.objects.filter(involvements__actor=world.ttp).values_list("slug", flat=True))
    assert set(Incident.objects.search(text).values_list("slug", flat=True)) == expected


def test_search_reads_the_full_text_index(world):
    sql = str(Incident.objects.search("torkham").query)
    index = "to_tsvector" if connection.vendor == "postgresql" else "events_incident_fts MATCH"
    assert index in sql


def test_a_role_s_quote_finds_its_incident(world):
    role = Involvement.objects.filter(incident__slug="2023-01-30-peshawar-mosque-bombing").first()
    Citation.objects.create(record=role, source=world.dawn, quote="More than 100 people were killed")
    assert "2023-01-30-peshawar-mosque-bombing" in set(Incident.objects.search("people").values_list("slug", flat=True))


def test_the_index_follows_edits_and_deletions(world):
    incident = Incident.objects.get(slug="2023-02-19-torkham-closure")
    incident.title = "Crossing shut after firing"
    incident.save()
    assert set(Incident.objects.search("shut").values_list("slug", flat=True)) == {"2023-02-19-torkham-closure"}
    incident.delete()
    assert not Incident.objects.search("shut").exists()
