"""The research views: each tie on its sources' word, the records a source supports (directly or
relayed), the incidents on which the sources disagree, and tolls that rest only on a party's claim."""

import csv
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Relationship, RelationshipAttestation
from events.models import Dispute, Incident, Involvement, TollFigure
from sources.models import Citation, Source

pytestmark = pytest.mark.usefixtures("site_records")

TTP_CLAIM = "Noor Wali Mehsud has led the TTP"


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def second_source(site_records):
    """Another article, citing VOA, that says the TTP's leader and its hostility to Pakistan too."""
    article = Source.objects.create(
        slug="second-article",
        title="A Second Article",
        publisher="Gandhara",
        published="2023-06",
        text="Mehsud, who leads the TTP, vowed more attacks. The TTP says it killed 57 soldiers.",
    )
    tie = Relationship.objects.get(slug="mehsud-leads-ttp")
    Citation.objects.create(source=article, quote="Mehsud, who leads the TTP", record=tie, via=site_records["voa"])
    RelationshipAttestation.objects.create(relationship=tie, source=article, attested="2023-06")
    return article, tie


def test_every_relationship_has_a_page_with_each_sources_dates_and_quotes(client, site_records):
    article, tie = second_source(site_records)
    for relationship in Relationship.objects.all():
        assert relationship.get_absolute_url() == f"/relationships/{relationship.slug}/"
        assert client.get(relationship.get_absolute_url()).status_code == 200
    page = text_of(client.get("/relationships/mehsud-leads-ttp/"))
    assert "Noor Wali Mehsud</a> leads <a" in page
    first, second = tie.citations.order_by("id")
    assert re.search(
        r'Between Kabul and Islamabad</a>, RIEAS \(12 March 2023\): <span class="period">since June 2018</span></p>'
        rf' <ul class="attestation-quotes"> <li><a href="/sources/between-kabul-and-islamabad/#citation-{first.pk}">'
        rf"“{TTP_CLAIM}”</a>",
        page,
    )
    assert f'<a href="/sources/second-article/#citation-{second.pk}">“Mehsud, who leads the TTP”</a>' in page
    assert 'citing <a href="/sources/voa-death-toll/">' in page
    assert "<dt>Sources</dt><dd>2</dd>" in page


def test_attestations_group_a_ties_quotes_by_source_oldest_source_first(site_records):
    article, _ = second_source(site_records)
    tie = Relationship.objects.with_attestations().get(slug="mehsud-leads-ttp")
    attestations = tie.attestations.all()
    assert [attestation.source for attestation in attestations] == [site_records["source"], article]
    assert [len(attestation.citations) for attestation in attestations] == [1, 1]
    assert attestations[0].period_display == "since June 2018"


def test_a_tie_without_a_source_says_so(client):
    page = text_of(client.get("/relationships/ttp-hostile-to-pakistan/"))
    assert "No source supports this tie yet." in page


def test_every_tie_on_an_actor_profile_shows_each_source_with_its_quote_linked_to_the_passage(client, site_records):
    page = text_of(client.get("/actors/ttp/"))
    for tie in Relationship.objects.involving(site_records["ttp"]):
        item = re.search(rf'<li id="relationship-{tie.slug}">(.*?)</ul> </li>', page)[1]
        assert f'href="{tie.get_absolute_url()}"' in item
        for citation in tie.citations.all():
            assert f'<a href="{citation.get_absolute_url()}">“{citation.quote}”</a>' in item
            assert f'<a href="{citation.source.get_absolute_url()}">{citation.source.title}</a>' in item
        if not tie.citations.exists():
            assert "No source supports this tie yet." in item


def test_the_relationship_list_filters_with_the_api_filterset(client):
    listed = client.get("/relationships/?actor=ttp&kind=leads").context["page"]
    assert [tie.slug for tie in listed] == ["mehsud-leads-ttp"]
    assert len(client.get("/relationships/").context["page"]) == Relationship.objects.count()
    assert [tie.slug for tie in client.get("/relationships/?date_to=2016").context["page"]] == ["jua-splinter-of-ttp"]
    bad = client.get("/relationships/?date_from=someday")
    assert bad.status_code == 200 and list(bad.context["page"]) == []
    assert 'class="form-error"' in bad.content.decode()


def test_a_source_lists_the_records_it_supports_and_those_relayed_through_the_article_citing_it(client, site_records):
    bombing = site_records["bombing"]
    claim = bombing.involvements.get(role=Involvement.Role.CLAIMED)
    relayed = Citation.objects.create(
        source=site_records["source"], quote="claimed responsibility", record=claim, via=site_records["voa"]
    )
    voa = text_of(client.get("/sources/voa-death-toll/"))
    assert "<dd>0 from its own text, 1 relayed by the sources that cite it</dd>" in voa
    assert re.search(
        rf'<a href="/incidents/{bombing.slug}/#involvement-{claim.pk}">Involvement: Jamaat-ul-Ahrar — Claimed .*?</a>'
        rf' <span class="note">— <a href="/sources/between-kabul-and-islamabad/#citation-{relayed.pk}">'
        r"“claimed responsibility”</a> in Between Kabul and Islamabad",
        voa,
    )
    own = text_of(client.get("/sources/between-kabul-and-islamabad/"))
    for citation in site_records["source"].citations.all():
        assert f'<a href="#citation-{citation.pk}">' in own
    assert '<a href="/relationships/mehsud-leads-ttp/">Relationship: Noor Wali Mehsud leads' in own


def date_dispute(site_records):
    """Torkham's reopening dated after an article that reports it, as 002 does with its note 8."""
    reopening = Incident.objects.get(slug="2023-02-25-torkham-reopening")
    early = Source.objects.create(slug="early-report", title="Early Report", published="2023-02-22")
    reopening.citations.update(via=early)
    return reopening


def party_claim(site_records):
    """The TTP's own count of the soldiers it killed, its only figure."""
    attacks = Incident.objects.get(slug="2022-ttp-attacks")
    article, _ = second_source(site_records)
    figure = TollFigure.objects.create(
        incident=attacks, source=article, measure="killed", low=57, high=57, as_printed="57 soldiers"
    )
    Citation.objects.create(source=article, quote="The TTP says it killed 57 soldiers", speaker="TTP", record=figure)
    attacks.update_tolls()
    return attacks


def test_disputes_lists_each_incident_on_which_the_sources_disagree_side_by_side(client, site_records):
    reopening = date_dispute(site_records)
    response = client.get("/disputes/")
    assert [incident.slug for incident in response.context["page"]] == [
        "2023-01-30-peshawar-mosque-bombing",
        reopening.slug,
    ]
    page = text_of(response)
    bombing = re.search(
        r'<section class="dispute" id="dispute-2023-01-30-peshawar-mosque-bombing"(.*?)</section>', page
    )[1]
    assert bombing.index(Dispute.Kind.TOLL.label) < bombing.index(Dispute.Kind.ATTRIBUTION.label)
    assert (
        '<h4>Killed: “More than 100”</h4> <p class="citation-meta">Source: <a href="/sources/between-kabul' in bombing
    )
    assert '<h4>Killed: “100”</h4> <p class="citation-meta">Source: <a href="/sources/voa-death-toll/">' in bombing
    assert "<h4>Jamaat-ul-Ahrar: claimed responsibility</h4>" in bombing
    denial = site_records["bombing"].involvements.get(role=Involvement.Role.DENIED).citations.get()
    assert re.search(
        rf"<h4>Tehreek-e-Taliban Pakistan: denied responsibility</h4> .*?#citation-{denial.pk}\">“{denial.quote}”",
        bombing,
    )
    torkham = re.search(rf'id="dispute-{reopening.slug}"(.*?)</section>', page)[1]
    assert "<h4>Dated 25 February 2023</h4>" in torkham
    published = "<h4>Published 22 February 2023, before 25 February 2023</h4>"
    assert f'{published} <p class="citation-meta">Source: <a href="/sources/early-report/">' in torkham


def test_disputes_take_the_timelines_filters(client, site_records):
    date_dispute(site_records)
    assert [i.slug for i in client.get("/disputes/?kind=border_reopening").context["page"]] == [
        "2023-02-25-torkham-reopening"
    ]
    assert [i.slug for i in client.get("/disputes/?actor=jamaat-ul-ahrar").context["page"]] == [
        "2023-01-30-peshawar-mosque-bombing"
    ]
    bad = client.get("/disputes/?killed_max=-1")
    assert bad.status_code == 200 and list(bad.context["page"]) == []
    assert "Ensure this value is greater than or equal to 0." in bad.content.decode()


@pytest.mark.parametrize(
    ("roles", "disputed"),
    [
        ([("ttp", "claimed"), ("jamaat-ul-ahrar", "claimed")], True),
        ([("ttp", "accused"), ("ttp", "denied")], True),
        ([("ttp", "perpetrator"), ("ttp", "denied")], True),
        ([("ttp", "claimed"), ("ttp", "perpetrator")], False),
        ([("ttp", "denied"), ("pakistan", "target")], False),
        ([("ttp", "accused"), ("pakistan", "accused")], False),
    ],
)
def test_an_attribution_is_disputed_by_a_denial_beside_it_or_by_rival_claims(site_records, roles, disputed):
    incident = Incident.objects.create(slug="clash", title="Clash", kind="border_clash", date="2020-05")
    for slug, role in roles:
        Involvement.objects.create(incident=incident, actor_id=actor_id(slug), role=role)
    assert (incident in Incident.objects.disputed()) is disputed
    kinds = [dispute.kind for dispute in Incident.objects.with_disputes().get(pk=incident.pk).disputes()]
    assert kinds == ([Dispute.Kind.ATTRIBUTION] if disputed else [])


def actor_id(slug):
    from actors.models import Actor

    return Actor.objects.get(slug=slug).pk


@pytest.mark.parametrize(
    ("figures", "disputed"),
    [
        ([(101, None), (100, 100)], True),
        ([(100, None), (101, None)], False),
        ([(None, 150), (151, 200)], True),
        ([(None, 150), (150, 200)], False),
        ([(None, None), (5, 5)], False),
    ],
)
def test_tolls_are_disputed_when_two_sources_ranges_do_not_overlap(site_records, figures, disputed):
    incident = Incident.objects.create(slug="clash", title="Clash", kind="border_clash", date="2020-05")
    for source, (low, high) in zip((site_records["source"], site_records["voa"]), figures, strict=True):
        TollFigure.objects.create(
            incident=incident, source=source, measure="killed", low=low, high=high, as_printed="x"
        )
    assert (incident in Incident.objects.disputed()) is disputed
    kinds = [dispute.kind for dispute in Incident.objects.with_disputes().get(pk=incident.pk).disputes()]
    assert kinds == ([Dispute.Kind.TOLL] if disputed else [])


def test_a_figure_contradicts_another_sources_figure_wholly_above_or_below_it(site_records):
    source, voa = site_records["source"], site_records["voa"]
    low = TollFigure(source=source, low=5, high=10)
    assert low.contradicts(TollFigure(source=voa, low=11, high=None))
    assert low.contradicts(TollFigure(source=voa, low=None, high=4))
    assert not low.contradicts(TollFigure(source=voa, low=10, high=12))
    assert not low.contradicts(TollFigure(source=source, low=50, high=50))


def test_one_sources_figures_never_dispute_each_other(site_records):
    incident = Incident.objects.create(slug="clash", title="Clash", kind="border_clash", date="2020-05")
    for low in (5, 50):
        TollFigure.objects.create(
            incident=incident, source=site_records["source"], measure="killed", low=low, high=low, as_printed="x"
        )
    assert incident not in Incident.objects.disputed()
    assert Incident.objects.with_disputes().get(pk=incident.pk).disputes() == []


def test_the_queryset_and_the_incidents_agree_on_what_is_disputed(site_records):
    date_dispute(site_records)
    listed = set(Incident.objects.disputed())
    assert listed == {incident for incident in Incident.objects.with_disputes() if incident.disputes()}
    assert len(listed) == 2


def test_a_toll_resting_only_on_a_partys_own_claim_is_marked_on_every_page(client, site_records):
    attacks = party_claim(site_records)
    figure = attacks.toll_figures.get()
    assert Incident.objects.with_disputes().get(pk=attacks.pk).killed_claimed_by == site_records["ttp"]
    incident_page = text_of(client.get(attacks.get_absolute_url()))
    assert (
        '<dt>Killed</dt><dd>57 <span class="party-claim">(only Tehreek-e-Taliban Pakistan\'s own claim)'
        in incident_page
    )
    assert f'<tr id="toll-{figure.pk}">' in incident_page and '57 <span class="party-claim">(Tehreek-e' in incident_page
    timeline = text_of(client.get("/?q=attacks"))
    assert 'killed: 57 <span class="party-claim">(Tehreek-e-Taliban Pakistan\'s own claim)</span>' in timeline
    bombing = text_of(client.get(site_records["bombing"].get_absolute_url()))
    assert "party-claim" not in bombing


def test_a_figure_with_a_quote_in_the_sources_own_voice_is_not_a_partys_claim(site_records):
    attacks = party_claim(site_records)
    figure = attacks.toll_figures.get()
    Citation.objects.create(source=figure.source, quote="vowed more attacks", record=figure)
    assert Incident.objects.with_disputes().get(pk=attacks.pk).killed_claimed_by is None


def test_the_api_marks_a_partys_own_claim_in_json_and_csv(client, site_records):
    attacks = party_claim(site_records)
    detail = client.get(f"/api/v1/incidents/{attacks.slug}/").json()
    assert detail["killed_claimed_by"]["slug"] == "ttp" and detail["injured_claimed_by"] is None
    assert detail["toll_figures"][0]["claimed_by"]["slug"] == "ttp"
    rows = {
        row["slug"]: row
        for row in csv.DictReader(
            io.StringIO(b"".join(client.get("/api/v1/incidents/?format=csv").streaming_content).decode())
        )
    }
    assert rows[attacks.slug]["killed_claimed_by"] == "ttp"
    assert rows["2023-01-30-peshawar-mosque-bombing"]["killed_claimed_by"] == ""


def test_the_api_lists_the_same_disputes_with_each_side(client, site_records):
    date_dispute(site_records)
    party_claim(site_records)
    listing = client.get("/api/v1/disputes/").json()
    assert [result["slug"] for result in listing["results"]] == [
        incident.slug for incident in client.get("/disputes/").context["page"]
    ]
    bombing = listing["results"][0]
    assert [dispute["kind"] for dispute in bombing["disputes"]] == ["toll", "attribution"]
    toll = bombing["disputes"][0]["sides"]
    assert [(side["label"], side["source"]["slug"]) for side in toll] == [
        ("Killed: “100”", "voa-death-toll"),
        ("Killed: “More than 100”", "between-kabul-and-islamabad"),
    ]
    assert toll[1]["citations"][0]["quote"] == "More than 100 men were killed"
    assert client.get("/api/v1/disputes/?actor=jamaat-ul-ahrar").json()["count"] == 1
    assert client.get("/api/v1/disputes/2023-01-30-peshawar-mosque-bombing/").json()["disputes"] == bombing["disputes"]
    assert client.get("/api/v1/disputes/2023-03-chitral-attack/").status_code == 404
    bad = client.get("/api/v1/disputes/?killed_min=-1")
    assert bad.status_code == 400 and "killed_min" in bad.json()


def test_the_openapi_schema_describes_the_disputes(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert "/api/v1/disputes/" in schema["paths"] and "/api/v1/disputes/{slug}/" in schema["paths"]
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/disputes/"]["get"]["parameters"]}
    assert {"date_from", "actor", "kind", "role", "place"} <= parameters
    components = schema["components"]["schemas"]
    assert {"kind", "sides"} <= set(components["Dispute"]["properties"])
    assert "party_claim" in components["DisputeSide"]["properties"]
    assert "claimed_by" in components["TollFigure"]["properties"]


def add_disputed_records(site_records, numbers):
    """Ties and disputed incidents with quotes relayed through VOA: what the research pages list."""
    source, voa, ttp, jua = site_records["source"], site_records["voa"], site_records["ttp"], site_records["jua"]
    for number in numbers:
        tie = Relationship.objects.create(slug=f"tie-{number}", subject=jua, kind="member_of", object=ttp)
        Citation.objects.create(source=source, quote=TTP_CLAIM, record=tie, via=voa)
        incident = Incident.objects.create(slug=f"extra-{number}", title="Extra", kind="border_clash", date="2020-05")
        Involvement.objects.create(incident=incident, actor=ttp, role=Involvement.Role.DENIED)
        role = Involvement.objects.create(incident=incident, actor=jua, role=Involvement.Role.CLAIMED)
        Citation.objects.create(source=source, quote="a splinter group", record=role, via=voa)
        for low, where in ((5, source), (50, voa)):
            figure = TollFigure.objects.create(
                incident=incident, source=where, measure="killed", low=low, high=low, as_printed="x"
            )
            Citation.objects.create(source=source, quote="More than 100 men", record=figure, via=voa)


@pytest.mark.parametrize(
    "url",
    ["/relationships/", "/relationships/mehsud-leads-ttp/", "/disputes/", "/sources/voa-death-toll/", "/actors/ttp/"],
)
def test_the_research_pages_cost_a_number_of_queries_that_does_not_grow_with_the_records(client, site_records, url):
    add_disputed_records(site_records, range(1))
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_disputed_records(site_records, range(1, 8))
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("url", ["/relationships/", "/relationships/mehsud-leads-ttp/", "/disputes/"])
def test_the_research_pages_send_the_strict_policy_and_work_as_plain_html(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "http" not in policy
    # Scripts only from files (the page works without them): no inline script anywhere.
    assert not re.search(r"<script(?![^>]*\ssrc=)", response.content.decode())


def test_the_disputes_page_links_the_same_list_in_the_api(client):
    assert client.get("/disputes/").context["api_url"] == "/api/v1/disputes/"
    assert client.get("/disputes/?actor=ttp&page=1").context["api_url"] == "/api/v1/disputes/?actor=ttp"
