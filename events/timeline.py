"""How the timeline arranges incidents: listed by year and month, and counted per month and kind."""

import calendar
import datetime

from events.models import Incident


def group_by_year_and_month(incidents):
    """[(year heading, [(month heading, [incident, ...]), ...]), ...], in date order.

    Each incident is filed as the codebook says (section 8): a decade under its decade, ahead of
    the years in it; a date coarser than a month first in its year, under a heading that says so;
    an interval under its start, or under its end when only that is known.
    """
    years = {}
    for incident in incidents:
        slot = incident.calendar_slot
        year = years.setdefault(slot.order, {"heading": slot.heading, "coarse": slot.coarse_heading, "months": {}})
        year["months"].setdefault(slot.month, []).append(incident)
    return [
        (year["heading"], [(month_heading(year, month), year["months"][month]) for month in sorted_months(year)])
        for _, year in sorted(years.items())
    ]


def sorted_months(year):
    return sorted(year["months"], key=lambda month: month or 0)


def month_heading(year, month):
    return year["coarse"] if month is None else f"{calendar.month_name[month]} {year['heading']}"


# Beyond this many months from the first to the last, the chart shows only months with incidents,
# so that one far-off date cannot make the page huge.
MAX_CHART_MONTHS = 600


def monthly_chart(rows):
    """Chart.js data for (month, kind, count) rows: every month from the first to the last (or,
    over a span too long for that, every month with incidents), one stacked series per kind that
    occurs."""
    counts = {(month, kind): count for month, kind, count in rows}
    if not counts:
        return {"labels": [], "datasets": [], "rows": []}
    months = sorted({month for month, _ in counts})
    if month_span(months[0], months[-1]) <= MAX_CHART_MONTHS:
        months = list(months_between(months[0], months[-1]))
    kinds = [kind for kind in Incident.Kind if any(kind == key[1] for key in counts)]
    labels = [f"{calendar.month_abbr[month.month]} {month.year}" for month in months]
    datasets = [
        {"kind": kind.value, "label": kind.label, "data": [counts.get((month, kind.value), 0) for month in months]}
        for kind in kinds
    ]
    columns = [dataset["data"] for dataset in datasets]
    return {"labels": labels, "datasets": datasets, "rows": list(zip(labels, zip(*columns, strict=True), strict=True))}


def month_span(first, last):
    return (last.year - first.year) * 12 + last.month - first.month + 1


def months_between(first, last):
    month = datetime.date(first.year, first.month, 1)
    while month <= last:
        yield month
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
