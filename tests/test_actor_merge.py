"""Merging a duplicate actor moves everything it carries to the actor kept, in one transaction, on record."""

import pytest
from django.contrib.messages import get_messages

from actors.models import Actor, Alias, Relationship
from events.models import Involvement
from sources.models import Citation, CitationQuerySet

from .admin_forms import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(db):
    """The TTP entered a second time, under another name."""
    actor = Actor.objects.create(slug="ttp-2", name="TTP", kind=Actor.Kind.ARMED_GROUP)
    Alias.objects.create(actor=actor, name="Pakistani Taliban")
    Alias.objects.create(actor=actor, name="Tehrik-i-Taliban")
    return actor


def relate(subject, kind, object, slug, **fields):
    return Relationship.objects.create(slug=slug, subject=subject, kind=kind, object=object, **fields)


def cite(source, record, quote):
    return Citation.objects.create(source=source, quote=quote, record=record)


def quotes(record):
    return sorted(Citation.objects.for_record(record).values_list("quote", flat=True))


def test_it_moves_aliases_and_keeps_the_merged_name_as_an_alias(ttp, duplicate):
    duplicate.merge_into(ttp)

    assert not Actor.objects.filter(slug="ttp-2").exists()
    assert sorted(ttp.aliases.values_list("name", flat=True)) == ["Pakistani Taliban", "TTP", "Tehrik-i-Taliban"]


def test_it_moves_relationships_in_both_directions(ttp, jua, duplicate):
    haqqani = Actor.objects.create(slug="haqqani", name="Haqqani network", kind=Actor.Kind.ARMED_GROUP)
    relate(duplicate, Relationship.Kind.ALLY_OF, haqqani, "ttp2-ally-haqqani")
    relate(haqqani, Relationship.Kind.SUPPORTS, duplicate, "haqqani-supports-ttp2")

    duplicate.merge_into(ttp)

    assert sorted(str(relationship) for relationship in Relationship.objects.involving(ttp)) == [
        "Haqqani network supports Tehreek-e-Taliban Pakistan",
        "Tehreek-e-Taliban Pakistan ally of Haqqani network",
    ]


def test_it_drops_a_duplicated_relationship_and_keeps_both_citations(source, ttp, jua, duplicate):
    kept = relate(jua, Relationship.Kind.SPLINTER_OF, ttp, "jua-splinter-of-ttp")
    cite(source, kept, "a splinter group of the TTP")
    dropped = relate(jua, Relationship.Kind.SPLINTER_OF, duplicate, "jua-splinter-of-ttp2")
    cite(source, dropped, "Jamaat-ul-Ahrar (JuA)")
    cite(source, dropped, "a splinter group of the TTP")

    duplicate.merge_into(ttp)

    assert list(Relationship.objects.all()) == [kept]
    assert quotes(kept) == ["Jamaat-ul-Ahrar (JuA)", "a splinter group of the TTP"]


def test_it_drops_a_relationship_that_would_relate_the_actor_to_itself_keeping_its_citations(source, ttp, duplicate):
    self_tie = relate(duplicate, Relationship.Kind.FACTION_OF, ttp, "ttp2-faction-of-ttp")
    cite(source, self_tie, "Pakistani Taliban")

    duplicate.merge_into(ttp)

    assert not Relationship.objects.exists()
    assert quotes(ttp) == ["Pakistani Taliban"]


def test_it_moves_roles_and_folds_a_role_the_target_already_has_into_it(source, incident, ttp, jua, duplicate):
    kept = Involvement.objects.create(incident=incident, actor=ttp, role=Involvement.Role.CLAIMED)
    cite(source, kept, "claimed responsibility")
    folded = Involvement.objects.create(incident=incident, actor=duplicate, role=Involvement.Role.CLAIMED)
    cite(source, folded, "suicide blast in Peshawar")
    Involvement.objects.create(incident=incident, actor=duplicate, role=Involvement.Role.ACCUSED, accused_by=jua)

    duplicate.merge_into(ttp)

    assert sorted(incident.involvements.values_list("actor__slug", "role", "accused_by__slug")) == [
        ("ttp", "accused", "jamaat-ul-ahrar"),
        ("ttp", "claimed", None),
    ]
    assert quotes(kept) == ["claimed responsibility", "suicide blast in Peshawar"]


def test_it_moves_accusations_made_by_the_merged_actor(incident, ttp, jua, duplicate):
    accusation = Involvement.objects.create(
        incident=incident, actor=jua, role=Involvement.Role.ACCUSED, accused_by=duplicate
    )

    duplicate.merge_into(ttp)

    accusation.refresh_from_db()
    assert accusation.accused_by == ttp


def test_it_moves_the_actor_citations_without_doubling_one_the_target_has(source, ttp, duplicate):
    cite(source, ttp, "Pakistani Taliban")
    cite(source, duplicate, "Pakistani Taliban")
    cite(source, duplicate, "Tehreek-e-Taliban Pakistan - TTP")

    duplicate.merge_into(ttp)

    assert quotes(ttp) == ["Pakistani Taliban", "Tehreek-e-Taliban Pakistan - TTP"]
    assert Citation.objects.count() == 2


def test_it_records_every_change_of_a_merge_with_its_reason(source, incident, ttp, duplicate):
    role = Involvement.objects.create(incident=incident, actor=duplicate, role=Involvement.Role.PERPETRATOR)
    citation = cite(source, duplicate, "Pakistani Taliban")
    merged_id = duplicate.pk

    reason = duplicate.merge_into(ttp)

    assert reason == "Merged actor “TTP” (ttp-2) into “Tehreek-e-Taliban Pakistan” (ttp)."
    assert ttp.history.latest().history_change_reason == reason
    assert Actor.history.filter(id=merged_id).latest().history_type == "-"
    assert Actor.history.filter(id=merged_id).latest().history_change_reason == reason
    for record in (role, citation, ttp.aliases.get(name="TTP")):
        assert type(record).history.filter(id=record.pk).latest().history_change_reason == reason


def test_it_changes_nothing_when_a_merge_fails_half_way(monkeypatch, source, incident, ttp, duplicate):
    Involvement.objects.create(incident=incident, actor=duplicate, role=Involvement.Role.PERPETRATOR)
    cite(source, duplicate, "Pakistani Taliban")

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CitationQuerySet, "move_to", fail)
    with pytest.raises(RuntimeError):
        duplicate.merge_into(ttp)

    duplicate.refresh_from_db()
    assert duplicate.aliases.count() == 2
    assert list(incident.involvements.values_list("actor__slug", flat=True)) == ["ttp-2"]
    assert quotes(duplicate) == ["Pakistani Taliban"]
    assert list(ttp.aliases.values_list("name", flat=True)) == ["Pakistani Taliban"]


def test_it_refuses_to_merge_an_actor_into_itself(ttp):
    with pytest.raises(ValueError, match="into itself"):
        ttp.merge_into(ttp)


def merge_action(*actors, **confirmation):
    return {"action": "merge_actors", "_selected_action": [str(actor.pk) for actor in actors], **confirmation}


def test_the_admin_action_asks_which_actor_to_keep_before_merging(admin_client, ttp, duplicate):
    response = admin_client.post(admin_url(Actor, "changelist"), merge_action(duplicate, ttp))

    assert response.status_code == 200
    assert response.templates[0].name == "admin/actors/actor/merge_confirmation.html"
    assert [actor.slug for actor in response.context["actors"]] == ["ttp-2", "ttp"]
    assert response.context["actors"][0].alias_count == 2
    assert Actor.objects.count() == 2


def test_the_admin_action_merges_the_selected_actors_into_the_one_kept(admin_client, admin_user, ttp, jua, duplicate):
    url = admin_url(Actor, "changelist")

    response = admin_client.post(url, merge_action(duplicate, ttp, jua, post="yes", target=str(ttp.pk)))

    assert response.status_code == 302
    assert list(Actor.objects.all()) == [ttp]
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Merged “Jamaat-ul-Ahrar”, “TTP” into “Tehreek-e-Taliban Pakistan”."
    ]
    latest = ttp.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        admin_user,
        "Merged actor “TTP” (ttp-2) into “Tehreek-e-Taliban Pakistan” (ttp).",
    )
    assert "Merged actor “TTP” (ttp-2)" in admin_client.get(admin_url(Actor, "history", ttp.pk)).content.decode()


def test_the_admin_action_asks_again_when_no_actor_to_keep_is_chosen(admin_client, ttp, duplicate):
    response = admin_client.post(admin_url(Actor, "changelist"), merge_action(duplicate, ttp, post="yes", target=""))

    assert response.status_code == 200
    assert response.context["form"].errors["target"] == ["This field is required."]
    assert Actor.objects.count() == 2


def test_the_history_of_a_moved_role_still_shows_the_merged_actor(admin_client, incident, ttp, duplicate):
    role = Involvement.objects.create(incident=incident, actor=duplicate, role=Involvement.Role.PERPETRATOR)
    duplicate.merge_into(ttp)

    response = admin_client.get(admin_url(Involvement, "history", role.pk))

    assert response.status_code == 200
    assert "TTP — Perpetrator — Peshawar mosque bombing" in response.content.decode()
    assert "Merged actor “TTP” (ttp-2)" in response.content.decode()
