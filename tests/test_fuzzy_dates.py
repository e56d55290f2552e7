"""Fuzzy dates at every edge: the exact days each form the codebook allows can mean, its words,
its precision, and the forms refused with a reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from conflict import fuzzydates


def day(text):
    return datetime.date.fromisoformat(text)


# Every form the codebook (section 8) allows, with the exact earliest and latest day it means.
BOUNDS = [
    # form, text, earliest, latest, in words
    ("day", "2023-01-30", "2023-01-30", "2023-01-30", "30 January 2023"),
    ("month", "2022-04", "2022-04-01", "2022-04-30", "April 2022"),
    ("month in a leap year", "2024-02", "2024-02-01", "2024-02-29", "February 2024"),
    ("spring", "2014-21", "2014-03-01", "2014-05-31", "spring 2014"),
    ("summer", "2014-22", "2014-06-01", "2014-08-31", "summer 2014"),
    ("autumn", "2014-23", "2014-09-01", "2014-11-30", "autumn 2014"),
    ("winter, across the year end", "2014-24", "2014-12-01", "2015-02-28", "winter 2014–15"),
    ("winter ending in a leap year", "2023-24", "2023-12-01", "2024-02-29", "winter 2023–24"),
    ("year", "2022", "2022-01-01", "2022-12-31", "2022"),
    ("decade", "197X", "1970-01-01", "1979-12-31", "the 1970s"),
    ("uncertain day: a week either side", "2022-04-16?", "2022-04-09", "2022-04-23", "16 April 2022 (uncertain)"),
    ("approximate day: 3 days either side", "2023-01-30~", "2023-01-27", "2023-02-02", "c. 30 January 2023"),
    ("uncertain month: the month either side", "2017-10?", "2017-09-01", "2017-11-30", "October 2017 (uncertain)"),
    ("approximate month: 15 days either side", "2021-09~", "2021-08-17", "2021-10-15", "c. September 2021"),
    ("uncertain and approximate day", "2022-04-16%", "2022-04-06", "2022-04-26", "c. 16 April 2022 (uncertain)"),
    ("uncertain and approximate month", "2017-10%", "2017-08-17", "2017-12-15", "c. October 2017 (uncertain)"),
    ("uncertain season: the season either side", "2014-21?", "2013-12-01", "2014-08-31", "spring 2014 (uncertain)"),
    ("approximate season: a month either side", "2014-21~", "2014-02-01", "2014-06-30", "c. spring 2014"),
    ("uncertain year: the year either side", "2007?", "2006-01-01", "2008-12-31", "2007 (uncertain)"),
    ("approximate year: 6 months either side", "2007~", "2006-07-01", "2008-06-30", "c. 2007"),
    ("uncertain and approximate year", "2007%", "2005-07-01", "2009-06-30", "c. 2007 (uncertain)"),
    ("uncertain decade: the decade either side", "197X?", "1960-01-01", "1989-12-31", "the 1970s (uncertain)"),
    ("approximate decade: 5 years either side", "197X~", "1965-01-01", "1984-12-31", "c. the 1970s"),
    ("interval", "2022-06/2022-11", "2022-06-01", "2022-11-30", "June 2022 – November 2022"),
    ("interval across a winter", "2013/2014-24", "2013-01-01", "2015-02-28", "2013 – winter 2014–15"),
    ("interval, approximate end", "2013/2014-21~", "2013-01-01", "2014-06-30", "2013 – c. spring 2014"),
    ("interval, approximate start", "2004-06~/2004-08", "2004-05-17", "2004-08-31", "c. June 2004 – August 2004"),
    (
        "interval, uncertain start",
        "2004-06?/2004-08",
        "2004-05-01",
        "2004-08-31",
        "June 2004 (uncertain) – August 2004",
    ),
    ("open end (ongoing)", "2021-08/..", "2021-08-01", None, "since August 2021"),
    ("unknown end", "2021-08/", "2021-08-01", None, "from August 2021, end unknown"),
    ("open start", "../2021", None, "2021-12-31", "until 2021"),
    ("open start, a season", "../2014-21", None, "2014-05-31", "until spring 2014"),
    ("unknown start", "/2021", None, "2021-12-31", "until 2021, start unknown"),
    ("first year taken", "1800", "1800-01-01", "1800-12-31", "1800"),
    ("last day taken", "2099-12-31", "2099-12-31", "2099-12-31", "31 December 2099"),
    ("first decade taken", "180X", "1800-01-01", "1809-12-31", "the 1800s"),
    ("last decade taken", "209X", "2090-01-01", "2099-12-31", "the 2090s"),
    ("a one-day interval", "2022-01-01/2022-01-01", "2022-01-01", "2022-01-01", "1 January 2022 – 1 January 2022"),
    ("winter of a new century", "2099-24~", "2099-11-01", "2100-03-31", "c. winter 2099–00"),
]


@pytest.mark.parametrize(("form", "text", "earliest", "latest", "words"), BOUNDS, ids=[row[0] for row in BOUNDS])
def test_it_gives_the_exact_days_each_form_can_mean(form, text, earliest, latest, words):
    assert fuzzydates.bounds(text) == (earliest and day(earliest), latest and day(latest))


@pytest.mark.parametrize(("form", "text", "earliest", "latest", "words"), BOUNDS, ids=[row[0] for row in BOUNDS])
def test_its_words_say_what_the_bounds_mean(form, text, earliest, latest, words):
    assert fuzzydates.describe(text) == words


def test_uncertain_and_approximate_widen_differently_and_both_together_widen_most():
    exact, uncertain, approximate, both = (fuzzydates.bounds(f"2017-10{q}") for q in ("", "?", "~", "%"))
    assert both[0] < uncertain[0] < approximate[0] < exact[0]
    assert exact[1] < approximate[1] < uncertain[1] < both[1]


QUARTERS = (
    "quarters, half-years and other groupings of months (25–41) are not supported; "
    "write the months as a range, e.g. 2014-07/2014-09 for the third quarter."
)
YEARS = "years run from 1800 to 2099."
MONTHS = "01–12 are months and 21–24 seasons; there is no other."
FORMS = (
    "the codebook allows a day, month, season, year or decade, each optionally followed by ?, ~ or %, "
    "or an interval of two."
)
DIGITS = "only a decade (197X) may leave digits unspecified."
NO_END = "an interval needs at least one known end."

REFUSED = [
    # form, text, error code, reason
    ("a quarter", "2014-33", "unsupported_edtf", QUARTERS),
    ("the first grouping", "2014-25", "unsupported_edtf", QUARTERS),
    ("the last grouping", "2014-41", "unsupported_edtf", QUARTERS),
    ("past the groupings", "2014-42", "invalid_edtf", MONTHS),
    ("a month that does not exist", "2021-13", "invalid_edtf", MONTHS),
    ("between months and seasons", "2021-20", "invalid_edtf", MONTHS),
    ("a day that does not exist", "2022-02-29", "invalid_edtf", "there is no such day in the calendar."),
    ("an impossible day", "2021-13-45", "invalid_edtf", "there is no such day in the calendar."),
    ("a year before the range", "1799", "out_of_range", YEARS),
    ("a year after the range", "2100", "out_of_range", YEARS),
    ("a decade ending after the range", "210X", "out_of_range", YEARS),
    ("a decade before the range", "179X", "out_of_range", YEARS),
    ("year zero", "0000", "out_of_range", YEARS),
    ("a negative year", "-0100", "out_of_range", YEARS),
    ("a long year", "Y170000002", "out_of_range", YEARS),
    ("a five-digit year", "12345", "out_of_range", YEARS),
    ("the far future", "9999-12-31", "out_of_range", YEARS),
    ("unspecified digits", "XXXX", "unsupported_edtf", DIGITS),
    ("an unspecified day", "2021-08-2X", "unsupported_edtf", DIGITS),
    ("a reversed interval", "2023/2021", "reversed_edtf", "it ends (2021-12-31) before it begins (2023-01-01)."),
    (
        "a reversed interval by a day",
        "2022-01-02/2022-01-01",
        "reversed_edtf",
        "it ends (2022-01-01) before it begins (2022-01-02).",
    ),
    ("an interval with no known end", "../..", "invalid_edtf", NO_END),
    ("an interval with no end at all", "/", "invalid_edtf", NO_END),
    ("open start, unknown end", "../", "invalid_edtf", NO_END),
    ("unknown start, open end", "/..", "invalid_edtf", NO_END),
    ("an interval of three", "2020/2021/2022", "invalid_edtf", NO_END),
    ("a bad start", "2014-33/2015", "unsupported_edtf", QUARTERS),
    ("a bad end", "2015/2014-33", "unsupported_edtf", QUARTERS),
    ("words", "last January", "invalid_edtf", FORMS),
    ("a percent sign alone", "%", "invalid_edtf", FORMS),
    ("a format string", "%(text)s%s%d", "invalid_edtf", FORMS),
    ("a time of day", "2023-01-30T10:00", "invalid_edtf", FORMS),
    ("a lower-case decade", "197x", "invalid_edtf", FORMS),
]
EXAMPLES = "Write e.g. 2023-01-30, 2023-01, 2014-21 (spring), 2023, 197X, 2021-08/.., ../2014 or 2021-09~."


@pytest.mark.parametrize(("form", "text", "code", "reason"), REFUSED, ids=[row[0] for row in REFUSED])
def test_it_refuses_what_the_codebook_does_not_allow_saying_why(form, text, code, reason):
    with pytest.raises(ValidationError) as error:
        fuzzydates.validate_edtf(text)
    assert error.value.messages == [f"“{text}” is not a valid EDTF date here: {reason} {EXAMPLES}"]
    assert error.value.code == code


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2023-01-30", "day"),
        ("2023-01", "month"),
        ("2023-01?", "month"),
        ("2014-21", "season"),
        ("2023", "year"),
        ("2023~", "year"),
        ("197X", "decade"),
        ("2021-08/..", "range"),
        ("../2014", "range"),
        ("last January", "range"),
    ],
)
def test_it_names_the_precision(text, precision):
    assert fuzzydates.precision(text) == precision
    assert precision in fuzzydates.PRECISIONS


@pytest.mark.parametrize("text", ["2023-13-45", "2023-13", "%"])
def test_it_describes_an_invalid_date_as_typed_so_the_form_refusing_it_can_show_it(text):
    assert fuzzydates.describe(text) == text


def test_no_date_is_date_unknown():
    assert fuzzydates.describe("") == "date unknown"
    assert fuzzydates.bounds("") == (None, None)


def test_bounds_or_none_gives_no_days_for_a_refused_text_and_the_days_for_a_valid_one():
    assert fuzzydates.bounds_or_none("2014-33") == (None, None)
    assert fuzzydates.bounds_or_none("2014-21") == (datetime.date(2014, 3, 1), datetime.date(2014, 5, 31))
