"""No unsourced fact passes unmarked: a record without a citation says "no source yet" on its page,
carries `cited: false` in the API and exports, can be filtered, and is listed in the admin."""

import csv
import io

import pytest
from django.conf import settings

from actors.models import Actor, Relationship
from corpus.loader import load_corpus
from events.models import Crossing, Incident, Involvement, TollFigure
from sources.models import Citation

from .admin_forms import admin_url

pytestmark = pytest.mark.django_db

NO_SOURCE = "no source yet"


@pytest.fixture
def uncited(source, ttp, jua, incident, peshawar):
    """One record of each kind with no citation, beside a cited actor (ttp)."""
    Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    return {
        "actor": jua,
        "relationship": Relationship.objects.create(
            slug="jua-splinter-of-ttp", subject=jua, kind="splinter_of", object=ttp
        ),
        "incident": incident,
        "role": Involvement.objects.create(incident=incident, actor=jua, role="claimed"),
        "toll": TollFigure.objects.create(
            incident=incident, source=source, measure="killed", low=6, high=6, as_printed="six"
        ),
        "crossing": Crossing.objects.create(slug="torkham", name="Torkham", place=peshawar),
    }


def test_each_page_marks_what_has_no_source_yet(client, uncited, ttp):
    incident_page = client.get(uncited["incident"].get_absolute_url()).content.decode()
    assert incident_page.count(NO_SOURCE) == 3  # the incident, its role and its toll figure
    actor_page = client.get(uncited["actor"].get_absolute_url()).content.decode()
    assert actor_page.count(NO_SOURCE) == 2  # the actor and its relationship
    assert NO_SOURCE in client.get(uncited["crossing"].get_absolute_url()).content.decode()
    assert NO_SOURCE not in client.get(ttp.get_absolute_url()).content.decode().split("<h2")[0]


def test_the_api_says_cited_false_and_filters_on_it(client, uncited, ttp):
    incident = client.get(f"/api/v1/incidents/{uncited['incident'].slug}/").json()
    assert incident["cited"] is False
    assert [incident["actors"][0]["cited"], incident["toll_figures"][0]["cited"]] == [False, False]
    assert client.get("/api/v1/actors/ttp/").json()["cited"] is True
    for endpoint, expected in (
        ("actors", ["jamaat-ul-ahrar"]),
        ("relationships", ["jua-splinter-of-ttp"]),
        ("incidents", [uncited["incident"].slug]),
        ("crossings", ["torkham"]),
    ):
        listed = client.get(f"/api/v1/{endpoint}/?cited=false").json()["results"]
        assert [record["slug"] for record in listed] == expected, endpoint
    assert [actor["slug"] for actor in client.get("/api/v1/actors/?cited=true").json()["results"]] == ["ttp"]


def test_the_exports_carry_the_mark(client, uncited):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/incidents/?format=csv").content.decode())))
    assert [row["cited"] for row in rows] == ["False"]
    features = client.get("/api/v1/incidents/?format=geojson").json()["features"]
    assert features[0]["properties"]["cited"] is False


@pytest.mark.parametrize(
    "model, key",
    [
        (Actor, "actor"),
        (Relationship, "relationship"),
        (Incident, "incident"),
        (Involvement, "role"),
        (TollFigure, "toll"),
        (Crossing, "crossing"),
    ],
)
def test_each_admin_list_has_a_needs_a_source_filter(admin_client, uncited, model, key):
    response = admin_client.get(admin_url(model, "changelist") + "?needs_source=yes")
    assert response.status_code == 200
    assert [record.pk for record in response.context["cl"].result_list] == [uncited[key].pk]


def test_the_shipped_corpus_has_no_unsourced_record():
    load_corpus(settings.CORPUS_DIR)
    for model in (Actor, Relationship, Incident, Involvement, TollFigure, Crossing):
        assert not model.objects.with_cited().filter(cited=False).exists(), model
