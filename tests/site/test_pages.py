"""The site's pages through Django's test client: what each shows, and how it answers bad input."""

import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from events import views
from events.kinds import KIND_STYLES
from events.models import Incident, Involvement
from sources.models import Citation

pytestmark = pytest.mark.usefixtures("site_records")


def listed_titles(response):
    return re.findall(r'<p class="incident-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_it_lists_every_incident_in_date_order_under_year_and_month_headings(client):
    response = client.get("/")
    assert response.status_code == 200
    assert listed_titles(response) == [
        "Army Public School attack",
        "TTP statement after the takeover",
        "TTP attacks through the year",
        "Air strikes in Khost",
        "Peshawar mosque bombing",
        "Torkham closed",
        "Torkham reopened",
        "TTP attack in Chitral",
    ]
    headings = re.findall(r'<h[23] class="(?:year|month)">([^<]+)</h[23]>', response.content.decode())
    assert headings == [
        "2014",
        "December 2014",
        "2021",
        "September 2021",
        "2022",
        "2022, month not known",
        "April 2022",
        "2023",
        "January 2023",
        "February 2023",
        "March 2023",
    ]


def test_it_shows_fuzzy_dates_as_the_sources_give_them(client):
    page = client.get("/").content.decode()
    assert "c. September 2021" in page
    assert '<p class="incident-date">April 2022 <abbr class="fuzzy"' in page
    assert '<p class="incident-date">16 December 2014</p>' in page


def test_it_marks_contested_roles(client):
    page = client.get("/?actor=jamaat-ul-ahrar").content.decode()
    assert '<span class="role role-contested"><abbr title="Contested' in page
    assert "Claimed responsibility" in page
    assert (
        '<span class="role">Perpetrator</span>' in client.get("/?actor=pakistan&kind=border_closure").content.decode()
    )


def test_it_filters_with_the_api_filterset_and_keeps_the_filters_in_the_links(client):
    response = client.get("/?actor=ttp&date_from=2023&date_to=2023")
    assert listed_titles(response) == ["Peshawar mosque bombing", "TTP attack in Chitral"]
    exports = response.context["exports"]
    assert exports == {
        "csv": "/api/v1/incidents/?actor=ttp&date_from=2023&date_to=2023&format=csv",
        "geojson": "/api/v1/incidents/?actor=ttp&date_from=2023&date_to=2023&format=geojson",
        "timeline": "/api/v1/incidents/?actor=ttp&date_from=2023&date_to=2023&format=timeline",
    }
    for url in exports.values():
        assert f'href="{url.replace("&", "&amp;")}"' in response.content.decode()
    assert 'href="/map/?actor=ttp&amp;date_from=2023&amp;date_to=2023"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("killed_min=many", "killed_min", "Enter a whole number."),
        ("kind=bogus", "kind", "Select a valid choice. bogus is not one of the available choices."),
        ("actor=nobody", "actor", "Select a valid choice. nobody is not one of the available choices."),
        ("date_from=2022-13", "date_from", "is not a valid EDTF date"),
    ],
)
def test_it_answers_a_bad_filter_with_a_form_error(client, query, field, message):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert field in response.context["filterset"].errors
    assert message in response.content.decode()
    assert listed_titles(response) == []
    assert "These filters could not be applied" in response.content.decode()


def test_it_sends_only_the_results_to_htmx(client):
    response = client.get("/?actor=jamaat-ul-ahrar", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.startswith('<section id="timeline-results"')
    assert "<html" not in page and 'id="timeline-filters"' not in page
    assert listed_titles(response) == ["Peshawar mosque bombing"]
    assert "HX-Request" in response["Vary"]


def test_it_sends_the_whole_page_when_htmx_restores_history(client):
    response = client.get("/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_it_works_without_javascript_as_a_plain_get_form(client):
    page = client.get("/").content.decode()
    assert re.search(r'<form method="get" action="/" class="filters" id="timeline-filters"', page)
    assert '<button type="submit">Filter</button>' in page


def test_it_pages_through_the_results_keeping_the_filters(client, monkeypatch):
    monkeypatch.setattr(views, "TIMELINE_PAGE_SIZE", 2)
    first = client.get("/?actor=ttp")
    assert listed_titles(first) == ["Army Public School attack", "TTP statement after the takeover"]
    assert 'href="?actor=ttp&amp;page=2"' in first.content.decode()
    assert "Page 1 of 3" in first.content.decode()
    second = client.get("/?actor=ttp&page=2")
    assert listed_titles(second) == ["TTP attacks through the year", "Peshawar mosque bombing"]


def chart_data(response):
    return json.loads(
        re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', response.content.decode())[1]
    )


def test_it_charts_every_dated_incident_per_year_and_per_month_by_kind(client):
    response = client.get("/?actor=ttp")
    chart = chart_data(response)
    years, months = chart["binnings"]
    assert chart["initial"] == "year"  # 100 months are too many bars to read
    assert years["labels"] == [str(year) for year in range(2014, 2024)]
    assert len(months["labels"]) == 100 and months["labels"][0] == "Dec 2014" and months["labels"][-1] == "Mar 2023"
    assert {d["label"]: sum(d["data"]) for d in years["datasets"]} == {
        "Suicide bombing": 1,
        "Armed attack": 3,
        "Statement or threat": 1,
    }
    # "2022" and "c. September 2021" are coarser than a month: counted apart, not left out.
    assert {d["label"]: sum(d["data"]) for d in months["datasets"]} == {"Suicide bombing": 1, "Armed attack": 2}
    assert sum(months["loose"]["data"]) == 2 and months["loose"]["label"] == "Dated more loosely than a month"
    assert chart["total"] == 5
    page = response.content.decode()
    assert "5 dated incidents, every one drawn" in page
    assert '<th scope="col">Dated more loosely than a month</th>' in page


def test_it_charts_a_decade_apart_from_the_years(client):
    Incident.objects.create(slug="1990s-camps", title="Camps in the 1990s", kind="other", date="199X")
    Incident.objects.create(slug="undated", title="Undated", kind="other", date="")
    chart = chart_data(client.get("/"))
    years = chart["binnings"][0]
    assert sum(years["loose"]["data"]) == 1
    assert years["loose"]["data"][years["labels"].index("1995")] == 1  # the middle of the decade
    assert chart["undated"] == 1
    assert sum(sum(d["data"]) for d in years["datasets"]) + 1 == chart["total"] == 9


def test_it_gives_each_kind_the_same_colour_and_pattern_whatever_the_filter(client):
    def styles(query):
        return {
            d["kind"]: (d["colour"], d["pattern"]) for d in chart_data(client.get(query))["binnings"][0]["datasets"]
        }

    everything, ttp_only, closures = styles("/"), styles("/?actor=ttp"), styles("/?kind=border_closure")
    armed_attack = KIND_STYLES["armed_attack"]
    assert everything["armed_attack"] == ttp_only["armed_attack"] == (armed_attack["colour"], armed_attack["pattern"])
    assert closures["border_closure"] == everything["border_closure"] == ("#E69F00", "solid")


def test_it_shows_the_active_filters_as_chips_that_remove_themselves(client):
    page = client.get("/?actor=ttp&kind=armed_attack&kind=statement&date_match=overlap").content.decode()
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+) <span', page)
    assert [label for _, label in chips] == [
        "Actor: Tehreek-e-Taliban Pakistan",
        "Kind: Armed attack",
        "Kind: Statement or threat",
    ]
    assert chips[1][0].replace("&amp;", "&") == "?actor=ttp&kind=statement&date_match=overlap"


def test_it_counts_beside_each_kind_role_province_and_year_what_choosing_it_gives(client):
    page = client.get("/?actor=ttp&kind=armed_attack").content.decode()
    facet = {
        name: re.findall(
            r'<li>(?:<svg .*?</svg> )?<a href="([^"]+)">([^<]+)</a> <span class="count">(\d+)</span></li>', section
        )
        for name, section in re.findall(
            r'<h3 id="facet-(\w+)">.*?</h3>\s*<ul class="facet-list">(.*?)</ul>', page, re.S
        )
    }
    # Kinds are counted over the other filters (the actor), so other kinds show what they would add.
    assert [(label, count) for _, label, count in facet["kind"]] == [
        ("Armed attack", "3"),
        ("Statement or threat", "1"),
        ("Suicide bombing", "1"),
    ]
    # The TTP's own roles in its armed attacks.
    assert [(label, count) for _, label, count in facet["role"]] == [
        ("Perpetrator", "2"),
        ("Claimed responsibility", "1"),
    ]
    assert [(label, count) for _, label, count in facet["province"]] == [("Khyber Pakhtunkhwa", "2")]
    assert [(label, count) for _, label, count in facet["year"]] == [("2014", "1"), ("2022", "1"), ("2023", "1")]
    # A year's link gives what its count says.
    for url, _, count in facet["year"]:
        assert len(listed_titles(client.get("/" + url.replace("&amp;", "&")))) == int(count)


def test_it_lists_a_page_in_a_fixed_number_of_queries(client, site_records):
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for number in range(10):
        incident = Incident.objects.create(
            slug=f"extra-{number}", title=f"Extra {number}", kind="bombing", date="2020-05"
        )
        Involvement.objects.create(incident=incident, actor=site_records["ttp"], role=Involvement.Role.CLAIMED)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_it_shows_an_incident_with_its_roles_figures_place_and_citations(client, site_records):
    bombing = site_records["bombing"]
    response = client.get("/incidents/2023-01-30-peshawar-mosque-bombing/")
    page = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Suicide bombing",
        "30 January 2023",
        "<code>2023-01-30</code>",
        '<a href="/?place=peshawar">Peshawar</a>, <a href="/?place=khyber-pakhtunkhwa">Khyber Pakhtunkhwa</a>',
        "34.01000° N, 71.58000° E",
        "<dt>Killed</dt><dd>100 or more</dd>",
        '<h3>Claimed responsibility <span class="role-contested">⚑ contested</span></h3>',
        '<h3>Denied responsibility <span class="role-contested">⚑ contested</span></h3>',
        "<td>“More than 100”</td>\n        <td>101 or more</td>",
        '<td>“100” <span class="no-source" title="No citation supports this yet">no source yet</span>\n</td>',
    ]:
        assert text in page, text
    citation = bombing.citations.get()
    assert f'<a href="/sources/between-kabul-and-islamabad/#citation-{citation.pk}">“{citation.quote}”</a>' in page
    denial = bombing.involvements.get(actor__slug="ttp").citations.get()
    assert f"#citation-{denial.pk}" in page
    points = json.loads(re.search(r'<script id="map-points" type="application/json">(.*?)</script>', page)[1])
    assert points == [
        {
            "name": "Peshawar",
            "lat": 34.01,
            "lng": 71.58,
            "precision": "settlement",
            "precision_label": "Town or city",
            "incidents": [
                {"title": "Peshawar mosque bombing", "date": "30 January 2023", "url": bombing.get_absolute_url()}
            ],
        }
    ]


def test_it_shows_an_actor_profile(client):
    response = client.get("/actors/ttp/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<dd>Pakistani Taliban; TTP</dd>" in page
    assert re.search(r"First incident</dt>\s*<dd><a [^>]+>Army Public School attack</a>, 16 December 2014", page)
    assert re.search(r"Last incident</dt>\s*<dd><a [^>]+>TTP attack in Chitral</a>, March 2023", page)
    assert re.search(r'Noor Wali Mehsud</a> leads — <span class="period">since June 2018</span>', page)
    assert re.search(
        r"splinter of\s+Tehreek-e-Taliban Pakistan\s+— <span class=\"period\">August 2014 – August 2020", page
    )
    assert "<h3>Hostile to</h3>" in page and "attested March 2023" in page
    assert '<a href="/sources/between-kabul-and-islamabad/">Between Kabul and Islamabad</a>' in page
    network = response.context["network"]
    assert sorted(node["id"] for node in network["nodes"]) == [
        "afghan-taliban",
        "jamaat-ul-ahrar",
        "noor-wali-mehsud",
        "pakistan",
        "ttp",
    ]
    assert response.context["years"] == range(2014, 2024)


@pytest.mark.parametrize(
    ("year", "ties"),
    [
        (2015, ["jua-splinter-of-ttp"]),
        (2019, ["jua-splinter-of-ttp", "mehsud-leads-ttp"]),
        (2023, ["mehsud-leads-ttp", "taliban-supports-ttp", "ttp-hostile-to-pakistan"]),
    ],
)
def test_it_shows_the_network_as_it_stood_in_a_year(client, year, ties):
    response = client.get(f"/actors/ttp/?year={year}")
    assert sorted(edge["id"] for edge in response.context["network"]["edges"]) == ties
    assert f"Ties that may have held in {year}: {len(ties)}." in response.content.decode()


def test_it_answers_a_bad_year_with_a_form_error(client):
    response = client.get("/actors/ttp/?year=soon")
    assert response.status_code == 200
    assert "Enter a whole number." in response.content.decode()
    assert len(response.context["network"]["edges"]) == 4


def test_it_shows_a_crossing_with_both_sides_and_its_open_and_closed_periods(client):
    response = client.get("/crossings/torkham/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<dd>district not recorded, Khyber Pakhtunkhwa</dd>" in page
    assert "<dd>district not recorded, Nangarhar</dd>" in page
    assert "34.10000° N, 71.09000° E" in page
    bars = re.findall(r'<rect class="strip-(\w+)" x="([\d.]+)" y="0" width="([\d.]+)"', page)
    assert [status for status, _, _ in bars] == ["closed", "open"]
    assert bars[0][1] == "0.0" and float(bars[1][1]) + float(bars[1][2]) == pytest.approx(1000, abs=0.1)
    assert "from 20 February 2023 to 25 February 2023, the last day of the last dated event" in page
    assert "<strong>Open</strong>\n      from 25 February 2023 to 25 February 2023" in page
    assert listed_titles(response) == ["Torkham closed", "Torkham reopened"]


def test_it_shows_a_source_text_with_each_cited_quote_marked_and_linked(client, site_records):
    response = client.get("/sources/between-kabul-and-islamabad/")
    page = response.content.decode()
    assert response.status_code == 200
    for citation in site_records["source"].citations.all():
        assert f'<span id="citation-{citation.pk}" class="anchor"></span>' in page
    assert '<mark class="cited">claimed responsibility for the suicide blast in Peshawar</mark>' in page
    assert re.search(
        r'<mark class="cited">claimed responsibility for the suicide blast in Peshawar</mark><span class="supports"> \['
        r'<a href="/incidents/2023-01-30-peshawar-mosque-bombing/" class="supports-incident">',
        page,
    )
    assert 'Note 10: <a href="/sources/voa-death-toll/">' in page
    cited = client.get("/sources/voa-death-toll/").content.decode()
    assert '<a href="/sources/between-kabul-and-islamabad/">Between Kabul and Islamabad</a> (its note 10)' in cited


def test_it_maps_the_filtered_incidents_by_place(client):
    response = client.get("/map/?kind=air_strike")
    assert response.status_code == 200
    assert [point["name"] for point in response.context["points"]] == ["Khost"]
    assert sorted(point["name"] for point in client.get("/map/").context["points"]) == ["Khost", "Peshawar", "Torkham"]
    bad = client.get("/map/?killed_max=-1")
    assert bad.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in bad.content.decode()
    assert bad.context["points"] == []


def test_it_lists_and_filters_actors_and_sources(client):
    assert [actor.slug for actor in client.get("/actors/?kind=person").context["page"]] == ["noor-wali-mehsud"]
    assert [actor.slug for actor in client.get("/actors/?q=Pakistani").context["page"]] == ["ttp"]
    assert [source.slug for source in client.get("/sources/?q=VOA").context["page"]] == ["voa-death-toll"]
    for url in ("/actors/?kind=bogus", "/sources/?published_from=someday"):
        response = client.get(url)
        assert response.status_code == 200
        assert list(response.context["page"]) == []
        assert 'class="form-error"' in response.content.decode()


@pytest.mark.parametrize("url", ["/incidents/nothing/", "/actors/nobody/", "/crossings/nowhere/", "/sources/nothing/"])
def test_it_answers_an_unknown_slug_with_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/map/", "/actors/", "/actors/ttp/", "/sources/", "/crossings/", "/crossings/torkham/"]
)
def test_it_sends_a_content_security_policy_that_allows_only_this_site(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "http" not in policy


def test_it_links_actor_names_in_the_timeline_to_their_profiles(client):
    ttp = Actor.objects.get(slug="ttp")
    assert f'<a href="{ttp.get_absolute_url()}">Tehreek-e-Taliban Pakistan</a>' in client.get("/").content.decode()


def test_it_links_exports_that_the_api_answers_for_the_same_filter(client):
    exports = client.get("/?actor=jamaat-ul-ahrar").context["exports"]
    csv = client.get(exports["csv"])
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "Peshawar mosque bombing" in csv.getvalue().decode() and "Army Public School" not in csv.getvalue().decode()
    geojson = client.get(exports["geojson"]).json()
    assert [feature["properties"]["slug"] for feature in geojson["features"]] == ["2023-01-30-peshawar-mosque-bombing"]
    assert client.get(exports["timeline"]).status_code == 200


@pytest.mark.parametrize("url", ["/actors/ttp/", "/sources/between-kabul-and-islamabad/", "/crossings/torkham/"])
def test_it_shows_a_record_in_a_number_of_queries_that_does_not_grow_with_its_links(client, site_records, url):
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    source, ttp, torkham = site_records["source"], site_records["ttp"], site_records["torkham"]
    for number in range(5):
        incident = Incident.objects.create(
            slug=f"extra-{number}", title=f"Extra {number}", kind="border_clash", date="2020-05", crossing=torkham
        )
        role = Involvement.objects.create(incident=incident, actor=ttp, role=Involvement.Role.ACCUSED)
        Citation.objects.create(source=source, quote="The TTP denied any role", record=role)
        Citation.objects.create(source=source, quote="a splinter group", record=incident)
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
