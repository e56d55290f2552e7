"""How the timeline arranges incidents: listed by year and month, and counted per month and kind."""

import calendar
import datetime

from events.models import Incident


def group_by_year_and_month(incidents):
    """[(year, [(month heading, [incident, ...]), ...]), ...], in date order.

    Incidents dated no closer than a year or a season come first in their year, under a heading
    that says so; undated ones come last.
    """
    years = {}
    for incident in incidents:
        year, month = incident.calendar_slot
        years.setdefault(year, {}).setdefault(month, []).append(incident)
    return [
        (year, [(month_heading(year, month), months[month]) for month in sorted(months, key=lambda m: m or 0)])
        for year, months in sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0))
    ]


def month_heading(year, month):
    if year is None:
        return "Date unknown"
    if month is None:
        return f"{year}, month not known"
    return f"{calendar.month_name[month]} {year}"


def monthly_chart(rows):
    """Chart.js data for (month, kind, count) rows: every month from the first to the last, one
    stacked series per kind that occurs."""
    counts = {(month, kind): count for month, kind, count in rows}
    if not counts:
        return {"labels": [], "datasets": [], "rows": []}
    months = list(months_between(min(month for month, _ in counts), max(month for month, _ in counts)))
    kinds = [kind for kind in Incident.Kind if any(kind == key[1] for key in counts)]
    labels = [f"{calendar.month_abbr[month.month]} {month.year}" for month in months]
    datasets = [
        {"kind": kind.value, "label": kind.label, "data": [counts.get((month, kind.value), 0) for month in months]}
        for kind in kinds
    ]
    columns = [dataset["data"] for dataset in datasets]
    return {"labels": labels, "datasets": datasets, "rows": list(zip(labels, zip(*columns, strict=True), strict=True))}


def months_between(first, last):
    month = datetime.date(first.year, first.month, 1)
    while month <= last:
        yield month
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
