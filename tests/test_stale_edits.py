"""A change made from a stale form or a stale API representation is refused, saying what changed
meanwhile and by whom; nothing is overwritten silently."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from events.models import Incident

from .admin_forms import admin_url, current_form_data, form_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors():
    return [User.objects.create_superuser(name, password="secret") for name in ("amina", "bilal")]


def test_the_second_of_two_editors_of_one_incident_is_told_who_changed_what(client, editors, incident):
    amina, bilal = editors
    url = admin_url(Incident, "change", incident.pk)
    client.force_login(amina)
    amina_form = current_form_data(client.get(url))
    client.force_login(bilal)
    bilal_form = current_form_data(client.get(url))

    client.force_login(amina)
    assert client.post(url, amina_form | {"title": "Police Lines mosque bombing"}).status_code == 302
    client.force_login(bilal)
    response = client.post(url, bilal_form | {"date": "2023-01"})

    assert response.status_code == 200
    message = form_errors(response)
    assert "was changed after you opened it" in message
    assert "amina changed title" in message
    incident.refresh_from_db()
    assert (incident.title, incident.date) == ("Police Lines mosque bombing", "2023-01-30")


def test_an_editor_whose_form_is_current_saves(client, editors, incident):
    client.force_login(editors[0])
    url = admin_url(Incident, "change", incident.pk)
    assert client.post(url, current_form_data(client.get(url)) | {"date": "2023-01"}).status_code == 302
    assert Incident.objects.get(pk=incident.pk).date == "2023-01"


def api_as(user):
    api = APIClient()
    api.force_login(user)
    return api


def test_an_api_write_with_a_stale_etag_is_refused_with_who_changed_what(editors, incident):
    amina, bilal = editors
    detail = f"/api/v1/incidents/{incident.slug}/"
    stale_tag = api_as(bilal).get(detail)["ETag"]
    assert api_as(amina).patch(detail, {"summary": "A suicide bomber struck."}, format="json").status_code == 200

    response = api_as(bilal).patch(detail, {"title": "Overwrite"}, format="json", HTTP_IF_MATCH=stale_tag)

    assert response.status_code == 412
    assert "amina changed summary" in response.json()["detail"]
    assert Incident.objects.get(pk=incident.pk).title == "Peshawar mosque bombing"
    assert api_as(bilal).delete(detail, HTTP_IF_MATCH=stale_tag).status_code == 412
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_an_api_write_with_the_current_etag_saves_and_gets_a_new_one(editors, incident):
    api = api_as(editors[0])
    detail = f"/api/v1/incidents/{incident.slug}/"
    tag = api.get(detail)["ETag"]
    response = api.patch(detail, {"title": "Police Lines mosque bombing"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200
    assert response["ETag"] not in ("", tag)
    assert response["ETag"] == api.get(detail)["ETag"]


def test_an_if_match_naming_another_record_is_refused(editors, incident):
    response = api_as(editors[0]).patch(
        f"/api/v1/incidents/{incident.slug}/", {"title": "X"}, format="json", HTTP_IF_MATCH='"actors.actor.1.v1"'
    )
    assert response.status_code == 412
    assert "is not an ETag of this record" in response.json()["detail"]


def test_a_script_that_changed_the_record_is_named_as_such(editors, incident):
    api = api_as(editors[0])
    detail = f"/api/v1/incidents/{incident.slug}/"
    tag = api.get(detail)["ETag"]
    incident.title = "Changed in a shell"
    incident.save()
    response = api.patch(detail, {"date": "2023"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 412
    assert "someone without an account (a script) changed title" in response.json()["detail"]
