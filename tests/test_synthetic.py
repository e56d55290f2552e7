"""generate_synthetic: a corpus shaped like the curated one, the same rows for the same seed."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from actors.models import Actor, Alias, Relationship
from conflict import fuzzydates
from events.models import Incident, Involvement, Place, TollFigure
from events.synthetic import generate
from sources.models import Citation, Source

MODELS = [Place, Actor, Alias, Relationship, Source, Incident, Involvement, TollFigure, Citation]


def rows():
    return {model.__name__: list(model.objects.order_by("pk").values_list()) for model in MODELS}


def empty_the_tables():
    with connection.cursor() as cursor:
        for model in reversed(MODELS):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


@pytest.fixture
def corpus(db):
    generate(300, seed=7)


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(corpus):
    first = rows()
    empty_the_tables()
    generate(300, seed=7)
    assert rows() == first
    empty_the_tables()
    generate(300, seed=8)
    assert rows()["Incident"] != first["Incident"]


def test_every_record_rests_on_a_verbatim_quote_at_its_place_in_the_source(corpus):
    for model in (Place, Actor, Relationship, Incident, Involvement, TollFigure):
        cited = Citation.objects.filter(content_type=ContentType.objects.get_for_model(model)).values("object_id")
        assert not model.objects.exclude(pk__in=cited).exists(), model.__name__
    for citation in Citation.objects.select_related("source"):
        assert citation.source.text[citation.start : citation.end] == citation.quote
        assert citation.source.find_quote(citation.quote) is not None


def test_derived_fields_are_what_saving_would_compute(corpus):
    for incident in Incident.objects.all():
        assert (incident.date_earliest, incident.date_latest) == fuzzydates.bounds_or_none(incident.date)
        tolls = (incident.killed_min, incident.killed_max, incident.injured_min, incident.injured_max)
        incident.update_tolls()
        assert (incident.killed_min, incident.killed_max, incident.injured_min, incident.injured_max) == tolls
    for relationship in Relationship.objects.all():
        assert (relationship.valid_from, relationship.valid_until) == relationship.date_bounds()


def test_it_is_shaped_like_the_corpus(corpus):
    assert Actor.objects.count() == 2000 and Alias.objects.count() == 2000
    roles = [incident.involvements.count() for incident in Incident.objects.prefetch_related("involvements")]
    assert set(roles) == {1, 2, 3, 4}
    assert {incident.date_precision for incident in Incident.objects.all()} == {
        "day",
        "month",
        "season",
        "year",
        "range",
    }
    assert Incident.objects.filter(date__endswith="~").exists()
    assert TollFigure.objects.filter(high__isnull=True).exists()  # open-ended figures ("more than 40")


def test_the_command_refuses_a_database_that_holds_records(corpus):
    with pytest.raises(Exception, match="already holds"):
        call_command("generate_synthetic", "--incidents", "5")
