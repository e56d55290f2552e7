"""The helpers behind the pages: passages of a source, calendar slots, crossing periods, figures."""

import datetime
import json
from pathlib import Path

import pytest

from conflict.fuzzydates import bounds
from conflict.settings import map_tile_hosts
from events.charts import incident_chart
from events.models import Crossing, Incident
from events.templatetags.records import figure_range
from events.timeline import group_by_year_and_month
from sources.models import Citation, Source

ROOT = Path(__file__).resolve().parents[2]


def test_it_cuts_a_source_into_passages_merging_overlapping_quotes(db, ttp, jua):
    source = Source.objects.create(slug="s", title="S", text="One two three four five six.")
    first = Citation.objects.create(source=source, quote="two three", record=ttp)
    second = Citation.objects.create(source=source, quote="three four", record=jua)
    third = Citation.objects.create(source=source, quote="six", record=ttp)
    passages = source.passages()
    assert [(passage["text"], passage["citations"]) for passage in passages] == [
        ("One ", []),
        ("two three four", [first, second]),
        (" five ", []),
        ("six", [third]),
        (".", []),
    ]
    assert "".join(passage["text"] for passage in passages) == source.text


@pytest.mark.parametrize(
    ("date", "heading", "month"),
    [
        ("2023-01-30", "2023", 1),
        ("2022-04", "2022", 4),
        ("2021-09~", "2021", 9),
        ("2022", "2022", None),
        ("2022-21", "2022", None),
        ("2014-24", "2014", None),
        ("2021-08/..", "2021", 8),
        ("../2014-21", "2014", None),
        ("/2014", "2014", None),
        ("2013/2014-21", "2013", None),
        ("2023-01-28/2023-01-30", "2023", 1),
        ("197X", "the 1970s", None),
        ("199X~", "the 1990s", None),
    ],
)
def test_it_files_an_incident_by_the_codebooks_rule(date, heading, month):
    assert dated(date).calendar_slot[:2] == (heading, month)


def dated(date):
    """An unsaved incident with the day range its date means, as saving would store it."""
    earliest, latest = bounds(date)
    return Incident(title=date or "undated", date=date, date_earliest=earliest, date_latest=latest)


def test_it_groups_decades_before_their_years_open_starts_under_their_end_and_undated_last():
    incidents = [dated("2022-03"), dated("2022"), dated(""), dated("2021-12-01"), dated("197X"), dated("1970")]
    incidents += [dated("../2022-21"), dated("2099-12")]
    groups = group_by_year_and_month(incidents)
    assert [(year, [heading for heading, _ in months]) for year, months in groups] == [
        ("the 1970s", ["the 1970s, year not known"]),
        ("1970", ["1970, month not known"]),
        ("2021", ["December 2021"]),
        ("2022", ["2022, month not known", "March 2022"]),
        ("2099", ["December 2099"]),
        ("Date unknown", ["Date unknown"]),
    ]
    assert [incident.date for incident in groups[3][1][0][1]] == ["2022", "../2022-21"]


def test_it_charts_every_month_between_the_first_and_the_last_and_loose_dates_apart():
    day = datetime.date
    chart = incident_chart(
        [
            (day(2022, 11, 3), day(2022, 11, 3), "bombing", 1),
            (day(2022, 11, 20), day(2022, 11, 20), "bombing", 1),
            (day(2023, 2, 1), day(2023, 2, 28), "air_strike", 1),
            (day(2022, 1, 1), day(2022, 12, 31), "talks", 1),  # "2022": a year, not a month
            (None, None, "other", 1),
        ]
    )
    years, months = chart["binnings"]
    assert months["labels"] == [
        "Jul 2022",
        "Aug 2022",
        "Sep 2022",
        "Oct 2022",
        "Nov 2022",
        "Dec 2022",
        "Jan 2023",
        "Feb 2023",
    ]
    assert [(d["kind"], d["data"]) for d in months["datasets"]] == [
        ("bombing", [0, 0, 0, 0, 2, 0, 0, 0]),
        ("air_strike", [0, 0, 0, 0, 0, 0, 0, 1]),
    ]
    assert months["loose"]["data"] == [1, 0, 0, 0, 0, 0, 0, 0]  # at its middle, 2 July 2022
    assert months["rows"][0] == ("Jul 2022", (0, 0, 1), 1)
    assert [(d["kind"], d["data"]) for d in years["datasets"]] == [
        ("bombing", [2, 0]),
        ("air_strike", [0, 1]),
        ("talks", [1, 0]),
    ]
    assert years["loose"] is None
    assert (chart["initial"], chart["total"], chart["undated"]) == ("month", 4, 1)
    assert [entry["kind"] for entry in chart["legend"]] == ["bombing", "air_strike", "talks"]


def periods_of(crossing):
    return [(p["status"], p["start"], p["last_day"]) for p in crossing.status_periods()]


def test_it_derives_open_and_closed_periods_of_a_crossing_up_to_its_last_dated_event(site_records):
    assert periods_of(site_records["torkham"]) == [
        ("closed", datetime.date(2023, 2, 20), datetime.date(2023, 2, 24)),
        ("open", datetime.date(2023, 2, 25), datetime.date(2023, 2, 25)),
    ]
    Incident.objects.create(
        slug="torkham-clash", title="Clash", kind="border_clash", date="2023-03", crossing=site_records["torkham"]
    )
    assert periods_of(site_records["torkham"])[-1] == ("open", datetime.date(2023, 2, 25), datetime.date(2023, 3, 31))


def test_it_leaves_the_days_a_loosely_dated_change_may_fall_on_unknown(site_records):
    chaman = Crossing.objects.create(slug="chaman", name="Chaman", place=site_records["torkham"].place)
    reopening = Incident.objects.create(
        slug="chaman-reopening", title="Chaman reopened", kind="border_reopening", date="2022", crossing=chaman
    )
    Incident.objects.create(slug="chaman-clash", title="Clash", kind="border_clash", date="2022-12-11", crossing=chaman)
    Incident.objects.create(slug="chaman-fire", title="Fire", kind="border_clash", date="2023-01-05", crossing=chaman)
    periods = chaman.status_periods()
    assert periods_of(chaman) == [
        ("unknown", datetime.date(2022, 1, 1), datetime.date(2022, 12, 30)),
        ("open", datetime.date(2022, 12, 31), datetime.date(2023, 1, 5)),
    ]
    assert periods[0]["pending"] == reopening and periods[1]["change"] == reopening


def test_it_leaves_the_days_before_the_first_change_unknown(site_records):
    torkham = site_records["torkham"]
    Incident.objects.create(slug="early-clash", title="Clash", kind="border_clash", date="2023-02-10", crossing=torkham)
    assert periods_of(torkham)[0] == ("unknown", datetime.date(2023, 2, 10), datetime.date(2023, 2, 19))


def test_a_crossing_without_dated_events_has_no_periods(site_records):
    empty = Crossing.objects.create(slug="empty", name="Empty", place=site_records["torkham"].place)
    assert empty.status_periods() == []


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (15, 15, "15"),
        (15, 20, "15–20"),
        (101, None, "101 or more"),
        (None, 20, "up to 20"),
        (None, None, "no figure given"),
    ],
)
def test_it_words_a_casualty_range(low, high, words):
    assert figure_range(low, high) == words


def test_it_allows_only_the_configured_tile_host_in_the_policy():
    assert map_tile_hosts("") == []
    assert map_tile_hosts("https://{s}.tile.example.org/{z}/{x}/{y}.png") == ["https://*.tile.example.org"]


def test_it_serves_every_front_end_library_from_static_vendor_at_its_recorded_version():
    wanted = json.loads((ROOT / "package.json").read_text())["dependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for name, version in wanted.items():
        assert locked[f"node_modules/{name}"]["version"] == version
        assert (ROOT / "static" / "vendor" / name).is_dir(), name


def test_it_loads_nothing_from_another_host_in_any_template():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert 'src="http' not in text and "src='http" not in text, template
        assert not any('rel="stylesheet" href="http' in line for line in text.splitlines()), template


def test_one_far_off_date_does_not_make_the_chart_grow_with_the_distance():
    first, last = datetime.date(1800, 1, 1), datetime.date(2100, 12, 1)
    year, month = incident_chart([(first, first, "bombing", 1), (last, last, "bombing", 1)])["binnings"]
    assert month["labels"] == ["Jan 1800", "Dec 2100"]  # 3,600 months apart: only those with incidents
    assert len(year["labels"]) == 301  # 300 years apart: every year, as a reader expects
