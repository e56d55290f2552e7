"""In Chromium, no page breaks the Content-Security-Policy: the admin (history pages included),
the browsable API and the schema readers log no violation, and no request leaves the machine."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from events.models import Incident

pytestmark = pytest.mark.usefixtures("site_records")


@pytest.fixture
def signed_in_page(page, live_server):
    """The desktop page, signed in as a superuser (the session cookie of a forced login)."""
    curator = User.objects.create_superuser("curator", "curator@example.org", "a long pass phrase")
    client = Client()
    client.force_login(curator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def admin_pages():
    incident = Incident.objects.get(slug="2023-01-30-peshawar-mosque-bombing")
    incident.title = "Peshawar Police Lines mosque bombing"
    incident.save()  # a second version, so the history has a change to show
    version = incident.history.earliest()
    return [
        "/admin/",
        "/admin/events/incident/",
        "/admin/events/incident/add/",
        f"/admin/events/incident/{incident.pk}/change/",
        f"/admin/events/incident/{incident.pk}/history/",
        f"/admin/events/incident/{incident.pk}/history/{version.history_id}/",
        "/admin/actors/actor/",
        "/admin/sources/source/",
        "/admin/auth/user/",
    ]


def test_the_admin_keeps_to_the_policy(signed_in_page, live_server):
    for path in admin_pages():
        signed_in_page.goto(live_server.url + path)
        signed_in_page.wait_for_load_state("networkidle")
        expect(signed_in_page.locator("#site-name")).to_be_visible(timeout=5_000)


def test_the_sign_in_page_keeps_to_the_policy(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    expect(page.locator("#id_username")).to_be_visible(timeout=5_000)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/", "/api/v1/incidents/?format=api", "/api/v1/incidents/2023-01-30-peshawar-mosque-bombing/?format=api"],
)
def test_the_browsable_api_keeps_to_the_policy(signed_in_page, live_server, path):
    signed_in_page.goto(live_server.url + path)
    signed_in_page.wait_for_load_state("networkidle")
    expect(signed_in_page.locator(".response-info")).to_be_visible(timeout=5_000)
