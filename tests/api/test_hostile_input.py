"""What a hostile visitor tried, each once a server error: now a 400 naming the parameter or field
and the reason, in the API and on the pages, anonymous or signed in, with nothing half-stored."""

import base64
from urllib.parse import urlencode

import pytest

from actors.models import Relationship
from events.models import Crossing, Incident, Place

BAD_DATES = ["-0100", "2022-02-29", "0000", "XXXX", "Y170000002", "%", "%(x)s%d", "9999-12-31", "2014-33", "²"]
LISTS = ["incidents", "relationships"]


@pytest.fixture
def editor_api(api, django_user_model):
    api.force_login(django_user_model.objects.create_superuser("editor", password="secret"))
    return api


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("parameter", ["date_from", "date_to"])
def test_a_bad_date_filter_is_a_400_naming_it(world, api, endpoint, parameter, value):
    response = api.get(f"/api/v1/{endpoint}/", {parameter: value})
    assert response.status_code == 400
    assert f"“{value}” is not a valid EDTF date here" in response.json()[parameter][0]


@pytest.mark.parametrize("value", BAD_DATES)
def test_a_bad_publication_date_filter_is_a_400_naming_it(world, api, value):
    response = api.get("/api/v1/sources/", {"published_from": value})
    assert response.status_code == 400
    assert f"“{value}”" in response.json()["published_from"][0]


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("path", ["/", "/map/"])
def test_a_bad_date_filter_on_a_page_is_a_form_error(world, client, path, value):
    response = client.get(path, {"date_from": value})
    assert response.status_code == 200
    assert "is not a valid EDTF date here" in response.content.decode()
    assert "form-error" in response.content.decode()


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("page", "²"), ("page_size", "²"), ("page", "٣"), ("page_size", "99999999999999999999999")],
)
def test_a_page_number_of_odd_digits_is_a_400(world, api, parameter, value):
    for url in ["/api/v1/incidents/", "/api/v1/places/sync/"][: 1 if parameter == "page" else 2]:
        response = api.get(url, {parameter: value})
        assert response.status_code == 400, url
        assert "whole number" in response.json()[parameter][0]


def test_an_odd_page_number_on_a_page_shows_the_first_page(world, client):
    assert client.get("/", {"page": "²"}).status_code == 200


@pytest.mark.parametrize("value", ["99999999999999999999999", "9223372036854775808", "²", "-1"])
def test_an_actor_id_too_large_for_the_database_is_a_400(world, api, client, value):
    response = api.get("/api/v1/incidents/", {"actor_id": value})
    assert response.status_code == 400
    assert "is not a valid value" in response.json()["actor_id"][0]
    assert "is not a valid value" in client.get("/", {"actor_id": value}).content.decode()


def cursor(position):
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


@pytest.mark.parametrize("endpoint", ["places", "crossings", "incidents", "actors"])
@pytest.mark.parametrize(
    "position", ["abc", "99999999999999999999999", "2024-01-01T00:00:00+23:00", "0001-01-01T00:00:00+01:00"]
)
def test_a_forged_cursor_position_is_a_400_naming_the_cursor(world, api, endpoint, position):
    response = api.get(f"/api/v1/{endpoint}/sync/", {"cursor": cursor(position)})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Not a cursor" in response.json()["cursor"][0]


def test_a_cursor_position_in_another_time_zone_is_read_in_utc(world, api):
    response = api.get("/api/v1/incidents/sync/", {"cursor": cursor("2000-01-01T00:00:00+23:00")})
    assert response.status_code == 200
    assert len(response.json()["results"]) == Incident.objects.count()


@pytest.mark.parametrize("offset", ["+16:00", "-23:59", "+15:59"])
def test_updated_since_takes_any_time_zone_offset(world, api, offset):
    response = api.get("/api/v1/incidents/", {"updated_since": f"2000-01-01T00:00:00{offset}"})
    assert response.status_code == 200
    assert response.json()["count"] == Incident.objects.count()


def test_updated_since_out_of_range_once_in_utc_is_a_400(world, api):
    response = api.get("/api/v1/incidents/", {"updated_since": "0001-01-01T00:00:00+01:00"})
    assert response.status_code == 400
    assert "out of range" in response.json()["updated_since"][0]


@pytest.mark.parametrize("value", BAD_DATES)
def test_a_bad_date_in_a_write_is_a_400_naming_the_field_and_stores_nothing(world, editor_api, value):
    count = Incident.objects.count()
    created = editor_api.post("/api/v1/incidents/", {"slug": "x", "title": "X", "kind": "other", "date": value})
    assert created.status_code == 400
    assert "is not a valid EDTF date here" in created.json()["date"][0]
    changed = editor_api.patch("/api/v1/relationships/jua-splinter-of-ttp/", {"attested": value}, format="json")
    assert changed.status_code == 400
    assert "is not a valid EDTF date here" in changed.json()["attested"][0]
    assert Incident.objects.count() == count
    assert Relationship.objects.get(slug="jua-splinter-of-ttp").attested == "2023-03"


def test_a_body_nested_too_deep_is_a_400(world, editor_api):
    body = "[" * 100_000 + "]" * 100_000
    response = editor_api.post("/api/v1/actors/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deep" in response.json()["detail"]


def test_a_crossing_with_no_closure_or_reopening_lists_and_shows_fine(world, editor_api, client):
    payload = {"slug": "ghulam-khan", "name": "Ghulam Khan", "place": Place.objects.first().slug}
    created = editor_api.post("/api/v1/crossings/", payload, format="json")
    assert created.status_code == 201
    assert created.json()["status_history"] == []
    for url in ["/api/v1/crossings/", "/api/v1/crossings/sync/", "/api/v1/crossings/ghulam-khan/"]:
        assert editor_api.get(url).status_code == 200, url
    assert client.get("/crossings/ghulam-khan/").status_code == 200
    assert Crossing.objects.get(slug="ghulam-khan").status_periods() == []


UNKNOWN = [("/api/v1/incidents/", "actors"), ("/api/v1/actors/", "name"), ("/api/v1/sources/", "date")]
UNKNOWN += [("/api/v1/relationships/sync/", "since"), ("/api/v1/citations/", "record")]


@pytest.mark.parametrize(("url", "parameter"), UNKNOWN)
def test_an_unknown_parameter_is_a_400_naming_it(world, api, url, parameter):
    response = api.get(url, {parameter: "ttp"})
    assert response.status_code == 400
    assert "Unknown parameter" in response.json()[parameter][0]


def test_known_parameters_that_are_not_filters_are_not_unknown(world, api):
    assert api.get("/api/v1/incidents/", {"page": 1, "page_size": 5, "format": "json"}).status_code == 200
    assert api.get("/api/v1/incidents/", {"format": "csv", "ordering": "date"}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/map/", "/actors/", "/sources/"])
def test_an_unknown_parameter_on_a_page_is_a_form_error_and_lists_nothing(world, client, path):
    page = client.get(path, {"actors": "ttp"}).content.decode()
    assert "actors" in page and "Unknown parameter" in page


def test_the_timeline_lists_nothing_for_an_unknown_parameter(world, client):
    response = client.get("/", {"actors": "ttp"})
    assert response.context["page"].paginator.count == 0
