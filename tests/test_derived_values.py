"""Derived values are kept by the models, whatever the path: an incident's killed and injured ranges
follow its toll figures, and date bounds follow the EDTF dates."""

import datetime

import pytest
from rest_framework.test import APIClient

from actors.models import Relationship
from conflict import fuzzydates
from corpus.loader import load_corpus
from events.models import Incident, TollFigure
from sources.models import Source

from .admin_forms import admin_url, current_form_data, inline_prefixes

pytestmark = pytest.mark.django_db


def killed(incident):
    incident = Incident.objects.get(pk=incident.pk)
    return incident.killed_min, incident.killed_max


@pytest.fixture
def ten_killed(incident, source):
    return TollFigure.objects.create(
        incident=incident, source=source, measure="killed", low=10, high=10, as_printed="ten"
    )


def revert(client, record, version):
    url = admin_url(type(record), "simple_history", record.pk, version.history_id)
    form = client.get(url).context["adminform"].form
    response = client.post(url, {name: value for name, value in form.initial.items() if value is not None})
    assert response.status_code == 302


def test_a_figure_created_in_a_shell_sets_the_range(incident, ten_killed):
    assert killed(incident) == (10, 10)
    TollFigure.objects.create(incident=incident, source=ten_killed.source, measure="killed", low=12, as_printed="12+")
    assert killed(incident) == (10, None)


def test_changing_a_figure_on_its_own_admin_page_changes_the_range(admin_client, incident, ten_killed):
    url = admin_url(TollFigure, "change", ten_killed.pk)
    data = current_form_data(admin_client.get(url)) | {"low": "50", "high": "60", "as_printed": "50 to 60"}
    assert admin_client.post(url, data).status_code == 302
    assert killed(incident) == (50, 60)


def test_deleting_a_figure_on_its_own_admin_page_empties_the_range(admin_client, incident, ten_killed):
    response = admin_client.post(admin_url(TollFigure, "delete", ten_killed.pk), {"post": "yes"})
    assert response.status_code == 302
    assert killed(incident) == (None, None)


def test_a_queryset_delete_also_updates_the_range(incident, ten_killed):
    TollFigure.objects.filter(pk=ten_killed.pk).delete()
    assert killed(incident) == (None, None)


def test_changing_and_deleting_figures_in_the_incident_inline_updates_the_range(admin_client, incident, ten_killed):
    other = TollFigure.objects.create(
        incident=incident, source=ten_killed.source, measure="injured", low=3, high=3, as_printed="three"
    )
    url = admin_url(Incident, "change", incident.pk)
    page = admin_client.get(url)
    prefix = inline_prefixes(page)["tollfigure"]
    data = current_form_data(page)
    rows = {data[f"{prefix}-{index}-id"]: index for index in range(2)}
    data[f"{prefix}-{rows[ten_killed.pk]}-high"] = "20"
    data[f"{prefix}-{rows[other.pk]}-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.killed_min, incident.killed_max, incident.injured_min) == (10, 20, None)


def test_reverting_a_figure_to_an_old_version_brings_its_range_back(admin_client, incident, ten_killed):
    first = ten_killed.history.earliest()
    ten_killed.low, ten_killed.high = 50, 60
    ten_killed.save()
    revert(admin_client, ten_killed, first)
    assert killed(incident) == (10, 10)


def test_an_incident_written_through_the_api_keeps_the_range_of_its_figures(admin_user, incident, ten_killed):
    Incident.objects.filter(pk=incident.pk).update(killed_min=None, killed_max=None)  # stale, as after a raw SQL edit
    api = APIClient()
    api.force_login(admin_user)
    response = api.patch(f"/api/v1/incidents/{incident.slug}/", {"killed_min": 999, "title": "T"}, format="json")
    assert response.status_code == 200
    assert (response.data["killed_min"], response.data["killed_max"]) == (10, 10)
    assert killed(incident) == (10, 10)


def test_a_figure_moved_to_another_incident_updates_both(incident, ten_killed):
    other = Incident.objects.create(slug="other", title="Other", kind="bombing", date="2023")
    ten_killed.incident = other
    ten_killed.save()
    assert (killed(incident), killed(other)) == ((None, None), (10, 10))


def test_the_loader_sets_the_range_from_the_figures(settings):
    load_corpus(settings.CORPUS_DIR)
    for incident in Incident.objects.filter(toll_figures__isnull=False).distinct():
        assert (incident.killed_min, incident.killed_max, incident.injured_min, incident.injured_max) == tuple(
            incident.toll_ranges().values()
        )
    assert killed(Incident.objects.get(slug="2023-01-30-peshawar-police-lines-mosque-bombing"))[0] > 0


# Date bounds ------------------------------------------------------------------------------------


def bounds(incident):
    incident = Incident.objects.get(pk=incident.pk)
    return incident.date_earliest, incident.date_latest


FEBRUARY = (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))


def test_date_bounds_follow_a_date_changed_in_a_shell(incident):
    incident.date = "2023-02"
    incident.save()
    assert bounds(incident) == FEBRUARY


def test_date_bounds_follow_a_date_changed_in_the_admin(admin_client, incident):
    url = admin_url(Incident, "change", incident.pk)
    assert admin_client.post(url, current_form_data(admin_client.get(url)) | {"date": "2023-02"}).status_code == 302
    assert bounds(incident) == FEBRUARY


def test_date_bounds_follow_a_date_changed_through_the_api(admin_user, incident):
    api = APIClient()
    api.force_login(admin_user)
    assert api.patch(f"/api/v1/incidents/{incident.slug}/", {"date": "2023-02"}, format="json").status_code == 200
    assert bounds(incident) == FEBRUARY


def test_date_bounds_follow_a_revert(admin_client, incident):
    first = incident.history.earliest()
    incident.date = "2023-02"
    incident.save()
    revert(admin_client, incident, first)
    assert bounds(incident) == (datetime.date(2023, 1, 30), datetime.date(2023, 1, 30))


def test_date_bounds_follow_the_loader(settings):
    load_corpus(settings.CORPUS_DIR)
    for model, date, earliest, latest in (
        (Incident, "date", "date_earliest", "date_latest"),
        (Source, "published", "published_earliest", "published_latest"),
    ):
        for record in model.objects.all():
            assert (getattr(record, earliest), getattr(record, latest)) == fuzzydates.bounds_or_none(
                getattr(record, date)
            )
    for relationship in Relationship.objects.all():
        assert (relationship.valid_from, relationship.valid_until) == relationship.period()
