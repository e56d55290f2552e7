"""A citation is a source and a pasted quote: checked against the source's text, placed, shown in context."""

import pytest
from django.contrib.contenttypes.models import ContentType

from events.models import Incident
from sources.models import Citation, Source

from .admin_forms import admin_url, form_errors, page_form_data

pytestmark = pytest.mark.django_db

NOT_IN_SOURCE = "is not found verbatim (white space aside) in the text of “Between Kabul and Islamabad”"


def citation_fields(source, record, quote):
    return {
        "source": str(source.pk),
        "quote": quote,
        "speaker": "",
        "via": "",
        "content_type": str(ContentType.objects.get_for_model(record).pk),
        "object_id": str(record.pk),
    }


def post_incident_citation(client, incident, source, quote):
    url = admin_url(Incident, "change", incident.pk)
    fields = {
        "title": incident.title,
        "slug": incident.slug,
        "kind": incident.kind,
        "date": incident.date,
        "place": str(incident.place_id),
    }
    citation = {"source": str(source.pk), "quote": quote}
    return client.post(url, page_form_data(client, url, fields, {"citation": [citation]}))


def test_it_refuses_a_quote_that_is_not_in_the_source_on_the_incident_page(admin_client, source, incident):
    response = post_incident_citation(admin_client, incident, source, "the TTP denied any role")

    assert response.status_code == 200
    assert NOT_IN_SOURCE in form_errors(response)
    assert not Citation.objects.exists()


def test_it_accepts_a_quote_pasted_with_different_line_breaks_and_fills_in_its_position(admin_client, source, incident):
    response = post_incident_citation(admin_client, incident, source, "a splinter group\n of the TTP")

    assert response.status_code == 302
    citation = Citation.objects.get()
    assert (citation.start, citation.end) == (source.text.index("a splinter"), source.text.index(" claimed respons"))


def test_it_refuses_a_bad_quote_on_the_citation_page(admin_client, source, ttp):
    url = admin_url(Citation, "add")

    response = admin_client.post(url, citation_fields(source, ttp, "a splinter group of the Afghan Taliban"))

    assert response.status_code == 200
    assert NOT_IN_SOURCE in " ".join(response.context["adminform"].form.errors["quote"])
    assert not Citation.objects.exists()


def test_it_corrects_the_position_when_a_quote_is_edited(admin_client, source, ttp):
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    url = admin_url(Citation, "change", citation.pk)

    response = admin_client.post(url, citation_fields(source, ttp, "29 attacks in Pakistan"))

    assert response.status_code == 302
    citation.refresh_from_db()
    assert source.text[citation.start : citation.end] == "29 attacks in Pakistan"


def test_it_shows_the_quote_highlighted_in_its_surrounding_text(admin_client, source, ttp):
    citation = Citation.objects.create(source=source, quote="29 attacks", record=ttp)

    response = admin_client.get(admin_url(Citation, "change", citation.pk))

    assert "has carried out\n<mark>29 attacks</mark> in Pakistan in February 2023." in response.content.decode()


def test_it_escapes_the_source_text_around_the_quote(admin_client, ttp):
    source = Source.objects.create(
        slug="marked-up", title="Marked up", text="<script>alert(1)</script> the TTP said <b>nothing</b> more"
    )
    citation = Citation.objects.create(source=source, quote="the TTP said", record=ttp)

    content = admin_client.get(admin_url(Citation, "change", citation.pk)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>the TTP said</mark> &lt;b&gt;nothing&lt;/b&gt; more" in content
    assert "<script>alert(1)" not in content


def test_it_shows_each_citation_in_context_on_the_record_page(admin_client, source, incident):
    Citation.objects.create(source=source, quote="suicide blast", record=incident)

    response = admin_client.get(admin_url(Incident, "change", incident.pk))

    assert "for the <mark>suicide blast</mark> in Peshawar." in response.content.decode()


def test_it_cuts_a_long_text_to_a_margin_either_side_of_the_quote(source, ttp):
    citation = Citation.objects.create(source=source, quote="29 attacks", record=ttp)

    passage = citation.in_context(margin=10)

    assert passage == {"before": "…rried out\n", "quote": "29 attacks", "after": " in Pakist…"}
