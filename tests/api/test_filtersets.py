"""The FilterSets the API and the HTML pages share: each filter keeps exactly the records it says."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from actors.filtersets import ActorFilterSet, RelationshipFilterSet
from actors.models import Actor, Relationship
from events.filtersets import CrossingFilterSet, IncidentFilterSet, PlaceFilterSet
from events.models import Incident, Place
from sources.filtersets import CitationFilterSet, SourceFilterSet
from sources.models import Citation, Source


def query(params):
    """The parameters as a request's query string carries them (a list value repeats the parameter)."""
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def slugs(filterset_class, model, **params):
    filterset = filterset_class(query(params), queryset=model.objects.all())
    assert filterset.is_valid(), filterset.errors
    return {record.slug for record in filterset.qs}


def incidents(**params):
    return slugs(IncidentFilterSet, Incident, **params)


def errors(filterset_class, model, **params):
    filterset = filterset_class(query(params), queryset=model.objects.all())
    assert not filterset.is_valid()
    return filterset.errors


def test_it_keeps_incidents_whose_possible_dates_overlap_the_range_by_default(world):
    assert incidents(date_from="2022", date_to="2022") == {
        "2021-12-talks",
        "2022-04-16-khost-air-strike",
        "2022-04-kunar-air-strike",
        "2022-06-ttp-ceasefire",
        "2022-11-28-ttp-ceasefire-end",
    }


def test_it_keeps_only_incidents_certainly_inside_the_range_in_within_mode(world):
    assert "2021-12-talks" not in incidents(date_from="2022", date_to="2022", date_match="within")
    assert incidents(date_from="2022-04-10", date_to="2022-04-20", date_match="within") == {
        "2022-04-16-khost-air-strike"
    }
    assert incidents(date_from="2022-04-10", date_to="2022-04-20") == {
        "2022-04-16-khost-air-strike",
        "2022-04-kunar-air-strike",
    }


def test_it_takes_either_end_of_the_range_alone(world):
    assert incidents(date_from="2023-02") == {"2023-02-19-torkham-closure", "2023-02-25-torkham-reopening"}
    assert incidents(date_to="2021") == {"2021-12-talks"}


def test_it_rejects_a_malformed_date_naming_the_parameter(world):
    assert "not a valid EDTF date" in errors(IncidentFilterSet, Incident, date_from="2022-13-45")["date_from"][0]
    assert "date_match" in errors(IncidentFilterSet, Incident, date_match="sometime")


def test_it_keeps_several_kinds_at_once(world):
    assert incidents(kind=["ceasefire", "ceasefire_end"]) == {"2022-06-ttp-ceasefire", "2022-11-28-ttp-ceasefire-end"}
    assert "kind" in errors(IncidentFilterSet, Incident, kind=["earthquake"])


def test_it_keeps_incidents_involving_an_actor_in_any_role(world):
    assert incidents(actor="ttp") == {
        "2021-12-talks",
        "2022-04-16-khost-air-strike",
        "2022-06-ttp-ceasefire",
        "2022-11-28-ttp-ceasefire-end",
        "2023-01-30-peshawar-mosque-bombing",
    }
    assert incidents(actor_id=str(world.jua.pk)) == {"2023-01-30-peshawar-mosque-bombing"}


def test_it_keeps_an_actor_in_a_given_role_only(world):
    assert incidents(actor="ttp", role="target") == {"2022-04-16-khost-air-strike"}
    assert incidents(actor="jamaat-ul-ahrar", role="denied") == set()
    assert incidents(role="claimed") == {"2023-01-30-peshawar-mosque-bombing"}


def test_it_counts_factions_and_members_of_the_actor_when_asked(world):
    Incident.objects.get(slug="2022-06-ttp-ceasefire").involvements.filter(actor=world.ttp).delete()
    assert "2022-06-ttp-ceasefire" not in incidents(actor="ttp")
    khalid_incident = Incident.objects.create(slug="khalid-arrest", title="Arrest", kind="arrest", date="2023-05")
    khalid_incident.involvements.create(actor=world.khalid, role="victim")
    assert "khalid-arrest" not in incidents(actor="ttp", role="victim")
    assert incidents(actor="ttp", role="victim", include_factions="true") == {"khalid-arrest"}
    assert incidents(actor="ttp", role="claimed", include_factions="true") == {"2023-01-30-peshawar-mosque-bombing"}


def test_it_follows_only_belonging_relationships_for_factions(world):
    assert set(Actor.objects.filter(slug="ttp").with_factions_and_members().values_list("slug", flat=True)) == {
        "ttp",
        "jamaat-ul-ahrar",
        "umar-khalid",
    }


def test_it_rejects_an_unknown_actor_slug(world):
    assert "actor" in errors(IncidentFilterSet, Incident, actor="nobody")
    assert "actor_id" in errors(IncidentFilterSet, Incident, actor_id="abc")


def test_it_matches_a_country_province_or_district_and_every_place_inside_it(world):
    assert incidents(country="afghanistan") == {
        "2022-04-16-khost-air-strike",
        "2022-04-kunar-air-strike",
        "2023-02-19-torkham-closure",
        "2023-02-25-torkham-reopening",
    }
    assert incidents(country="pakistan") == {"2023-01-30-peshawar-mosque-bombing"}
    assert incidents(province="khyber-pakhtunkhwa") == {"2023-01-30-peshawar-mosque-bombing"}
    assert incidents(province="nangarhar") == {"2023-02-19-torkham-closure", "2023-02-25-torkham-reopening"}
    assert incidents(place="peshawar") == {"2023-01-30-peshawar-mosque-bombing"}
    assert incidents(district="bannu") == set()


def test_it_walks_the_place_hierarchy_at_any_depth(world):
    deep = Place.objects.create(slug="mosque", name="Mosque", kind="place", parent=world.peshawar)
    Incident.objects.filter(slug="2023-01-30-peshawar-mosque-bombing").update(place=deep)
    assert set(Place.objects.inside([world.pakistan]).values_list("slug", flat=True)) >= {"peshawar", "mosque"}
    assert incidents(country="pakistan") == {"2023-01-30-peshawar-mosque-bombing"}


def test_it_checks_that_a_country_filter_names_a_country(world):
    assert "country" in errors(IncidentFilterSet, Incident, country="khost")
    assert "district" in errors(IncidentFilterSet, Incident, district="pakistan")


def test_it_keeps_incidents_at_a_crossing(world):
    assert incidents(crossing="torkham") == {"2023-02-19-torkham-closure", "2023-02-25-torkham-reopening"}


def test_it_keeps_incidents_a_source_supports(world):
    assert incidents(source="police-report") == {"2021-12-talks", "2023-01-30-peshawar-mosque-bombing"}


def test_it_filters_on_the_killed_range(world):
    assert incidents(killed_min="80") == {"2023-01-30-peshawar-mosque-bombing"}
    assert incidents(killed_max="50") == {"2022-04-16-khost-air-strike"}
    assert incidents(killed_min="40", killed_max="50") == {"2022-04-16-khost-air-strike"}
    assert "killed_min" in errors(IncidentFilterSet, Incident, killed_min="many")
    assert "killed_max" in errors(IncidentFilterSet, Incident, killed_max="-1")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("khost", "2022-04-16-khost-air-strike"),  # title
        ("police lines", "2023-01-30-peshawar-mosque-bombing"),  # summary
        ("Ahrar", "2023-01-30-peshawar-mosque-bombing"),  # actor name
        ("Pakistani Taliban ceasefire", "2022-06-ttp-ceasefire"),  # alias and title
        ("closed February", "2023-02-19-torkham-closure"),  # quote
    ],
)
def test_it_searches_titles_summaries_actor_names_aliases_and_quotes(world, text, found):
    assert found in incidents(q=text)


def test_it_searches_for_every_word(world):
    assert incidents(q="Khost Peshawar") == set()


def test_it_keeps_records_updated_since_a_moment(world):
    Incident.objects.update(updated=timezone.now() - datetime.timedelta(days=3))
    world.strike.save()
    assert incidents(updated_since=(timezone.now() - datetime.timedelta(days=1)).isoformat()) == {
        "2022-04-16-khost-air-strike"
    }
    assert "updated_since" in errors(IncidentFilterSet, Incident, updated_since="yesterday")


def test_it_orders_by_an_allowed_field_and_rejects_others(world):
    filterset = IncidentFilterSet(query({"ordering": "-killed,slug"}), queryset=Incident.objects.all())
    assert filterset.is_valid()
    killed = [incident.killed_max for incident in filterset.qs if incident.killed_max is not None]
    assert killed == sorted(killed, reverse=True)
    assert "ordering" in errors(IncidentFilterSet, Incident, ordering="secret_field")


def test_place_filters_find_places_inside_another_and_by_kind(world):
    assert slugs(PlaceFilterSet, Place, within="nangarhar") == {"nangarhar", "torkham"}
    assert slugs(PlaceFilterSet, Place, kind="country") == {"pakistan", "afghanistan"}
    assert slugs(PlaceFilterSet, Place, parent="afghanistan") == {"khost", "kunar", "nangarhar"}
    assert "bannu" not in slugs(PlaceFilterSet, Place, has_coordinates="true")


def test_crossing_filters_find_crossings_inside_a_place(world):
    assert slugs(CrossingFilterSet, world.torkham.__class__, within="afghanistan") == {"torkham"}
    assert slugs(CrossingFilterSet, world.torkham.__class__, within="pakistan") == set()


def test_actor_filters_find_by_alias_kind_and_relation(world):
    assert slugs(ActorFilterSet, Actor, q="pakistani taliban") == {"ttp"}
    assert slugs(ActorFilterSet, Actor, kind="person") == {"umar-khalid"}
    assert slugs(ActorFilterSet, Actor, related_to="ttp") == {"jamaat-ul-ahrar", "pakistan-military"}


def test_relationship_filters_find_by_actor_kind_and_period(world):
    assert slugs(RelationshipFilterSet, Relationship, actor="jamaat-ul-ahrar") == {
        "jua-splinter-of-ttp",
        "umar-khalid-member-of-jua",
    }
    assert slugs(RelationshipFilterSet, Relationship, kind="member_of") == {"umar-khalid-member-of-jua"}
    assert slugs(RelationshipFilterSet, Relationship, date_to="2020") == {"ttp-hostile-to-pakistan-military"}
    assert slugs(RelationshipFilterSet, Relationship, date_from="2023-06") == {
        "umar-khalid-member-of-jua",
        "ttp-hostile-to-pakistan-military",
    }


def test_source_filters_find_by_text_kind_date_and_reference(world):
    assert slugs(SourceFilterSet, Source, q="dawn") == {"dawn-2023"}
    assert slugs(SourceFilterSet, Source, kind="report") == {"police-report"}
    assert slugs(SourceFilterSet, Source, published_from="2023-06") == {"police-report"}
    assert slugs(SourceFilterSet, Source, cites="police-report") == {"dawn-2023"}


def test_citation_filters_find_by_source_quote_and_record_type(world):
    def quotes(**params):
        filterset = CitationFilterSet(query(params), queryset=Citation.objects.all())
        assert filterset.is_valid(), filterset.errors
        return {citation.quote for citation in filterset.qs}

    assert quotes(record_type="relationship", source="police-report") == {
        "Commander Umar Khalid is a member of Jamaat-ul-Ahrar."
    }
    assert quotes(q="torkham was") == {"Torkham was closed", "Torkham was closed on 19 February 2023"}
