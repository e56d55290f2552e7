"""Properties of fuzzy dates over generated texts: bounds are ordered and contain what the text
names, qualifiers only widen, words and filing never fail, and no text makes a filter fail.

Derandomized in the suite; `make fuzz` runs many more, new ones each run (FUZZ_EXAMPLES,
FUZZ_RANDOM=1)."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict import fuzzydates

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

years = st.integers(fuzzydates.FIRST_YEAR, fuzzydates.LAST_YEAR)
qualifiers = st.sampled_from(["", "?", "~", "%"])


@st.composite
def points(draw):
    """One EDTF date the codebook allows: a day, month, season, year or decade, maybe qualified."""
    year = draw(years)
    form = draw(st.sampled_from(["day", "month", "season", "year", "decade"]))
    if form == "day":
        day = draw(st.dates(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
        text = day.isoformat()
    elif form == "month":
        text = f"{year}-{draw(st.integers(1, 12)):02d}"
    elif form == "season":
        text = f"{year}-{draw(st.integers(21, 24))}"
    elif form == "year":
        text = str(year)
    else:
        text = f"{str(min(year, 2099))[:3]}X"  # a decade ends inside the years taken
    return text + draw(qualifiers)


@st.composite
def edtf_texts(draw):
    kind = draw(st.sampled_from(["point", "interval", "open start", "open end", "unknown start", "unknown end"]))
    if kind == "point":
        return draw(points())
    if kind == "interval":
        first, second = draw(points()), draw(points())
        return f"{first}/{second}"
    return {
        "open start": "../{}",
        "open end": "{}/..",
        "unknown start": "/{}",
        "unknown end": "{}/",
    }[kind].format(draw(points()))


def valid_or_refused(text):
    try:
        return fuzzydates.bounds(text)
    except ValidationError as error:
        assert error.messages[0].startswith(f"“{text}” is not a valid EDTF date here")
        return None


@FUZZ
@given(edtf_texts())
def test_bounds_are_ordered_and_words_and_filing_never_fail(text):
    found = valid_or_refused(text)
    if found is None:
        assert "/" in text  # only an interval that ends before it begins is refused
        return
    earliest, latest = found
    assert earliest is not None or latest is not None
    if earliest and latest:
        assert earliest <= latest
    words = fuzzydates.describe(text)
    assert words and (words != text or text.isdigit())
    assert fuzzydates.slot(text).heading != "Date unknown"
    assert fuzzydates.precision(text) in fuzzydates.PRECISIONS


@FUZZ
@given(points())
def test_a_qualifier_only_widens_and_the_text_stays_inside(text):
    bare = text.rstrip("?~%")
    earliest, latest = fuzzydates.bounds(text)
    bare_earliest, bare_latest = fuzzydates.bounds(bare)
    assert earliest <= bare_earliest <= bare_latest <= latest
    assert (earliest < bare_earliest) == (text != bare)
    assert fuzzydates.describe(text).count(fuzzydates.describe(bare)) == 1


@FUZZ
@given(st.text(max_size=40))
def test_any_text_is_a_date_or_refused_with_a_reason(text):
    valid_or_refused(text)
    fuzzydates.describe(text)


FILTERS = [
    ("/api/v1/incidents/", "date_from"),
    ("/api/v1/relationships/", "date_to"),
    ("/api/v1/sources/", "published_from"),
    ("/", "date_to"),
]


@pytest.mark.parametrize(("url", "parameter"), FILTERS)
def test_no_text_makes_a_date_filter_fail(db, client, url, parameter):
    @FUZZ
    @given(st.one_of(edtf_texts(), st.text(max_size=30)))
    def filter_by(text):
        response = client.get(url, {parameter: text, "date_match": "within"})
        assert response.status_code in (200, 400)

    filter_by()
