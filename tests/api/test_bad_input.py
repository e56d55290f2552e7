"""Bad input gets a 4xx JSON answer naming the parameter or field and the reason, never a 500,
and nothing stored changes."""

import pytest

from actors.models import Actor, Relationship
from events.models import Incident

BAD_PARAMETERS = [
    ("incidents", "date_from", "2022-13-45", "not a valid EDTF date"),
    ("incidents", "date_to", "yesterday", "not a valid EDTF date"),
    ("incidents", "date_match", "sometimes", "Select a valid choice"),
    ("incidents", "killed_min", "many", "Enter a whole number"),
    ("incidents", "killed_max", "-3", "greater than or equal to 0"),
    ("incidents", "kind", "earthquake", "Select a valid choice"),
    ("incidents", "actor", "nobody", "Select a valid choice"),
    ("incidents", "actor_id", "12x", "is not a valid value"),
    ("incidents", "actor_id", "-320510025036174284816384", "is not a valid value"),
    ("incidents", "actor_id", "9223372036854775808", "is not a valid value"),
    ("disputes", "killed_min", "-1", "greater than or equal to 0"),
    ("incidents", "role", "bystander", "Select a valid choice"),
    ("incidents", "country", "peshawar", "Select a valid choice"),
    ("incidents", "updated_since", "last week", "Enter a valid date/time"),
    ("incidents", "ordering", "password", "Select a valid choice"),
    ("incidents", "page", "two", "whole number"),
    ("incidents", "page_size", "0", "1 to 1000"),
    ("actors", "ordering", "secret", "Select a valid choice"),
    ("actors", "related_to", "nobody", "Select a valid choice"),
    ("relationships", "date_from", "2020-99", "not a valid EDTF date"),
    ("places", "within", "atlantis", "Select a valid choice"),
    ("sources", "published_from", "soon", "not a valid EDTF date"),
    ("sources", "published_to", "50%", "“50%” is not a valid EDTF date"),
    ("citations", "record_type", "weather", "Select a valid choice"),
    ("incidents", "format", "xlsx", "not a format given here"),
    ("actors", "format", "csv", "not a format given here"),
]


@pytest.mark.parametrize(("endpoint", "parameter", "value", "reason"), BAD_PARAMETERS)
def test_a_bad_parameter_is_a_400_naming_it_and_why(world, api, endpoint, parameter, value, reason):
    response = api.get(f"/api/v1/{endpoint}/", {parameter: value})
    assert response.status_code == 400
    assert reason in response.json()[parameter][0]


def test_an_unknown_slug_is_a_json_404_on_every_endpoint(world, api):
    for endpoint in ["actors", "relationships", "incidents", "places", "crossings", "sources", "citations"]:
        response = api.get(f"/api/v1/{endpoint}/999999/")
        assert response.status_code == 404, endpoint
        assert response.json()["detail"], endpoint


@pytest.fixture
def admin_api(api, django_user_model):
    api.force_login(django_user_model.objects.create_superuser("admin", password="secret"))
    return api


def test_a_wrong_content_type_is_a_415_saying_so(world, admin_api):
    response = admin_api.post("/api/v1/actors/", "name=X", content_type="text/plain")
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


def test_malformed_json_is_a_400_saying_so(world, admin_api):
    response = admin_api.post("/api/v1/actors/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize(
    ("endpoint", "payload", "field", "reason"),
    [
        ("actors", {"slug": "x", "name": "X"}, "kind", "required"),
        ("actors", {"slug": "ttp", "name": "X", "kind": "armed_group"}, "slug", "already exists"),
        ("actors", {"slug": "x", "name": "X", "kind": "militia"}, "kind", "not a valid choice"),
        ("incidents", {"slug": "x", "title": "X", "kind": "other", "date": "2023-02-30"}, "date", "EDTF"),
        (
            "incidents",
            {"slug": "x", "title": "X", "kind": "other", "date": "2023", "place": "atlantis"},
            "place",
            "not exist",
        ),
        (
            "relationships",
            {"slug": "x", "subject": "ttp", "kind": "ally_of", "object": "ttp"},
            "object",
            "cannot be related to itself",
        ),
        (
            "relationships",
            {
                "slug": "x",
                "subject": "ttp",
                "kind": "ally_of",
                "object": "jamaat-ul-ahrar",
                "start": "2020",
                "end": "2019",
            },
            "end",
            "before it starts",
        ),
        (
            "places",
            {"slug": "x", "name": "X", "kind": "place", "latitude": "34.1"},
            "non_field_errors",
            "both latitude",
        ),
        (
            "citations",
            {"source": "dawn-2023", "quote": "the TTP denied any role", "record_type": "actor", "record_id": 99999},
            "record_id",
            "There is no actor with id 99999",
        ),
    ],
)
def test_an_invalid_write_is_a_400_naming_the_field_and_stores_nothing(
    world, admin_api, endpoint, payload, field, reason
):
    counts = (Actor.objects.count(), Incident.objects.count(), Relationship.objects.count())
    response = admin_api.post(f"/api/v1/{endpoint}/", payload, format="json")
    assert response.status_code == 400
    assert reason in " ".join(response.json()[field])
    assert (Actor.objects.count(), Incident.objects.count(), Relationship.objects.count()) == counts


def test_a_quote_not_in_its_source_is_refused(world, admin_api):
    payload = {"source": "dawn-2023", "quote": "words nobody wrote", "record_type": "actor", "record_id": world.ttp.pk}
    response = admin_api.post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 400
    assert "not found verbatim" in response.json()["quote"][0]
    assert not world.ttp.citations.filter(quote="words nobody wrote").exists()


def test_an_invalid_change_leaves_the_record_as_it_was(world, admin_api):
    response = admin_api.patch("/api/v1/incidents/2021-12-talks/", {"date": "not a date"}, format="json")
    assert response.status_code == 400
    assert Incident.objects.get(slug="2021-12-talks").date == "2021-12/2022-01"


def test_a_percent_sign_in_a_date_filter_is_a_400_naming_it(api, world):
    response = api.get("/api/v1/relationships/?date_from=KB%25x")
    assert response.status_code == 400
    assert "“KB%x” is not a valid EDTF date" in response.json()["date_from"][0]
