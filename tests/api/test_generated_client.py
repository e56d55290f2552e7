"""A Python client generated from the OpenAPI schema by a common generator (openapi-python-client)
imports, lists incidents with a date filter and parses the page: the schema tells the truth."""

import importlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.wsgi import get_wsgi_application

from events.models import Incident

CONFIG = "project_name_override: conflict_client\npackage_name_override: conflict_client\npost_hooks: []\n"


@pytest.fixture
def generated_client(api, tmp_path, monkeypatch):
    (tmp_path / "schema.json").write_bytes(api.get("/api/schema/", {"format": "json"}).content)
    (tmp_path / "config.yaml").write_text(CONFIG)
    generator = Path(sys.executable).parent / "openapi-python-client"
    command = [generator, "generate", "--path", "schema.json", "--config", "config.yaml", "--meta", "none"]
    subprocess.run([*command, "--output-path", "conflict_client"], cwd=tmp_path, check=True, capture_output=True)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("conflict_client")
    for name in [name for name in sys.modules if name.startswith("conflict_client")]:
        del sys.modules[name]


def test_a_generated_client_lists_incidents_by_fuzzy_date(world, generated_client, connections_kept_open):
    from conflict_client.api.v1 import v1_incidents_list
    from conflict_client.models import V1IncidentsListDateMatch

    client = generated_client.AuthenticatedClient(base_url="http://testserver", token="", prefix="")
    transport = httpx.WSGITransport(app=get_wsgi_application())
    client.set_httpx_client(httpx.Client(transport=transport, base_url="http://testserver"))
    page = v1_incidents_list.sync(
        client=client, date_from="2023", date_to="2023", date_match=V1IncidentsListDateMatch.WITHIN
    )
    slugs = sorted(incident.slug for incident in page.results)
    assert page.count == len(slugs) > 0
    assert slugs == sorted(
        Incident.objects.filter(date_earliest__year=2023, date_latest__year=2023).values_list("slug", flat=True)
    )
    assert {incident.date_precision.value for incident in page.results} <= {"day", "month", "season", "year"}


def test_a_generated_client_parses_every_value_the_data_can_hold(world, generated_client, connections_kept_open):
    """A decade-precise date and a citation of a source's own record are in the schema's enums."""
    from conflict_client.api.v1 import v1_citations_list, v1_incidents_list

    Incident.objects.create(
        slug="seventies", title="Daud Khan's regime backs Pashtun rebels", kind="other", date="197X"
    )
    world.dawn.record_citations.create(source=world.dawn, quote="Torkham was closed on 19 February 2023")
    client = generated_client.AuthenticatedClient(base_url="http://testserver", token="", prefix="")
    transport = httpx.WSGITransport(app=get_wsgi_application())
    client.set_httpx_client(httpx.Client(transport=transport, base_url="http://testserver"))

    incidents = v1_incidents_list.sync(client=client, date_to="1980", page_size=1000)
    assert [(incident.slug, incident.date_precision.value) for incident in incidents.results] == [
        ("seventies", "decade")
    ]
    citations = v1_citations_list.sync(client=client, page_size=1000)
    assert "source" in {citation.record_type.value for citation in citations.results}
