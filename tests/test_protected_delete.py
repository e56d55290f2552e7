"""A record others rest on cannot be deleted from admin: the page says what depends on it; no cascade loses data."""

import pytest

from actors.models import Actor, Alias, Relationship
from events.models import Crossing, Involvement
from sources.models import Citation, Source

from .admin_forms import admin_url

pytestmark = pytest.mark.django_db

PROTECTED = "would require deleting the following protected related objects"


def protected_names(response):
    return [str(item) for item in flatten(response.context["protected"])]


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def test_it_refuses_to_delete_a_source_that_has_citations_and_names_them(admin_client, source, ttp):
    Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    url = admin_url(Source, "delete", source.pk)

    for response in (admin_client.get(url), admin_client.post(url, {"post": "yes"})):
        assert response.status_code == 200
        assert PROTECTED in response.content.decode()
        assert "Citation: <a" in response.content.decode()
    assert Source.objects.filter(pk=source.pk).exists()


def test_it_refuses_to_delete_an_actor_with_a_role_in_an_incident_and_names_the_role(admin_client, jua, incident):
    Involvement.objects.create(incident=incident, actor=jua, role=Involvement.Role.CLAIMED)

    response = admin_client.post(admin_url(Actor, "delete", jua.pk), {"post": "yes"})

    assert response.status_code == 200
    assert PROTECTED in response.content.decode()
    assert "Jamaat-ul-Ahrar — Claimed responsibility — Peshawar mosque bombing" in response.content.decode()
    assert Actor.objects.filter(pk=jua.pk).exists()


def test_it_refuses_to_delete_an_actor_in_a_relationship(admin_client, ttp, jua):
    Relationship.objects.create(slug="jua-splinter", subject=jua, kind=Relationship.Kind.SPLINTER_OF, object=ttp)

    response = admin_client.post(admin_url(Actor, "delete", ttp.pk), {"post": "yes"})

    assert PROTECTED in response.content.decode()
    assert Actor.objects.filter(pk=ttp.pk).exists()


def test_the_bulk_delete_action_refuses_too_and_deletes_none_of_the_selection(admin_client, source, ttp):
    Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    unused = Source.objects.create(slug="unused", title="Unused")
    data = {"action": "delete_selected", "_selected_action": [str(source.pk), str(unused.pk)], "post": "yes"}

    response = admin_client.post(admin_url(Source, "changelist"), data)

    assert response.status_code == 200
    assert PROTECTED in response.content.decode()
    assert protected_names(response)[0].startswith("Citation:")
    assert Source.objects.count() == 2


def test_deleting_an_actor_takes_its_own_aliases_and_citations_only(admin_client, source, jua, peshawar):
    Alias.objects.create(actor=jua, name="JuA")
    Citation.objects.create(source=source, quote="Jamaat-ul-Ahrar (JuA)", record=jua)
    crossing = Crossing.objects.create(pk=jua.pk, slug="torkham", name="Torkham", place=peshawar)
    Citation.objects.create(source=source, quote="Peshawar", record=crossing)
    url = admin_url(Actor, "delete", jua.pk)

    summary = dict(admin_client.get(url).context["model_count"])
    response = admin_client.post(url, {"post": "yes"})

    assert summary == {"actors": 1, "aliases": 1, "citations": 1}
    assert response.status_code == 302
    assert [citation.record for citation in Citation.objects.all()] == [crossing]


def test_deleting_a_source_lists_and_takes_the_citations_about_it(admin_client, source):
    cited = Source.objects.create(slug="voa", title="Death Toll from Mosque Bombing")
    Citation.objects.create(source=source, quote="Between Kabul and Islamabad", record=cited)
    url = admin_url(Source, "delete", cited.pk)

    summary = dict(admin_client.get(url).context["model_count"])
    admin_client.post(url, {"post": "yes"})

    assert summary == {"sources": 1, "citations": 1}
    assert not Citation.objects.exists()
    assert Citation.history.latest().history_type == "-"
