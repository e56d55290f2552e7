"""An editor records a whole incident on one admin page: date, place, roles, tolls and citations."""

import datetime

import pytest

from events.models import Incident
from sources.models import Citation

from .admin_forms import admin_url, form_errors, page_form_data

pytestmark = pytest.mark.django_db


def incident_fields(peshawar, **overrides):
    fields = {
        "title": "Peshawar police lines mosque bombing",
        "slug": "2023-01-peshawar-police-lines",
        "kind": Incident.Kind.SUICIDE_BOMBING,
        "summary": "",
        "date": "2023-01",
        "date_note": "",
        "place": str(peshawar.pk),
        "crossing": "",
    }
    return fields | overrides


def post_incident(client, fields, inlines=None):
    url = admin_url(Incident, "add")
    return client.post(url, page_form_data(client, url, fields, inlines))


def test_it_creates_an_incident_with_roles_tolls_and_citations_on_one_page(admin_client, source, jua, peshawar):
    response = post_incident(
        admin_client,
        incident_fields(peshawar),
        {
            "involvement": [{"actor": str(jua.pk), "role": "claimed", "accused_by": "", "note": ""}],
            "tollfigure": [
                {"source": str(source.pk), "measure": "killed", "low": "101", "high": "", "as_printed": "more than 100"}
            ],
            "citation": [{"source": str(source.pk), "quote": "claimed  responsibility for the\nsuicide blast"}],
        },
    )

    assert response.status_code == 302, form_errors(response)
    incident = Incident.objects.get(slug="2023-01-peshawar-police-lines")
    assert (incident.date_earliest, incident.date_latest) == (datetime.date(2023, 1, 1), datetime.date(2023, 1, 31))
    assert [(role.actor, role.role) for role in incident.involvements.all()] == [(jua, "claimed")]
    assert (incident.killed_min, incident.killed_max) == (101, None)
    citation = Citation.objects.for_record(incident).get()
    assert source.text[citation.start : citation.end] == "claimed responsibility for the suicide blast"


def test_it_shows_the_derived_days_read_only(admin_client, incident):
    response = admin_client.get(admin_url(Incident, "change", incident.pk))

    form = response.context["adminform"].form
    assert "date" in form.fields
    assert not {"date_earliest", "date_latest"} & set(form.fields)
    content = response.content.decode()
    assert "30 January 2023" in content
    assert 'name="date_earliest"' not in content
    assert "2023-01-30" in content


def test_it_refuses_a_date_that_is_not_edtf_with_a_form_error(admin_client, peshawar):
    response = post_incident(admin_client, incident_fields(peshawar, date="2023-13-45"))

    assert response.status_code == 200
    assert "“2023-13-45” is not a valid EDTF date" in " ".join(response.context["adminform"].form.errors["date"])
    assert not Incident.objects.exists()


def test_it_refuses_a_date_range_that_ends_before_it_starts(admin_client, incident):
    url = admin_url(Incident, "change", incident.pk)
    fields = incident_fields(incident.place, slug=incident.slug, date="2023-05/2023-02")

    response = admin_client.post(url, page_form_data(admin_client, url, fields))

    assert response.status_code == 200
    assert "before it begins" in form_errors(response)
    incident.refresh_from_db()
    assert incident.date == "2023-01-30"


def test_it_finds_an_actor_for_a_role_by_any_alias(admin_client, ttp):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "involvement", "field_name": "actor", "term": "Pakistani Tali"},
    )

    assert [item["id"] for item in response.json()["results"]] == [str(ttp.pk)]
