"""The timeline's chart: incidents per year or per month, stacked by kind.

An incident whose possible dates all fall in one bin is counted there under its kind. One dated
more loosely than the bin ("2022" in a monthly chart, "the 1990s" in a yearly one, an open range)
is counted apart, in a series of its own at the bin of the middle of its possible days, so that
no dated incident is left out and none is passed off as more precise than it is.
"""

import calendar
import datetime

from events.kinds import INKS, KIND_STYLES, LOOSE_STYLE
from events.models import Incident

BINS = ("year", "month")
# Monthly bars over more than this many months are too thin to read: the chart opens by year.
MONTHLY_SPAN_LIMIT = 36


# Beyond this many bins from the first to the last, only the bins with incidents are shown, so
# that one far-off date cannot make the page huge.
MAX_BINS = 600


def incident_chart(rows):
    """Chart data for (earliest, latest, kind, count) rows: both binnings, and the one to show first."""
    dated = [row for row in rows if row[0] is not None or row[1] is not None]
    binnings = [binned(dated, name) for name in BINS]
    months = len(binnings[BINS.index("month")]["labels"])
    kinds = {row[2] for row in dated}
    total = sum(row[3] for row in dated)
    return {
        "binnings": binnings,
        "initial": "month" if months <= MONTHLY_SPAN_LIMIT else "year",
        "undated": sum(row[3] for row in rows) - total,
        "total": total,
        "legend": [
            {"kind": kind, "label": Incident.Kind(kind).label, **style}
            for kind, style in KIND_STYLES.items()
            if kind in kinds
        ],
        "loose_style": LOOSE_STYLE,
        "inks": INKS,
    }


def binned(dated, bin_name):
    precise, loose = {}, {}
    for earliest, latest, kind, count in dated:
        first = bin_of(earliest or latest, bin_name)
        if earliest is not None and latest is not None and bin_of(latest, bin_name) == first:
            precise[first, kind] = precise.get((first, kind), 0) + count
        else:
            # An open end: the bin of the known one; else the bin of the middle of the possible days.
            slot = first if earliest is None or latest is None else bin_of(middle(earliest, latest), bin_name)
            loose[slot] = loose.get(slot, 0) + count
    used = {slot for slot, _ in precise} | set(loose)
    if not used:
        return {"name": bin_name, "labels": [], "datasets": [], "loose": None, "rows": [], "columns": []}
    slots = sorted(used)
    if bins_apart(slots[0], slots[-1], bin_name) < MAX_BINS:
        slots = list(bins_between(slots[0], slots[-1], bin_name))
    labels = [label_of(slot, bin_name) for slot in slots]
    datasets = [
        {
            "kind": kind,
            "label": Incident.Kind(kind).label,
            **KIND_STYLES[kind],
            "data": [precise.get((s, kind), 0) for s in slots],
        }
        for kind in KIND_STYLES
        if any(key[1] == kind for key in precise)
    ]
    loose_series = {
        "label": f"Dated more loosely than a {bin_name}",
        **LOOSE_STYLE,
        "data": [loose.get(slot, 0) for slot in slots],
    }
    series = [dataset["data"] for dataset in datasets] + [loose_series["data"]]
    rows = [
        (label, counts, sum(counts))
        for label, counts in zip(labels, zip(*series, strict=True), strict=True)
        if any(counts)
    ]
    return {
        "name": bin_name,
        "labels": labels,
        "datasets": datasets,
        "loose": loose_series if any(loose.values()) else None,
        "rows": rows,
        "columns": [dataset["label"] for dataset in datasets] + [loose_series["label"]],
    }


def middle(earliest, latest):
    """The middle of the possible days: 1 January 1995 for the 1990s, 2 July for 2022."""
    return earliest + (latest - earliest + datetime.timedelta(days=1)) / 2


def bin_of(day, bin_name):
    return datetime.date(day.year, 1 if bin_name == "year" else day.month, 1)


def bins_apart(first, last, bin_name):
    years = last.year - first.year
    return years if bin_name == "year" else years * 12 + last.month - first.month


def bins_between(first, last, bin_name):
    slot = first
    while slot <= last:
        yield slot
        if bin_name == "year":
            slot = datetime.date(slot.year + 1, 1, 1)
        else:
            slot = datetime.date(slot.year + slot.month // 12, slot.month % 12 + 1, 1)


def label_of(slot, bin_name):
    return str(slot.year) if bin_name == "year" else f"{calendar.month_abbr[slot.month]} {slot.year}"
