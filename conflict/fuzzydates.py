"""Fuzzy dates: EDTF text as the record of what a source says, plus the day range it allows.

A record keeps the EDTF string a curator typed ("2022-04", "2021-08/..", "2021-09~") and, beside
it, the earliest and latest day it can mean, so that filters and sorting work on real days without
pretending that "April 2022" is April 1st.
"""

import calendar
import datetime
import math
import re

import edtf
from django.core.exceptions import ValidationError

# An approximate ("~") or uncertain ("?") date may lie one unit of its precision either side.
APPROXIMATION_MARGIN = {"day": 7, "month": 31, "season": 92, "year": 366, "decade": 3653, "range": 0}

SEASONS = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
SEASON = re.compile(r"^(\d{4})-(2[1-4])$")
YEAR = re.compile(r"^(\d{4})$")
DECADE = re.compile(r"^(\d{3})X$")


def parse(text):
    """Return the edtf object for `text`, or raise a ValidationError saying why not."""
    try:
        parsed = edtf.parse_edtf(text)
        parsed.lower_strict(), parsed.upper_strict()
    except Exception as error:
        # The text goes in as a parameter: a "%" in it must not be read as a format (django-filter does).
        raise ValidationError(
            "“%(text)s” is not a valid EDTF date (%(reason)s). "
            "Write e.g. 2023-01-30, 2023-01, 2023, 2021-08/.. or 2021-09~.",
            code="invalid_edtf",
            params={"text": text, "reason": error},
        ) from None
    return parsed


def validate_edtf(text):
    if text:
        bounds(text)


def bounds(text):
    """The earliest and latest day `text` can mean; None where the range is open."""
    if not text:
        return None, None
    parsed = parse(text)
    earliest = _to_date(parsed.lower_strict())
    latest = _to_date(parsed.upper_strict())
    if text.endswith(("~", "?", "%")):
        margin = datetime.timedelta(days=APPROXIMATION_MARGIN[precision(text)])
        earliest, latest = earliest - margin, latest + margin
    if earliest and latest and earliest > latest:
        raise ValidationError(
            "“%(text)s” ends (%(latest)s) before it begins (%(earliest)s).",
            code="reversed_edtf",
            params={"text": text, "latest": latest, "earliest": earliest},
        )
    return earliest, latest


def bounds_or_none(text):
    """Like bounds(), but (None, None) for invalid text: field validation reports that."""
    try:
        return bounds(text)
    except ValidationError:
        return None, None


def precision(text):
    """day, month, season, year, decade or range: how finely `text` pins the date down."""
    core = text.rstrip("~?%")
    if "/" in core:
        return "range"
    for name, pattern in (
        ("day", DAY),
        ("season", SEASON),
        ("month", MONTH),
        ("year", YEAR),
        ("decade", DECADE),
    ):
        if pattern.match(core):
            return name
    return "range"


def describe(text):
    """A reader's rendering: "30 January 2023", "April 2022", "c. September 2021"."""
    if not text:
        return "date unknown"
    if "/" in text:
        start, end = text.split("/", 1)
        if end in ("..", ""):
            return f"since {describe(start)}"
        if start in ("..", ""):
            return f"until {describe(end)}"
        return f"{describe(start)} – {describe(end)}"
    core = text.rstrip("~?%")
    words = _describe_exact(core)
    if text.endswith("~") or text.endswith("%"):
        words = f"c. {words}"
    if text.endswith("?") or text.endswith("%"):
        words = f"{words} (uncertain)"
    return words


def _describe_exact(core):
    # Text that failed validation is still shown (on the form that refuses it): as typed.
    if (match := DAY.match(core)) and 1 <= int(match[2]) <= 12:
        year, month, day = (int(part) for part in match.groups())
        return f"{day} {calendar.month_name[month]} {year}"
    if match := SEASON.match(core):
        return f"{SEASONS[match[2]]} {match[1]}"
    if (match := MONTH.match(core)) and 1 <= int(match[2]) <= 12:
        return f"{calendar.month_name[int(match[2])]} {match[1]}"
    if match := DECADE.match(core):
        return f"the {match[1]}0s"
    return core


def _to_date(struct):
    if isinstance(struct, float) and math.isinf(struct):
        return None
    return datetime.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
