"""A revert restores a record whole: an incident's roles, toll figures and citations come back as
they were at that moment, its derived fields agree with them, and history names the revert."""

import pytest

from events.models import Incident, Involvement, TollFigure
from sources.models import Citation

from .admin_forms import admin_url, current_form_data, inline_prefixes

pytestmark = pytest.mark.django_db


def revert(client, record, version):
    url = admin_url(type(record), "simple_history", record.pk, version.history_id)
    data = current_form_data(client.get(url))
    response = client.post(url, data)
    assert response.status_code == 302


def state(incident):
    incident = Incident.objects.get(pk=incident.pk)
    roles = {(role.actor.slug, role.role) for role in incident.involvements.all()}
    figures = {(figure.as_printed, figure.low, figure.high) for figure in incident.toll_figures.all()}
    quotes = {citation.quote for citation in Citation.objects.for_record(incident)}
    quotes |= {citation.quote for role in incident.involvements.all() for citation in role.citations.all()}
    quotes |= {citation.quote for figure in incident.toll_figures.all() for citation in figure.citations.all()}
    return incident.title, roles, figures, quotes, (incident.killed_min, incident.killed_max)


@pytest.fixture
def recorded(admin_client, incident, source, jua):
    """An incident entered on its admin page with a role, a figure and citations: the version to go back to."""
    url = admin_url(Incident, "change", incident.pk)
    page = admin_client.get(url)
    prefixes = inline_prefixes(page)
    data = current_form_data(page)
    data |= {
        f"{prefixes['involvement']}-TOTAL_FORMS": "1",
        f"{prefixes['involvement']}-0-actor": str(jua.pk),
        f"{prefixes['involvement']}-0-role": "claimed",
        f"{prefixes['tollfigure']}-TOTAL_FORMS": "1",
        f"{prefixes['tollfigure']}-0-source": str(source.pk),
        f"{prefixes['tollfigure']}-0-measure": "killed",
        f"{prefixes['tollfigure']}-0-low": "6",
        f"{prefixes['tollfigure']}-0-high": "6",
        f"{prefixes['tollfigure']}-0-as_printed": "six",
        f"{prefixes['citation']}-TOTAL_FORMS": "1",
        f"{prefixes['citation']}-0-source": str(source.pk),
        f"{prefixes['citation']}-0-quote": "the suicide blast in Peshawar",
    }
    assert admin_client.post(url, data).status_code == 302
    role = Involvement.objects.get(incident=incident)
    Citation.objects.create(source=source, quote="claimed responsibility for the suicide blast", record=role)
    incident.refresh_from_db()
    incident.save()  # the version the test reverts to, with every part in place
    return incident.history.latest()


def test_reverting_an_incident_brings_back_its_roles_figures_and_citations(
    admin_client, incident, source, ttp, recorded
):
    before = state(incident)
    assert before[4] == (6, 6)
    incident.involvements.get().delete()
    figure = incident.toll_figures.get()
    figure.low, figure.high, figure.as_printed = 10, 12, "10 to 12"
    figure.save()
    Involvement.objects.create(incident=incident, actor=ttp, role="denied")
    Citation.objects.for_record(incident).delete()
    incident.title = "Wrong"
    incident.save()
    assert state(incident) != before

    revert(admin_client, incident, recorded)

    assert state(incident) == before


def test_reverting_to_the_first_version_leaves_no_figure_and_no_range(admin_client, incident, recorded):
    first = incident.history.earliest()
    revert(admin_client, incident, first)
    title, roles, figures, quotes, killed = state(incident)
    assert (roles, figures, quotes, killed) == (set(), set(), set(), (None, None))
    assert not TollFigure.objects.exists()


def test_history_names_the_revert_and_who_made_it(admin_client, admin_user, incident, recorded):
    incident.title = "Wrong"
    incident.save()
    revert(admin_client, incident, recorded)
    latest = incident.history.latest()
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert f"(version {recorded.history_id})" in latest.history_change_reason
    assert latest.history_user == admin_user
    page = admin_client.get(admin_url(Incident, "history", incident.pk)).content.decode()
    assert "Reverted to the version of" in page
