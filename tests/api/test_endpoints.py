"""Every record type has a list and a detail by slug under /api/v1/; anyone may read, and only a
user holding the model's Django permission may write, by session or by token."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from actors.models import Actor
from events.models import Incident

DETAILS = [
    ("actors", "ttp"),
    ("relationships", "jua-splinter-of-ttp"),
    ("incidents", "2023-01-30-peshawar-mosque-bombing"),
    ("places", "peshawar"),
    ("crossings", "torkham"),
    ("sources", "dawn-2023"),
]

NEW_ACTOR = {"slug": "lashkar-e-islam", "name": "Lashkar-e-Islam", "kind": "armed_group"}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="secret")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_actor", "change_actor", "delete_actor"]))
    return user


@pytest.mark.parametrize(("endpoint", "slug"), DETAILS)
def test_it_lists_every_record_type_and_shows_each_by_slug(world, api, endpoint, slug):
    listing = api.get(f"/api/v1/{endpoint}/")
    assert listing.status_code == 200
    assert slug in [record["slug"] for record in listing.json()["results"]]
    detail = api.get(f"/api/v1/{endpoint}/{slug}/")
    assert detail.status_code == 200
    assert detail.json()["slug"] == slug


def test_it_lists_citations_and_shows_each_by_id(world, api):
    listing = api.get("/api/v1/citations/").json()
    citation = listing["results"][0]
    assert listing["count"] == 22
    assert api.get(citation["api_url"]).json()["quote"] == citation["quote"]


def test_the_api_root_links_every_endpoint(api, db):
    assert set(api.get("/api/v1/").json()) == {
        "actors",
        "relationships",
        "disputes",
        "incidents",
        "places",
        "crossings",
        "sources",
        "citations",
    }


def test_it_answers_an_unknown_slug_with_a_json_404(world, api):
    response = api.get("/api/v1/actors/nobody/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_anonymous_users_cannot_write(world, api):
    response = api.post("/api/v1/actors/", NEW_ACTOR, format="json")
    assert response.status_code == 401
    assert not Actor.objects.filter(slug="lashkar-e-islam").exists()


def test_a_signed_in_user_without_the_permission_cannot_write(world, api, django_user_model):
    api.force_login(django_user_model.objects.create_user("reader", password="secret"))
    assert api.post("/api/v1/actors/", NEW_ACTOR, format="json").status_code == 403
    assert api.delete("/api/v1/actors/umar-khalid/").status_code == 403


def test_a_user_with_the_permission_writes_with_a_session(world, client, editor):
    client.force_login(editor)
    response = client.post("/api/v1/actors/", NEW_ACTOR, content_type="application/json")
    assert response.status_code == 201
    assert Actor.objects.get(slug="lashkar-e-islam").name == "Lashkar-e-Islam"


def test_a_user_with_the_permission_writes_with_a_token(world, api, editor):
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = api.patch("/api/v1/actors/ttp/", {"description": "Pakistani militant group."}, format="json")
    assert response.status_code == 200
    assert Actor.objects.get(slug="ttp").description == "Pakistani militant group."
    assert (
        api.post("/api/v1/incidents/", {"slug": "x", "title": "X", "kind": "other", "date": "2023"}).status_code == 403
    )


def test_a_write_takes_related_records_by_slug(world, api, django_user_model):
    api.force_login(django_user_model.objects.create_superuser("admin", password="secret"))
    response = api.post(
        "/api/v1/incidents/",
        {"slug": "2023-bannu", "title": "Attack in Bannu", "kind": "armed_attack", "date": "2023-12", "place": "bannu"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["place"]["slug"] == "bannu"
    assert Incident.objects.get(slug="2023-bannu").date_latest.isoformat() == "2023-12-31"


def test_a_citation_is_written_against_a_record_by_type_and_id(world, api, django_user_model):
    api.force_login(django_user_model.objects.create_superuser("admin", password="secret"))
    payload = {"source": "dawn-2023", "quote": "the TTP denied any role", "record_type": "actor"}
    response = api.post("/api/v1/citations/", {**payload, "record_id": world.jua.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["record"]["slug"] == "jamaat-ul-ahrar"
    assert world.jua.citations.get().start == world.dawn.text.index("the TTP denied any role")


def test_deleting_a_record_others_rest_on_is_refused_with_a_conflict(world, api, editor):
    api.force_login(editor)
    response = api.delete("/api/v1/actors/ttp/")
    assert response.status_code == 409
    assert response.json()["protected_by"]
    assert Actor.objects.filter(slug="ttp").exists()


@pytest.mark.parametrize(("endpoint", "slug"), [*DETAILS, ("citations", None)])
def test_the_browsable_api_shows_lists_and_edit_forms(world, api, django_user_model, endpoint, slug):
    api.force_login(django_user_model.objects.create_superuser("admin", password="secret"))
    slug = slug or world.dawn.citations.first().pk
    for path in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{slug}/"):
        response = api.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, path
        assert "<form" in response.content.decode()
