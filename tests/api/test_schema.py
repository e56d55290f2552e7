"""The OpenAPI 3 schema is valid, describes the filters and the responses actually sent, and is
read through Swagger UI and ReDoc pages that load nothing from another host."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

ENDPOINTS = ["actors", "relationships", "incidents", "places", "crossings", "sources", "citations"]


@pytest.fixture
def schema(api, db):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def parameters(schema, path):
    return {parameter["name"]: parameter for parameter in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_covers_every_endpoint_list_detail_and_sync(schema):
    for endpoint in ENDPOINTS:
        lookup = "{id}" if endpoint == "citations" else "{slug}"
        for path in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{lookup}/", f"/api/v1/{endpoint}/sync/"):
            assert path in schema["paths"], path


def test_the_schema_describes_the_incident_filters(schema):
    described = parameters(schema, "/api/v1/incidents/")
    for name in ["date_from", "date_to", "date_match", "kind", "actor", "actor_id", "role", "include_factions"]:
        assert name in described, name
    for name in ["country", "province", "district", "place", "crossing", "source", "killed_min", "killed_max"]:
        assert name in described, name
    for name in ["q", "updated_since", "ordering", "page", "page_size", "format"]:
        assert name in described, name
    assert "air_strike" in described["kind"]["schema"]["items"]["enum"]
    assert described["kind"]["explode"] is True


def test_the_schema_describes_each_incident_list_format(schema):
    content = schema["paths"]["/api/v1/incidents/"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/csv", "application/geo+json", "application/vnd.timelinejs+json"}
    assert content["application/json"]["schema"]["$ref"] == "#/components/schemas/PaginatedIncidentList"
    assert content["application/geo+json"]["schema"]["$ref"] == "#/components/schemas/FeatureCollection"


def test_the_schema_describes_pages_and_sync_pages_as_sent(schema):
    components = schema["components"]["schemas"]
    assert set(components["PaginatedIncidentList"]["properties"]) == {
        "count",
        "count_estimate",
        "page",
        "pages",
        "page_size",
        "next",
        "previous",
        "results",
    }
    sync = schema["paths"]["/api/v1/incidents/sync/"]["get"]
    assert sync["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("SyncIncidentPage")
    assert set(components["SyncIncidentPage"]["properties"]) == {"next", "previous", "results"}
    assert "cursor" in parameters(schema, "/api/v1/incidents/sync/")


def test_the_schema_reads_related_records_as_summaries_and_writes_them_as_slugs(schema):
    components = schema["components"]["schemas"]
    assert components["Incident"]["properties"]["place"]["allOf"][0]["$ref"].endswith("PlaceSummary")
    assert components["IncidentRequest"]["properties"]["place"]["type"] == "string"


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_schema_readers_load_only_our_own_files(api, db, path):
    response = api.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"https?://", html) == []
    assert "fonts.googleapis" not in html
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset
    assert "/static/drf_spectacular_sidecar/" in html
