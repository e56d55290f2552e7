"""Numbered pages with a total for browsing, a cursor for bulk sync, and up to 1000 records a page."""

import datetime

from django.utils import timezone

from events.filtersets import IncidentFilterSet
from events.models import Incident


def test_a_page_says_how_many_records_and_pages_there_are(world, api):
    page = api.get("/api/v1/incidents/", {"page_size": 3, "page": 2}).json()
    assert (page["count"], page["page"], page["pages"], page["page_size"]) == (8, 2, 3, 3)
    assert len(page["results"]) == 3
    assert "page=3" in page["next"] and "page_size=3" in page["next"]
    assert "page=" not in page["previous"]


def test_pages_follow_the_requested_ordering(world, api):
    first = api.get("/api/v1/incidents/", {"page_size": 2, "ordering": "-date"}).json()["results"]
    assert [incident["slug"] for incident in first] == ["2023-02-25-torkham-reopening", "2023-02-19-torkham-closure"]


def test_pages_break_ties_in_the_ordering_so_no_record_is_seen_twice(world, api):
    pages = [api.get("/api/v1/incidents/", {"page_size": 1, "page": n, "ordering": "kind"}).json() for n in range(1, 9)]
    assert len({page["results"][0]["slug"] for page in pages}) == 8
    filterset = IncidentFilterSet({"ordering": "kind"}, queryset=Incident.objects.all())
    assert filterset.qs.query.order_by == ("kind", "pk")


def test_a_page_holds_up_to_a_thousand_records(world, api):
    assert api.get("/api/v1/incidents/", {"page_size": 1000}).status_code == 200
    response = api.get("/api/v1/incidents/", {"page_size": 1001})
    assert response.status_code == 400
    assert "1 to 1000" in response.json()["page_size"][0]


def test_a_page_past_the_end_is_a_json_404_naming_the_page(world, api):
    response = api.get("/api/v1/incidents/", {"page": 4, "page_size": 3})
    assert response.status_code == 404
    assert response.json() == {"page": ["Page 4 is past the end: there are 3 pages."]}


def test_an_empty_list_is_one_empty_page(db, api):
    page = api.get("/api/v1/incidents/").json()
    assert (page["count"], page["pages"], page["results"]) == (0, 1, [])


def test_sync_walks_every_record_oldest_change_first_with_a_cursor(world, api):
    Incident.objects.filter(slug="2021-12-talks").update(updated=timezone.now() + datetime.timedelta(days=1))
    seen, url = [], "/api/v1/incidents/sync/?page_size=3"
    while url:
        page = api.get(url).json()
        assert len(page["results"]) <= 3
        seen += [incident["slug"] for incident in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(Incident.objects.values_list("slug", flat=True))
    assert seen[-1] == "2021-12-talks"


def test_sync_takes_the_list_filters(world, api):
    page = api.get("/api/v1/incidents/sync/", {"crossing": "torkham"}).json()
    assert {incident["slug"] for incident in page["results"]} == {
        "2023-02-19-torkham-closure",
        "2023-02-25-torkham-reopening",
    }


def test_every_endpoint_has_a_sync_list(world, api):
    for endpoint in ["actors", "relationships", "incidents", "places", "crossings", "sources", "citations"]:
        response = api.get(f"/api/v1/{endpoint}/sync/", {"page_size": 1000})
        assert response.status_code == 200, endpoint
        assert response.json()["next"] is None


def test_a_forged_cursor_is_a_400_naming_the_cursor(world, api):
    response = api.get("/api/v1/incidents/sync/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.json()
