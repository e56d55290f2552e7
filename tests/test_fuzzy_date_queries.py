"""One pair of queries for every fuzzy-dated record (incidents, relationships, sources): may
overlap a range, or certainly lie within it; open and unknown ends and qualified dates included."""

import datetime

import pytest

from actors.models import Actor, Relationship
from conflict.fuzzydates import DateMatch
from events.models import Incident
from sources.models import Source

DATES = ["2021-08/..", "2021-08/", "../2021", "2014-24", "2021-09~", "2017-10?", "2004-06~/2004-08", "197X"]


def days(first, last):
    return datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)


# (range, dates that may overlap it, dates certainly within it)
RANGES = [
    (days("2021-01-01", "2035-12-31"), {"2021-08/..", "2021-08/", "../2021", "2021-09~"}, {"2021-09~"}),
    (days("2015-01-01", "2015-01-31"), {"2014-24", "../2021"}, set()),
    (days("2014-12-01", "2015-02-28"), {"2014-24", "../2021"}, {"2014-24"}),
    (days("2021-08-17", "2021-10-15"), {"2021-08/..", "2021-08/", "../2021", "2021-09~"}, {"2021-09~"}),
    (days("2021-08-18", "2021-10-15"), {"2021-08/..", "2021-08/", "../2021", "2021-09~"}, set()),
    (days("2017-09-01", "2017-11-30"), {"2017-10?", "../2021"}, {"2017-10?"}),
    (days("2017-09-02", "2017-11-30"), {"2017-10?", "../2021"}, set()),
    (days("2004-05-17", "2004-08-31"), {"2004-06~/2004-08", "../2021"}, {"2004-06~/2004-08"}),
    (days("2004-05-01", "2004-05-16"), {"../2021"}, set()),
    (days("1979-12-31", "1979-12-31"), {"197X", "../2021"}, set()),
    (days("1970-01-01", "1979-12-31"), {"197X", "../2021"}, {"197X"}),
]


def make_incidents():
    for number, date in enumerate(DATES):
        Incident.objects.create(slug=f"i{number}", title=date, kind="other", date=date)
    return Incident.objects.all(), "title"


def make_sources():
    for number, date in enumerate(DATES):
        Source.objects.create(slug=f"s{number}", title=date, published=date)
    Source.objects.create(slug="undated", title="undated")
    return Source.objects.all(), "title"


def make_relationships():
    subject = Actor.objects.create(slug="a", name="A", kind="armed_group")
    for number, date in enumerate(DATES):
        other = Actor.objects.create(slug=f"b{number}", name=date, kind="armed_group")
        Relationship.objects.create(slug=f"r{number}", subject=subject, kind="ally_of", object=other, attested=date)
    Relationship.objects.create(slug="undated", subject=subject, kind="ally_of", object=Actor.objects.get(slug="b0"))
    return Relationship.objects.all(), "object__name"


@pytest.fixture(params=[make_incidents, make_sources, make_relationships], ids=["incidents", "sources", "ties"])
def records(request, db):
    return request.param()


@pytest.mark.parametrize(("limits", "overlapping", "within"), RANGES)
def test_may_overlap_and_certainly_within_agree_with_the_bounds(records, limits, overlapping, within):
    queryset, label = records
    assert set(queryset.may_overlap(*limits).values_list(label, flat=True)) == overlapping
    assert set(queryset.certainly_within(*limits).values_list(label, flat=True)) == within
    assert set(queryset.dated(*limits, match=DateMatch.WITHIN).values_list(label, flat=True)) == within
    assert set(queryset.dated(*limits).values_list(label, flat=True)) == overlapping


def test_a_range_open_on_one_side_reaches_every_record_on_that_side(records):
    queryset, label = records
    before = set(queryset.may_overlap(latest=datetime.date(1975, 1, 1)).values_list(label, flat=True))
    assert before == {"197X", "../2021"}
    after = set(queryset.may_overlap(earliest=datetime.date(2030, 1, 1)).values_list(label, flat=True))
    assert after == {"2021-08/..", "2021-08/"}
    assert set(queryset.certainly_within(earliest=datetime.date(2021, 8, 1)).values_list(label, flat=True)) == {
        "2021-08/..",
        "2021-08/",
        "2021-09~",
    }


def test_no_range_leaves_every_record_and_an_undated_one_matches_no_range(records):
    queryset, label = records
    assert queryset.may_overlap().count() == queryset.count()
    assert "undated" not in set(queryset.may_overlap(latest=datetime.date(2100, 1, 1)).values_list("slug", flat=True))


def test_a_relationship_holds_from_its_start_to_its_end(db):
    subject = Actor.objects.create(slug="a", name="A", kind="armed_group")
    other = Actor.objects.create(slug="b", name="B", kind="armed_group")
    tie = Relationship.objects.create(
        slug="r", subject=subject, kind="ally_of", object=other, start="2014-06", end="2017-10~"
    )
    assert (tie.valid_from, tie.valid_until) == days("2014-06-01", "2017-11-15")
    tie.end = ""
    tie.save()
    assert (tie.valid_from, tie.valid_until) == (datetime.date(2014, 6, 1), None)


def test_saving_only_the_date_saves_its_days_too(db):
    incident = Incident.objects.create(slug="i", title="I", kind="other", date="2022-04")
    incident.date = "2019~"
    incident.save(update_fields=["date"])
    incident.refresh_from_db()
    assert (incident.date_earliest, incident.date_latest) == days("2018-07-01", "2020-06-30")
