"""A list costs the same number of queries for one record as for a hundred."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Alias, Relationship
from conflict.conditional import forget_last_change
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Reference, Source

# Citations of one record type here: their records are fetched with one query per type on the page.
ENDPOINTS = [
    ("actors", {}),
    ("relationships", {}),
    ("incidents", {}),
    ("places", {}),
    ("crossings", {}),
    ("sources", {}),
    ("citations", {"record_type": "incident"}),
]
TEXT = "Fighters attacked a post near the border, officials said."


@pytest.fixture
def hundreds(db):
    """At least a hundred records of every type, each with the related rows its representation shows."""
    country = Place.objects.create(slug="country", name="Country", kind="country")
    previous_source = None
    for number in range(100):
        source = Source.objects.create(slug=f"source-{number}", title=f"Source {number}", text=TEXT)
        if previous_source:
            Reference.objects.create(citing=source, cited=previous_source, note=str(number))
        previous_source = source
        province = Place.objects.create(slug=f"province-{number}", name="P", kind="province", parent=country)
        town = Place.objects.create(
            slug=f"town-{number}", name="T", kind="place", parent=province, latitude=1, longitude=2, precision="exact"
        )
        crossing = Crossing.objects.create(slug=f"crossing-{number}", name="C", place=town)
        actor = Actor.objects.create(slug=f"actor-{number}", name=f"Actor {number}", kind="armed_group")
        Alias.objects.create(actor=actor, name=f"A{number}")
        other = Actor.objects.create(slug=f"other-{number}", name=f"Other {number}", kind="person")
        tie = Relationship.objects.create(slug=f"tie-{number}", subject=other, kind="member_of", object=actor)
        # Every actor on both sides of a tie, so that a page of one shows every kind of related row.
        ally = Relationship.objects.create(slug=f"ally-{number}", subject=actor, kind="ally_of", object=other)
        Citation.objects.create(source=source, quote="attacked a post", record=ally)
        incident = Incident.objects.create(
            slug=f"incident-{number}", title="I", kind="border_closure", date="2023-02", place=town, crossing=crossing
        )
        involvement = Involvement.objects.create(incident=incident, actor=actor, role="accused", accused_by=other)
        toll = TollFigure.objects.create(incident=incident, source=source, measure="killed", low=1, as_printed="1")
        incident.update_tolls()
        for record in (actor, tie, incident, involvement, toll, town, crossing):
            Citation.objects.create(source=source, quote="attacked a post", record=record, via=previous_source)
    Reference.objects.create(citing=Source.objects.get(slug="source-0"), cited=previous_source, note="1")


def queries_for(api, endpoint, page_size, **filters):
    forget_last_change()  # read once a second at most: each request here reads it
    ContentType.objects.clear_cache()  # each request here looks its content types up afresh
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/api/v1/{endpoint}/", {"page_size": page_size, **filters})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    return len(queries)


def test_the_queries_for_a_list_do_not_grow_with_the_page_size(hundreds, api):
    # One test for all endpoints: building the hundreds once keeps the suite quick.
    for endpoint, filters in ENDPOINTS:
        assert queries_for(api, endpoint, 1, **filters) == queries_for(api, endpoint, 100, **filters), endpoint


def test_a_page_of_citations_costs_one_query_per_record_type_however_long(hundreds, api):
    assert queries_for(api, "citations", 100) == queries_for(api, "citations", 700)


def test_the_queries_for_an_export_do_not_grow_with_the_records(hundreds, api):
    def count(export_format, **filters):
        forget_last_change()
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/incidents/", {"format": export_format, **filters}).status_code == 200
        return len(queries)

    for export_format in ["csv", "geojson", "timeline"]:
        assert count(export_format, q="A7") == count(export_format, q="A"), export_format
