"""The curated corpus: every quote is in its source, every record is cited, loading is idempotent,
and specific facts from each article came through exactly."""

import pytest
from django.conf import settings
from django.core.management import call_command

from actors.models import Actor, Alias, Relationship
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.corpus import load_corpus
from sources.models import Citation, Reference, Source

CORPUS_MODELS = [Citation, TollFigure, Involvement, Incident, Relationship, Alias, Actor, Crossing, Reference]
CITED_MODELS = [Actor, Relationship, Incident, Involvement, TollFigure, Crossing, Place]
ARTICLES = [
    "000_fe008caae7522a41",
    "001_018603a66a39097e",
    "002_5febc34bedb8d0be",
    "003_e7b53a81f2bbd9e3",
    "004_7dbc3572784cc16f",
]


def clear_corpus():
    for model in CORPUS_MODELS:
        model.objects.all().delete()
    while Place.objects.exists():
        Place.objects.filter(children__isnull=True).delete()
    Source.objects.all().delete()


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, loaded once for this module and removed afterwards."""
    with django_db_blocker.unblock():
        counts = load_corpus(settings.CORPUS_DIR)
        yield counts
        clear_corpus()


def row_counts():
    return {model.__name__: model.objects.count() for model in [*CORPUS_MODELS, Place, Source]}


def roles(incident_slug):
    involvements = Involvement.objects.filter(incident__slug=incident_slug)
    return {(involvement.actor.slug, involvement.role) for involvement in involvements}


def test_the_project_carries_its_own_copy_of_each_article(corpus, db):
    for slug in ARTICLES:
        text = (settings.CORPUS_DIR / "texts" / f"{slug}.txt").read_text(encoding="utf-8")
        assert Source.objects.get(slug=slug).text == text


def test_every_quote_is_found_verbatim_in_its_source(corpus, db):
    missing = [
        citation
        for citation in Citation.objects.select_related("source")
        if citation.source.find_quote(citation.quote) is None
    ]
    assert missing == []
    assert not Citation.objects.filter(start__isnull=True).exists()


@pytest.mark.parametrize("model", CITED_MODELS, ids=lambda model: model.__name__)
def test_every_record_has_a_citation(corpus, db, model):
    assert model.objects.exists()
    assert list(model.objects.filter(citations__isnull=True)) == []


def test_every_alias_is_a_name_an_article_uses(corpus, db):
    texts = " ".join(" ".join(source.text.split()) for source in Source.objects.exclude(text=""))
    assert [alias.name for alias in Alias.objects.all() if alias.name not in texts] == []


def test_loading_twice_leaves_the_same_rows(corpus, db):
    before = row_counts()
    load_corpus(settings.CORPUS_DIR)
    assert row_counts() == before


def test_the_load_command_reports_what_it_loaded(corpus, db, capsys):
    call_command("load_corpus", verbosity=0)
    assert "Loaded:" in capsys.readouterr().out


def test_the_corpus_is_about_as_large_as_a_careful_reading_finds(corpus, db):
    assert Actor.objects.count() >= 70
    assert Incident.objects.count() >= 70
    assert Relationship.objects.count() >= 90
    assert Incident.objects.filter(date_earliest__year__lt=2008).exists()
    assert Incident.objects.filter(date_earliest__year=2023).exists()


def test_the_numbered_notes_of_002_are_sources_it_cites(corpus, db):
    article = Source.objects.get(slug="002_5febc34bedb8d0be")
    publishers = set(article.cites.values_list("publisher", flat=True))
    assert {"Al Jazeera", "VOA"} <= publishers
    assert article.cites.count() >= 14
