"""The codebook defines every category value the models accept, and every field."""

import pytest
from django.conf import settings

from actors.models import Actor, Relationship, RelationshipAttestation
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
