"""The research views through Django's test client: the network of the whole field, undated ties,
what the map draws and leaves out, and the cost in queries of each."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Relationship
from events.models import Incident, Involvement, Place

pytestmark = pytest.mark.usefixtures("site_records")


def edge_ids(response):
    return sorted(edge["id"] for edge in response.context["network"]["edges"])


def node_ids(response):
    return sorted(node["id"] for node in response.context["network"]["nodes"])


def test_it_shows_the_whole_field_with_every_actor_and_tie(client):
    response = client.get("/network/")
    assert response.status_code == 200
    assert node_ids(response) == ["afghan-taliban", "jamaat-ul-ahrar", "noor-wali-mehsud", "pakistan", "ttp"]
    assert len(response.context["network"]["edges"]) == 4
    page = response.content.decode()
    assert "All recorded ties: 4." in page
    assert re.search(r'<a href="/actors/noor-wali-mehsud/">Noor Wali Mehsud</a> leads <a href="/actors/ttp/">', page)


def test_it_filters_the_field_by_kind_of_actor_and_by_year(client):
    armed = client.get("/network/?kind=armed_group")
    assert node_ids(armed) == ["afghan-taliban", "jamaat-ul-ahrar", "ttp"]
    assert edge_ids(armed) == ["jua-splinter-of-ttp", "taliban-supports-ttp"]
    with_states = client.get("/network/?kind=armed_group&kind=state&year=2023")
    assert edge_ids(with_states) == ["taliban-supports-ttp", "ttp-hostile-to-pakistan"]
    assert "Ties that may have held in 2023: 2." in with_states.content.decode()


def test_it_answers_a_bad_network_filter_with_a_form_error(client):
    response = client.get("/network/?kind=dragons&year=soon")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in page and "Enter a whole number." in page


def test_it_keeps_undated_ties_apart_and_out_of_every_single_year(client, site_records):
    Relationship.objects.create(
        slug="ttp-rival-of-jua",
        subject=site_records["ttp"],
        kind=Relationship.Kind.RIVAL_OF,
        object=site_records["jua"],
    )
    everything = client.get("/actors/ttp/")
    undated = [edge for edge in everything.context["network"]["edges"] if edge["undated"]]
    assert [edge["id"] for edge in undated] == ["ttp-rival-of-jua"]
    assert everything.context["years"] == range(2014, 2024)  # an undated tie adds no year

    in_2015 = client.get("/actors/ttp/?year=2015")
    assert edge_ids(in_2015) == ["jua-splinter-of-ttp"]
    page = in_2015.content.decode()
    assert "Ties that may have held in 2015: 1." in page
    assert "Undated ties, not counted in 2015" in page
    assert re.search(
        r'class="plain-list network-undated">\s*<li><a [^>]+>Tehreek-e-Taliban Pakistan</a> rival of', page
    )


def test_it_offers_all_years_and_each_year_the_ties_span(client):
    page = client.get("/actors/ttp/").content.decode()
    assert '<option value="" selected>All years</option>' in page
    assert re.findall(r'<option value="(\d+)"', page) == [str(year) for year in range(2014, 2024)]
    assert '<option value="2019" selected>2019</option>' in client.get("/actors/ttp/?year=2019").content.decode()


def test_it_styles_each_tie_by_its_kind(client):
    edges = {edge["id"]: edge for edge in client.get("/network/").context["network"]["edges"]}
    assert (edges["jua-splinter-of-ttp"]["colour"], edges["jua-splinter-of-ttp"]["line"]) == ("#0072B2", "dotted")
    assert (edges["ttp-hostile-to-pakistan"]["colour"], edges["ttp-hostile-to-pakistan"]["line"]) == (
        "#D55E00",
        "solid",
    )


def test_it_counts_what_the_map_draws_and_what_it_cannot(client):
    Place.objects.filter(slug="pakistan").update(latitude=30, longitude=70, precision="country")
    Incident.objects.create(
        slug="somewhere-in-pakistan",
        title="Somewhere in Pakistan",
        kind="other",
        date="2020",
        place=Place.objects.get(slug="pakistan"),
    )
    response = client.get("/map/")
    assert response.context["summary"] == {
        "total": 9,
        "mapped": 5,
        "country_only": 1,
        "no_coordinates": 1,
        "no_place": 2,
    }
    page = response.content.decode()
    assert (
        "9 incidents:\n  5 drawn where they happened, 1 known only by country (drawn at the country's centroid),"
        " at 4 places on the map;" in page
    )
    assert "not drawn: 1 at a place without coordinates, 2 with no place." in page
    assert '<span class="marker-key precision-country" aria-hidden="true"></span> Country centroid' in page
    assert re.search(r"<strong>Pakistan</strong> <span class=\"note\">\(country centroid\)</span>", page)


def test_the_map_has_the_timelines_whole_filter_form(client):
    timeline = client.get("/").content.decode()
    map_page = client.get("/map/").content.decode()
    fields = re.compile(r'<(?:input|select)[^>]* name="(\w+)"')
    form_of = re.compile(r'<form method="get"[^>]*class="filters".*?</form>', re.S)
    assert sorted(set(fields.findall(form_of.search(map_page)[0]))) == sorted(
        set(fields.findall(form_of.search(timeline)[0]))
    )
    assert "killed_min" in map_page and "province" in map_page


def grows(client, url, add):
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    return len(few), len(many)


def more_actors_and_ties(site_records):
    def add():
        for number in range(6):
            actor = Actor.objects.create(slug=f"group-{number}", name=f"Group {number}", kind=Actor.Kind.ARMED_GROUP)
            Relationship.objects.create(
                slug=f"group-{number}-ally-of-ttp",
                subject=actor,
                kind="ally_of",
                object=site_records["ttp"],
                start="2019",
            )
            incident = Incident.objects.create(slug=f"extra-{number}", title="Extra", kind="bombing", date="2019-05")
            Involvement.objects.create(incident=incident, actor=actor, role=Involvement.Role.PERPETRATOR)

    return add


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/network/", 3),
        ("/network/?kind=armed_group&year=2019", 4),
        ("/actors/ttp/?year=2019", 20),
        ("/map/?actor=ttp&kind=armed_attack", 18),
        ("/?actor=ttp&kind=armed_attack&province=khyber-pakhtunkhwa", 30),
    ],
)
def test_it_shows_a_research_view_in_a_fixed_number_of_queries(client, site_records, url, queries):
    # The filter pages: the form's choices, the results, the chart, and per facet one grouped query
    # (plus the walk down the place tree where a place filter applies).
    few, many = grows(client, url, more_actors_and_ties(site_records))
    assert few == many == queries
