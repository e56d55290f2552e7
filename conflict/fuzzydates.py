"""Fuzzy dates: EDTF text as the record of what a source says, plus the day range it allows.

A record keeps the EDTF string a curator typed ("2022-04", "2021-08/..", "2021-09~") and, beside
it, the earliest and latest day it can mean, so that filters and sorting work on real days without
pretending that "April 2022" is April 1st. The forms allowed and the rule for each are in
docs/codebook.md, section 8; this module is the one place that applies them:

- `bounds()`, `describe()`, `precision()` and `slot()` read a text;
- `FuzzyDated` (a model mixin) stores a record's bounds on every save;
- `FuzzyDateQuerySet` selects records that may overlap, or certainly lie within, a range of days.
"""

import calendar
import datetime
import math
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

FIRST_YEAR, LAST_YEAR = 1800, 2099
PRECISIONS = ["day", "month", "season", "year", "decade", "range"]

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# The month each season starts in; winter starts in December of its year and ends in February.
SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}

# How far a qualified date widens, by precision, as (months, days) either side: "?" (uncertain)
# by one whole unit, "~" (approximate) by half of one; "%" (both) by the two together.
UNCERTAIN_MARGIN = {"day": (0, 7), "month": (1, 0), "season": (3, 0), "year": (12, 0), "decade": (120, 0)}
APPROXIMATE_MARGIN = {"day": (0, 3), "month": (0, 15), "season": (1, 0), "year": (6, 0), "decade": (60, 0)}
MARGINS = {"": [], "?": [UNCERTAIN_MARGIN], "~": [APPROXIMATE_MARGIN], "%": [UNCERTAIN_MARGIN, APPROXIMATE_MARGIN]}

DATE = re.compile(
    r"^(?:(?P<decade>\d{3})X|(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?)(?P<qualifier>[?~%])?$"
)
EXAMPLES = "Write e.g. 2023-01-30, 2023-01, 2014-21 (spring), 2023, 197X, 2021-08/.., ../2014 or 2021-09~."


class Point(NamedTuple):
    """One date of an EDTF text (an interval has two): the days it names, before any widening."""

    first: datetime.date
    last: datetime.date
    precision: str
    qualifier: str


class Slot(NamedTuple):
    """Where a timeline files a date: under a year (or a decade) and, if known, a month."""

    heading: str
    month: int | None
    order: tuple  # (year, whether it is a year rather than its decade)
    # The heading of the dates in that year (or decade) that name no month (or year).
    coarse_heading: str


def refuse(message, text, code="invalid_edtf"):
    # The text goes in as a parameter: it may contain "%", which Django's messages format.
    raise ValidationError(
        f"“%(text)s” is not a valid EDTF date here: {message} {EXAMPLES}", code=code, params={"text": text}
    )


def parse_point(date_text, text):
    match = DATE.match(date_text)
    if not match:
        explain_refusal(date_text, text)
    qualifier = match["qualifier"] or ""
    if match["decade"]:
        year = int(match["decade"]) * 10
        check_year(year + 9, text)  # the decade's last year
        return Point(datetime.date(year, 1, 1), datetime.date(year + 9, 12, 31), "decade", qualifier)
    year = check_year(int(match["year"]), text)
    if match["month"] is None:
        return Point(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", qualifier)
    month = int(match["month"])
    if match["day"] is not None:
        try:
            day = datetime.date(year, month, int(match["day"]))
        except ValueError:
            refuse("there is no such day in the calendar.", text)
        return Point(day, day, "day", qualifier)
    if 1 <= month <= 12:
        return Point(datetime.date(year, month, 1), last_day(year, month), "month", qualifier)
    if month in SEASONS:
        first = datetime.date(year, SEASON_START[month], 1)
        return Point(first, add_months(first, 3) - datetime.timedelta(days=1), "season", qualifier)
    if 25 <= month <= 41:
        refuse(
            "quarters, half-years and other groupings of months (25–41) are not supported; "
            "write the months as a range, e.g. 2014-07/2014-09 for the third quarter.",
            text,
            code="unsupported_edtf",
        )
    refuse("01–12 are months and 21–24 seasons; there is no other.", text)


def explain_refusal(date_text, text):
    if "X" in date_text:
        refuse("only a decade (197X) may leave digits unspecified.", text, code="unsupported_edtf")
    if date_text.startswith(("-", "Y")) or re.match(r"^\d{5,}", date_text):
        refuse(f"years run from {FIRST_YEAR} to {LAST_YEAR}.", text, code="out_of_range")
    refuse(
        "the codebook allows a day, month, season, year or decade, each optionally followed by ?, ~ or %%, "
        "or an interval of two.",
        text,
    )


def check_year(year, text):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        refuse(f"years run from {FIRST_YEAR} to {LAST_YEAR}.", text, code="out_of_range")
    return year


def parse(text):
    """The text's points: (start, end) for an interval, where None is an open ("..") or unknown ("") end."""
    if "/" not in text:
        point = parse_point(text, text)
        return point, point
    start_text, _, end_text = text.partition("/")
    if "/" in end_text or start_text in ("", "..") and end_text in ("", ".."):
        refuse("an interval needs at least one known end.", text)
    start = None if start_text in ("", "..") else parse_point(start_text, text)
    end = None if end_text in ("", "..") else parse_point(end_text, text)
    if start and end and end.last < start.first:
        refuse(f"it ends ({end.last}) before it begins ({start.first}).", text, code="reversed_edtf")
    return start, end


def validate_edtf(text):
    if text:
        parse(text)


def bounds(text):
    """The earliest and latest day `text` can mean; None where the range is open or its end unknown."""
    if not text:
        return None, None
    start, end = parse(text)
    return (earliest_day(start) if start else None), (latest_day(end) if end else None)


def bounds_or_none(text):
    """Like bounds(), but (None, None) for invalid text: field validation reports that."""
    try:
        return bounds(text)
    except ValidationError:
        return None, None


def earliest_day(point):
    """The point's first day, moved earlier by its qualifier's margin."""
    months, days = margin(point)
    return shift(point.first, -months, -days)


def latest_day(point):
    """The point's last day, moved later by its qualifier's margin."""
    months, days = margin(point)
    return shift(point.last, months, days)


def margin(point):
    """(months, days) either side: the margins of its qualifier (both of them for "%") added."""
    months = days = 0
    for margins in MARGINS[point.qualifier]:
        months += margins[point.precision][0]
        days += margins[point.precision][1]
    return months, days


def shift(day, months, days):
    """Moved by whole months (a first day of a month stays a first, a last stays a last), then days."""
    if months:
        moved = add_months(day, months)
        day = moved if day.day == 1 else last_day(moved.year, moved.month)
    return day + datetime.timedelta(days=days)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_day(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def precision(text):
    """day, month, season, year, decade or range: how finely `text` pins the date down."""
    match = DATE.match(text)
    if not match:
        return "range"  # an interval, or text that is no date
    if match["decade"]:
        return "decade"
    month = match["month"]
    if month is None:
        return "year"
    if match["day"]:
        return "day"
    return "season" if int(month) in SEASONS else "month"


def describe(text):
    """A reader's rendering: "30 January 2023", "April 2022", "c. September 2021", "since 2007"."""
    if not text:
        return "date unknown"
    try:
        start, end = parse(text)
    except ValidationError:
        return text  # shown as typed on the form that refuses it
    if "/" not in text:
        return describe_point(start)
    if end is None:
        return (
            f"since {describe_point(start)}" if text.endswith("/..") else f"from {describe_point(start)}, end unknown"
        )
    if start is None:
        return (
            f"until {describe_point(end)}" if text.startswith("../") else f"until {describe_point(end)}, start unknown"
        )
    return f"{describe_point(start)} – {describe_point(end)}"


def describe_point(point):
    first = point.first
    words = {
        "day": f"{first.day} {calendar.month_name[first.month]} {first.year}",
        "month": f"{calendar.month_name[first.month]} {first.year}",
        "year": str(first.year),
        "decade": f"the {first.year}s",
    }.get(point.precision) or season_words(point)
    if point.qualifier in ("~", "%"):
        words = f"c. {words}"
    if point.qualifier in ("?", "%"):
        words = f"{words} (uncertain)"
    return words


def season_words(point):
    name = SEASONS[[number for number, month in SEASON_START.items() if month == point.first.month][0]]
    if point.first.year == point.last.year:
        return f"{name} {point.first.year}"
    return f"{name} {point.first.year}–{point.last.year % 100:02d}"


def slot(text):
    """Where a timeline files `text`: a single date under its own year (a decade under its decade)
    and month when it names one; an interval under its start, or its end when only that is known,
    and under a month only when both ends lie in it; no date under "Date unknown"."""
    if not text:
        return Slot("Date unknown", None, (math.inf, True), "Date unknown")
    start, end = parse(text)
    anchor = start or end
    year = anchor.first.year
    if anchor.precision == "decade":
        return Slot(f"the {year}s", None, (year, False), f"the {year}s, year not known")
    month = anchor.first.month if anchor.precision in ("day", "month") else None
    if start and end and (start.first.year, start.first.month) != (end.last.year, end.last.month):
        month = None
    return Slot(str(year), month, (year, True), f"{year}, month not known")


class FuzzyDated(models.Model):
    """A record dated by EDTF text, with the earliest and latest day the text can mean stored beside
    it (`DATE_BOUNDS` names those two fields), derived on every save from `date_bounds()`."""

    DATE_BOUNDS = ("date_earliest", "date_latest")
    EDTF_FIELD = "date"

    class Meta:
        abstract = True

    def save(self, **kwargs):
        self.set_date_bounds()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DATE_BOUNDS}
        super().save(**kwargs)

    def set_date_bounds(self):
        earliest, latest = self.date_bounds()
        first, last = self.DATE_BOUNDS
        setattr(self, first, earliest)
        setattr(self, last, latest)

    def date_bounds(self):
        return bounds(getattr(self, self.EDTF_FIELD))


class DateMatch(models.TextChoices):
    """How a record's fuzzy date must relate to a range of days to match it."""

    OVERLAP = "overlap", "May fall in the range (its possible dates overlap it)"
    WITHIN = "within", "Certainly in the range (all its possible dates are inside it)"


class FuzzyDateQuerySet(models.QuerySet):
    """Selects FuzzyDated records by a range of days (either end may be left open). A record with
    no date at all matches no date range."""

    def may_overlap(self, earliest=None, latest=None):
        """Records whose possible days overlap the range (an open end reaches it from either side)."""
        first, last = self.model.DATE_BOUNDS
        queryset = self
        if earliest or latest:
            queryset = queryset.exclude(Q(**{f"{first}__isnull": True}) & Q(**{f"{last}__isnull": True}))
        if earliest:
            queryset = queryset.filter(Q(**{f"{last}__isnull": True}) | Q(**{f"{last}__gte": earliest}))
        if latest:
            queryset = queryset.filter(Q(**{f"{first}__isnull": True}) | Q(**{f"{first}__lte": latest}))
        return queryset

    def certainly_within(self, earliest=None, latest=None):
        """Records all of whose possible days lie inside the range (an open end never does)."""
        first, last = self.model.DATE_BOUNDS
        queryset = self
        if earliest:
            queryset = queryset.filter(**{f"{first}__gte": earliest})
        if latest:
            queryset = queryset.filter(**{f"{last}__lte": latest})
        return queryset

    def dated(self, earliest=None, latest=None, match=DateMatch.OVERLAP):
        if match == DateMatch.WITHIN:
            return self.certainly_within(earliest, latest)
        return self.may_overlap(earliest, latest)
