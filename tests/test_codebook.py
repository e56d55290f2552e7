"""The codebook defines every category value the models accept, and every field."""

import re

import pytest
from django.conf import settings

from actors.models import Actor, Relationship, RelationshipAttestation
from actors.network import EDGE_STYLES
from events.kinds import FAMILIES, KIND_STYLES
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Source

CODEBOOK = (settings.BASE_DIR / "docs" / "codebook.md").read_text(encoding="utf-8")

CHOICES = [
    Actor.Kind,
    Relationship.Kind,
    Relationship.Status,
    Incident.Kind,
    Involvement.Role,
    Place.Kind,
    Place.Precision,
    TollFigure.Measure,
    Source.Kind,
]


@pytest.mark.parametrize("choices", CHOICES, ids=lambda choices: choices.__qualname__)
def test_every_category_value_is_in_the_codebook(choices):
    assert [value for value in choices.values if f"`{value}`" not in CODEBOOK] == []


@pytest.mark.parametrize(
    "model",
    [
        Source,
        Citation,
        Actor,
        Relationship,
        RelationshipAttestation,
        Incident,
        Involvement,
        TollFigure,
        Place,
        Crossing,
    ],
    ids=lambda m: m.__name__,
)
def test_every_field_is_in_the_codebook(model):
    skipped = {"id", "content_type", "object_id", "updated", "created", "citations", "actors"}
    fields = [field.name for field in model._meta.get_fields() if field.concrete and field.name not in skipped]
    assert [name for name in fields if f"`{name}`" not in CODEBOOK] == []


def documented_styles(header):
    """{value: (family, colour, style)} from the codebook table under this header row."""
    table = CODEBOOK.split(header, 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| `(#[0-9A-F]{6})` \| (\w+) \|$", table, re.M)
    return {value: (family.strip(), colour, style) for value, family, colour, style in rows}


def test_every_incident_kind_has_its_chart_colour_and_pattern_in_the_codebook():
    documented = documented_styles("| kind | family | colour | pattern |")
    assert documented == {
        kind: (style["family"], style["colour"], style["pattern"]) for kind, style in KIND_STYLES.items()
    }
    assert set(documented) == set(Incident.Kind.values)


def test_kinds_of_a_family_share_its_colour_and_differ_by_pattern():
    by_look = {(style["colour"], style["pattern"]) for style in KIND_STYLES.values()}
    assert len(by_look) == len(Incident.Kind.values)
    assert len({style["colour"] for style in KIND_STYLES.values()}) == len(FAMILIES)


def test_every_relationship_kind_has_its_network_colour_and_line_in_the_codebook():
    documented = documented_styles("| kind | family | colour | line |")
    assert documented == {
        kind: (style["family"], style["colour"], style["line"]) for kind, style in EDGE_STYLES.items()
    }
    assert len({(style["colour"], style["line"]) for style in EDGE_STYLES.values()}) == len(Relationship.Kind.values)
