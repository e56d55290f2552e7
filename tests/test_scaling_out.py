"""Past one machine: reads go to replicas, writes and the admin to the primary; every list, detail
and export answers conditional requests with validators a shared cache can use."""

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from actors.models import Actor
from events.models import Incident


@pytest.fixture
def replica(transactional_db, settings):
    """A second connection to the test database, standing for a streaming replica of the primary
    (it sees committed rows, hence a transactional test)."""
    primary = connections["default"].settings_dict
    replica = load_backend(primary["ENGINE"]).DatabaseWrapper(dict(primary), "replica")
    connections["replica"] = replica
    settings.DATABASE_REPLICAS = ["replica"]
    yield replica
    replica.close()
    del connections["replica"]


@pytest.fixture
def incident(db):
    return Incident.objects.create(
        slug="torkham-closure", title="Torkham closed", kind="border_closure", date="2023-02"
    )


def queries(alias_connection, request):
    with CaptureQueriesContext(alias_connection) as captured:
        response = request()
    return response, [query["sql"] for query in captured.captured_queries]


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica, admin_user):
    Incident.objects.create(slug="torkham-closure", title="Torkham closed", kind="border_closure", date="2023-02")
    api = APIClient()
    with CaptureQueriesContext(connection) as on_primary:
        response, on_replica = queries(replica, lambda: api.get("/api/v1/incidents/"))
    assert response.status_code == 200 and response.json()["count"] == 1
    assert on_replica and not on_primary.captured_queries

    api.force_authenticate(admin_user)
    with CaptureQueriesContext(connection) as on_primary:
        response, on_replica = queries(
            replica, lambda: api.post("/api/v1/actors/", {"slug": "ttp", "name": "TTP", "kind": "armed_group"})
        )
    assert response.status_code == 201 and Actor.objects.filter(slug="ttp").exists()
    assert not on_replica and any(sql.startswith("INSERT") for sql in (q["sql"] for q in on_primary.captured_queries))


def test_the_admin_reads_from_the_primary(replica, admin_client):
    with CaptureQueriesContext(connection) as on_primary:
        response, on_replica = queries(replica, lambda: admin_client.get("/admin/events/incident/"))
    assert response.status_code == 200
    assert on_primary.captured_queries and not on_replica


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/incidents/",
        "/api/v1/incidents/torkham-closure/",
        "/api/v1/incidents/?format=csv",
        "/api/v1/incidents/?format=geojson",
        "/api/v1/incidents/sync/",
        "/api/v1/actors/",
    ],
)
def test_lists_details_and_exports_answer_conditional_requests(incident, client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_anywhere_makes_the_old_copy_stale(incident, client):
    etag = client.get("/api/v1/incidents/")["ETag"]
    Actor.objects.create(slug="ttp", name="TTP", kind="armed_group")
    assert client.get("/api/v1/incidents/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_deletion_makes_the_old_copy_stale(incident, client):
    etag = client.get("/api/v1/incidents/")["ETag"]
    incident.delete()
    assert client.get("/api/v1/incidents/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_each_format_of_a_list_has_its_own_validator(incident, client):
    json_etag = client.get("/api/v1/incidents/")["ETag"]
    assert client.get("/api/v1/incidents/", HTTP_ACCEPT="text/csv", HTTP_IF_NONE_MATCH=json_etag).status_code == 200


def test_signed_in_users_responses_stay_out_of_shared_caches(incident, admin_client):
    assert admin_client.get("/api/v1/incidents/")["Cache-Control"] == "private, max-age=0"
