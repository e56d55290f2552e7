"""A quote that is not in its source's text cannot be stored by any path, and the database itself
refuses a citation without a position in its source."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Citation

pytestmark = pytest.mark.django_db


def test_a_shell_cannot_create_a_citation_with_an_invented_quote(source, ttp):
    with pytest.raises(ValidationError) as error:
        Citation.objects.create(source=source, quote="The TTP surrendered", record=ttp)
    assert "not found verbatim" in str(error.value)
    assert not Citation.objects.exists()


def test_a_shell_cannot_change_a_quote_into_an_invented_one(source, ttp):
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    citation.quote = "Afghan Taliban"
    with pytest.raises(ValidationError):
        citation.save()
    assert Citation.objects.get().quote == "Pakistani Taliban"


def test_a_saved_citation_knows_where_its_quote_is(source, ttp):
    citation = Citation.objects.create(source=source, quote="Pakistani   Taliban", record=ttp)
    assert source.text[citation.start : citation.end] == "Pakistani Taliban"


@pytest.mark.parametrize("position", [{"start": None}, {"end": None}, {"start": 5, "end": 5}])
def test_the_database_refuses_a_citation_without_a_position(source, ttp, position):
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.filter(pk=citation.pk).update(**position)


def test_a_source_text_that_drops_a_cited_quote_is_refused(source, ttp):
    Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    source.text = source.text.replace("Pakistani Taliban", "Pakistan Taliban")
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "no longer in its text" in str(error.value)
    with pytest.raises(ValidationError):
        source.save()
    source.refresh_from_db()
    assert "Pakistani Taliban" in source.text


def test_a_source_text_edited_around_a_quote_moves_its_position(source, ttp):
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    source.text = "A correction at the top.\n" + source.text
    source.save()
    citation.refresh_from_db()
    assert source.text[citation.start : citation.end] == "Pakistani Taliban"


def test_the_api_refuses_an_invented_quote_naming_the_field(admin_client, source, ttp):
    response = admin_client.post(
        "/api/v1/citations/",
        {"quote": "The TTP surrendered", "source": source.slug, "record_type": "actor", "record_id": ttp.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "not found verbatim" in str(response.json()["quote"])
    assert not Citation.objects.exists()
