"""Every admin page answers a superuser, and search finds actors by any alias."""

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("alice", "alice@example.org", "password")
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def registered_models():
    return [model for model in admin.site._registry if model._meta.app_label in {"actors", "events", "sources"}]


def test_every_project_model_is_registered():
    names = {model.__name__ for model in registered_models()}
    assert names == {
        "Actor",
        "Alias",
        "Relationship",
        "Place",
        "Crossing",
        "Incident",
        "Involvement",
        "TollFigure",
        "Source",
        "Reference",
        "Citation",
    }


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_every_changelist_and_add_page_answers(superuser_client, full_record_set, view):
    for model in registered_models():
        response = superuser_client.get(admin_url(model, view))
        assert response.status_code == 200, model


def test_every_change_page_answers(superuser_client, full_record_set):
    for model in registered_models():
        instance = model.objects.first()
        response = superuser_client.get(admin_url(model, "change", instance.pk))
        assert response.status_code == 200, model


def test_admin_search_finds_an_actor_by_an_alias(superuser_client, full_record_set):
    response = superuser_client.get(admin_url(full_record_set["actor"], "changelist"), {"q": "Pakistani Taliban"})
    assert list(response.context["cl"].result_list) == [full_record_set["actor"]]


def test_actor_autocomplete_finds_an_alias(superuser_client, full_record_set):
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "involvement", "field_name": "actor", "term": "Pakistani Taliban"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Tehreek-e-Taliban Pakistan"]
