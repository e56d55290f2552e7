"""How the timeline arranges incidents: listed by year and month."""

import calendar


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
