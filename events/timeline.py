"""How the timeline arranges incidents: listed by year and month."""

import calendar


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
