"""Incident lists as JSON, CSV, GeoJSON and TimelineJS JSON, filtered alike."""

import csv
import io

import pytest

from events.api.exports import CSV_COLUMNS


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_csv_has_one_flat_row_per_incident_with_the_documented_columns(world, api):
    response = api.get("/api/v1/incidents/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert list(rows[0]) == CSV_COLUMNS
    bombing = next(row for row in rows if row["slug"] == "2023-01-30-peshawar-mosque-bombing")
    assert bombing["province"] == "khyber-pakhtunkhwa"
    assert bombing["country"] == "pakistan"
    assert (bombing["killed_min"], bombing["killed_max"]) == ("84", "")
    assert (bombing["role_claimed"], bombing["role_denied"]) == ("jamaat-ul-ahrar", "ttp")
    assert bombing["sources"] == "dawn-2023; police-report"


def test_csv_is_also_chosen_by_the_accept_header_and_keeps_the_filters(world, api):
    response = api.get("/api/v1/incidents/", {"kind": "air_strike"}, HTTP_ACCEPT="text/csv")
    assert {row["slug"] for row in csv_rows(response)} == {"2022-04-16-khost-air-strike", "2022-04-kunar-air-strike"}


def test_an_empty_csv_still_has_its_header(world, api):
    response = api.get("/api/v1/incidents/", {"format": "csv", "kind": "jailbreak"})
    assert response.getvalue().decode().strip() == ",".join(CSV_COLUMNS)


def test_every_csv_column_is_documented_in_docs_api_md(settings):
    text = (settings.BASE_DIR / "docs" / "api.md").read_text()
    for column in CSV_COLUMNS:
        assert f"| `{column}` |" in text, column


def test_geojson_holds_only_incidents_with_coordinates(world, api):
    response = api.get("/api/v1/incidents/", {"format": "geojson"})
    assert response["Content-Type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    points = {feature["id"]: feature["geometry"]["coordinates"] for feature in collection["features"]}
    assert points == {
        "2022-04-16-khost-air-strike": [69.92, 33.33],
        "2023-01-30-peshawar-mosque-bombing": [71.58, 34.01],
        "2023-02-19-torkham-closure": [71.09, 34.12],
        "2023-02-25-torkham-reopening": [71.09, 34.12],
    }
    assert "2022-04-kunar-air-strike" not in points  # Kunar has no coordinates in this gazetteer


def timeline(api, **filters):
    response = api.get("/api/v1/incidents/", {"format": "timeline", **filters})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("slug", "start"),
    [
        ("2022-04-16-khost-air-strike", {"year": 2022, "month": 4, "day": 16}),
        ("2022-04-kunar-air-strike", {"year": 2022, "month": 4}),
        ("2021-12-talks", {"year": 2021, "month": 12}),
    ],
)
def test_timeline_dates_leave_out_what_the_date_does_not_know(world, api, slug, start):
    events = {event["unique_id"]: event for event in timeline(api)["events"]}
    assert events[slug]["start_date"] == start


def test_a_year_only_date_has_only_a_year_on_the_timeline(world, api):
    world.talks.date = "2021"
    world.talks.save()
    events = {event["unique_id"]: event for event in timeline(api)["events"]}
    assert events["2021-12-talks"]["start_date"] == {"year": 2021}
    assert events["2021-12-talks"]["display_date"] == "2021"


def test_a_range_has_an_end_on_the_timeline(world, api):
    events = {event["unique_id"]: event for event in timeline(api)["events"]}
    assert events["2021-12-talks"]["end_date"] == {"year": 2022, "month": 1}


def test_closures_and_ceasefires_are_eras_on_the_timeline(world, api):
    eras = {era["text"]["headline"]: (era["start_date"], era["end_date"]) for era in timeline(api)["eras"]}
    assert eras == {
        "Torkham closed": ({"year": 2023, "month": 2, "day": 19}, {"year": 2023, "month": 2, "day": 25}),
        "2022 06 ttp ceasefire": ({"year": 2022, "month": 6}, {"year": 2022, "month": 11, "day": 28}),
    }


def test_an_era_with_no_end_yet_runs_to_the_end_of_the_timeline(world, api):
    world.reopening.delete()
    eras = {era["text"]["headline"]: era["end_date"] for era in timeline(api)["eras"]}
    assert eras["Torkham closed"] == {"year": 2023, "month": 2, "day": 19}


def test_an_export_answers_bad_input_in_json(world, api):
    response = api.get("/api/v1/incidents/", {"format": "csv", "killed_min": "lots"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "killed_min" in response.json()
