"""Groups "editor" and "viewer" exist after migrating; admin and the API honour the same permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from rest_framework.generics import ListCreateAPIView
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly
from rest_framework.test import APIRequestFactory

from actors.models import Actor, Alias
from events.models import Incident
from sources.models import Citation, Source

from .admin_forms import admin_url, page_form_data

pytestmark = pytest.mark.django_db

MODELS = [
    "source",
    "reference",
    "citation",
    "actor",
    "alias",
    "relationship",
    "relationshipattestation",
    "place",
    "crossing",
    "incident",
    "involvement",
    "tollfigure",
]


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


@pytest.fixture
def member(django_user_model, client):
    def sign_in(group_name):
        user = django_user_model.objects.create_user(group_name, password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return sign_in


def test_it_gives_the_viewer_group_view_permission_on_every_data_model_only():
    assert codenames("viewer") == {f"view_{model}" for model in MODELS}


def test_it_lets_editors_add_and_change_everything_and_delete_only_parts_of_records():
    deletable = {
        "alias",
        "citation",
        "involvement",
        "tollfigure",
        "reference",
        "relationship",
        "relationshipattestation",
    }
    expected = {f"{action}_{model}" for model in MODELS for action in ("view", "add", "change")}
    assert codenames("editor") == expected | {f"delete_{model}" for model in deletable}


def test_an_editor_records_an_incident_in_admin(client, member, peshawar):
    member("editor")
    url = admin_url(Incident, "add")
    fields = {"title": "Blast", "slug": "blast", "kind": "bombing", "date": "2023", "place": str(peshawar.pk)}

    response = client.post(url, page_form_data(client, url, fields))

    assert response.status_code == 302
    assert Incident.objects.get().history.get().history_user.username == "editor"


def test_an_editor_may_delete_a_citation_but_not_a_source(client, member, source, ttp):
    member("editor")
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)

    assert client.post(admin_url(Source, "delete", source.pk), {"post": "yes"}).status_code == 403
    assert client.post(admin_url(Citation, "delete", citation.pk), {"post": "yes"}).status_code == 302
    assert not Citation.objects.exists()
    assert Source.objects.exists()


def test_a_viewer_reads_admin_pages_and_history_but_changes_nothing(client, member, ttp):
    member("viewer")

    assert client.get(admin_url(Actor, "change", ttp.pk)).status_code == 200
    assert client.get(admin_url(Actor, "history", ttp.pk)).status_code == 200
    assert client.get(admin_url(Actor, "add")).status_code == 403
    response = client.post(admin_url(Actor, "change", ttp.pk), {"name": "Renamed", "slug": "ttp", "kind": "other"})
    assert response.status_code == 403
    ttp.refresh_from_db()
    assert ttp.name == "Tehreek-e-Taliban Pakistan"
    assert client.post(admin_url(Alias, "delete", ttp.aliases.get().pk), {"post": "yes"}).status_code == 403


class IncidentList(ListCreateAPIView):
    queryset = Incident.objects.all()
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]


@pytest.mark.parametrize(
    "group_name, method, allowed",
    [
        ("editor", "post", True),
        ("editor", "put", True),
        ("editor", "delete", False),
        ("viewer", "get", True),
        ("viewer", "post", False),
        (None, "get", True),
        (None, "post", False),
    ],
)
def test_the_api_permission_class_follows_the_same_groups(django_user_model, group_name, method, allowed):
    if group_name:
        user = django_user_model.objects.create_user(f"api-{group_name}")
        user.groups.add(Group.objects.get(name=group_name))
    else:
        user = AnonymousUser()
    request = getattr(APIRequestFactory(), method)("/api/incidents/")
    request.user = user
    view = IncidentList()

    assert DjangoModelPermissionsOrAnonReadOnly().has_permission(request, view) is allowed


def test_an_editor_may_merge_actors_and_a_viewer_may_not(client, member, ttp, jua):
    merge = {"action": "merge_actors", "_selected_action": [str(jua.pk)], "post": "yes", "target": str(ttp.pk)}
    member("viewer")
    client.post(admin_url(Actor, "changelist"), merge)
    assert Actor.objects.count() == 2

    member("editor")
    client.post(admin_url(Actor, "changelist"), merge)
    assert list(Actor.objects.all()) == [ttp]
