"""The code stays easy to read as it grows: the corpus app alone imports all the record apps, and
the kinds of record a citation may support are declared once."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from actors.models import Alias
from sources.api.serializers import CitationSerializer, SupportedRecordSerializer
from sources.filtersets import CitationFilterSet
from sources.models import CITED_RECORD_TYPES, Citation, cited_record_model

RECORD_APPS = {"sources", "actors", "events"}


def imported_apps(app):
    """The project apps whose modules `app` imports (migrations aside)."""
    found = set()
    for path in Path(settings.BASE_DIR, app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
    return found & (RECORD_APPS | {"corpus"}) - {app}


def test_sources_imports_neither_actors_nor_events():
    assert imported_apps("sources") == set()


def test_only_the_corpus_app_imports_every_record_app():
    importing_all = [app for app in [*RECORD_APPS, "corpus", "roles", "conflict"] if imported_apps(app) >= RECORD_APPS]
    assert importing_all == ["corpus"]


def test_the_citable_record_types_are_the_models_with_citations():
    from django.apps import apps

    with_citations = {
        model._meta.model_name
        for model in apps.get_models()
        if any(
            isinstance(field, GenericRelation) and field.related_model is Citation
            for field in model._meta.private_fields
        )
    }
    assert set(CITED_RECORD_TYPES) == with_citations
    assert {cited_record_model(name)._meta.model_name for name in CITED_RECORD_TYPES} == with_citations


def test_filters_and_serializers_offer_every_citable_record_type_and_no_other():
    assert {value for value, _ in CitationFilterSet.base_filters["record_type"].extra["choices"]} == set(
        CITED_RECORD_TYPES
    )
    assert set(CitationSerializer().fields["record_type"].choices) == set(CITED_RECORD_TYPES)
    assert set(SupportedRecordSerializer().fields["type"].choices) == set(CITED_RECORD_TYPES)


@pytest.mark.django_db
def test_a_citation_of_a_kind_of_record_not_declared_is_refused(source, ttp):
    alias = Alias.objects.create(actor=ttp, name="Pakistani Taliban 2")
    citation = Citation(
        source=source,
        quote="Pakistani Taliban",
        content_type=ContentType.objects.get_for_model(alias),
        object_id=alias.pk,
    )
    with pytest.raises(ValidationError) as error:
        citation.save()
    assert "supports one of these kinds of record" in str(error.value)
