"""Every change is on record (who, when, what) and visible from the record's admin page; old versions restore."""

import pytest
from django.contrib import admin

from actors.models import Actor, Alias, Relationship
from events.models import Crossing, Incident, Place
from sources.models import Citation, Reference, Source

from .admin_forms import admin_url, form_errors, page_form_data

pytestmark = pytest.mark.django_db


def project_models():
    return [model for model in admin.site._registry if model._meta.app_label in {"actors", "events", "sources"}]


def history_types(record):
    return list(type(record).history.filter(id=record.pk).order_by("history_id").values_list("history_type", flat=True))


def incident_fields(incident, **overrides):
    fields = {
        "title": incident.title,
        "slug": incident.slug,
        "kind": incident.kind,
        "date": incident.date,
        "place": str(incident.place_id),
    }
    return fields | overrides


def change_incident(client, incident, **overrides):
    url = admin_url(Incident, "change", incident.pk)
    response = client.post(url, page_form_data(client, url, incident_fields(incident, **overrides)))
    assert response.status_code == 302, form_errors(response)


def test_it_records_the_creation_and_change_of_a_row_of_every_model(full_record_set):
    for model in project_models():
        record = model.objects.first()
        before = history_types(record)
        record.save()
        assert before[0] == "+", model
        assert history_types(record) == [*before, "~"], model


def test_it_records_the_deletion_of_a_row_of_every_model_cascades_included(full_record_set):
    records = {model: model.objects.first() for model in project_models()}
    involvement_citation = Citation.objects.for_record(full_record_set["involvement"]).get()

    # Dependents before what they depend on, as the protected foreign keys require.
    full_record_set["incident"].delete()
    for model in (Relationship, Crossing, Citation, Alias, Reference, Actor, Place, Source):
        for record in model.objects.order_by("-pk"):
            record.delete()

    for model, record in records.items():
        assert history_types(record)[-1] == "-", model
    assert history_types(involvement_citation)[-1] == "-"


def test_it_records_who_changed_what_from_the_admin(admin_client, admin_user, incident):
    change_incident(admin_client, incident, title="Peshawar police lines mosque bombing")

    latest = incident.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", admin_user)
    changes = latest.diff_against(latest.prev_record).changes
    assert [(change.field, change.old, change.new) for change in changes] == [
        ("title", "Peshawar mosque bombing", "Peshawar police lines mosque bombing")
    ]


def test_it_shows_the_history_with_user_and_changes_on_the_record_admin_page(admin_client, incident):
    change_incident(admin_client, incident, title="Peshawar police lines mosque bombing")

    response = admin_client.get(admin_url(Incident, "history", incident.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert "admin</a>" in content
    assert "Peshawar mosque bombing" in content
    assert "&nbsp;&rarr;&nbsp;&nbsp;Peshawar police lines mosque bombing" in content


def test_it_records_citations_edited_in_an_inline_with_their_editor(admin_client, admin_user, source, incident):
    url = admin_url(Incident, "change", incident.pk)
    citation_row = {"source": str(source.pk), "quote": "suicide blast"}
    data = page_form_data(admin_client, url, incident_fields(incident), {"citation": [citation_row]})
    assert admin_client.post(url, data).status_code == 302

    citation = Citation.objects.for_record(incident).get()
    assert [(record.history_type, record.history_user) for record in citation.history.all()] == [("+", admin_user)]
    response = admin_client.get(admin_url(Citation, "history", citation.pk))
    assert "suicide blast" in response.content.decode()


def test_it_restores_an_old_version_from_the_history_page(admin_client, incident):
    original = incident.history.earliest()
    change_incident(admin_client, incident, title="Wrong title", date="2023-02")

    revert_url = admin_url(Incident, "simple_history", incident.pk, original.history_id)
    form = admin_client.get(revert_url).context["adminform"].form
    response = admin_client.post(revert_url, {name: value for name, value in form.initial.items() if value is not None})

    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.date, str(incident.date_earliest)) == (
        "Peshawar mosque bombing",
        "2023-01-30",
        "2023-01-30",
    )
    assert history_types(incident) == ["+", "~", "~"]


def test_it_restores_a_deleted_citation_from_its_history(admin_client, source, ttp):
    citation = Citation.objects.create(source=source, quote="Pakistani Taliban", record=ttp)
    created = citation.history.get()
    citation.delete()

    revert_url = admin_url(Citation, "simple_history", created.id, created.history_id)
    form = admin_client.get(revert_url).context["adminform"].form
    response = admin_client.post(revert_url, {name: value for name, value in form.initial.items() if value is not None})

    assert response.status_code == 302
    restored = Citation.objects.get()
    assert (restored.pk, restored.record, restored.quote) == (created.id, ttp, "Pakistani Taliban")


def test_it_shows_the_history_of_a_row_whose_related_rows_are_deleted_since(admin_client, ttp, jua):
    relationship = Relationship.objects.create(slug="x", subject=jua, kind=Relationship.Kind.ALLY_OF, object=ttp)
    relationship_id = relationship.pk
    relationship.delete()
    jua.delete()

    response = admin_client.get(admin_url(Relationship, "history", relationship_id))

    assert response.status_code == 200
    assert "Jamaat-ul-Ahrar ally of Tehreek-e-Taliban Pakistan" in response.content.decode()
