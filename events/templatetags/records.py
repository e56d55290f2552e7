"""How the pages word and draw records: casualty ranges, coordinates, the records a quote supports."""

from django import template
from django.conf import settings

from events.models import TollFigure, describe_range

register = template.Library()


@register.filter
def figure_range(low, high):
    return describe_range(low, high)


@register.filter
def coordinates(place):
    if place is None or place.latitude is None:
        return "not known"
    north = "N" if place.latitude >= 0 else "S"
    east = "E" if place.longitude >= 0 else "W"
    return f"{abs(place.latitude)}° {north}, {abs(place.longitude)}° {east}"


@register.filter
def record_kind(record):
    return record._meta.verbose_name


@register.filter
def record_label(record):
    """A record as a link text names it; a toll figure by its wording and incident."""
    if isinstance(record, TollFigure):
        return f"“{record.as_printed}” {record.get_measure_display().lower()}, {record.incident}"
    return str(record)


@register.inclusion_tag("events/_status_strip.html")
def status_strip(periods):
    """The open, closed and unknown periods as bars on one time axis, from the first dated event to the last."""
    if not periods:
        return {"bars": []}
    first, end = periods[0]["start"], periods[-1]["end"]
    span = (end - first).days
    bars = [
        {
            **period,
            "x": round(1000 * (period["start"] - first).days / span, 2),
            "width": round(1000 * (period["end"] - period["start"]).days / span, 2),
        }
        for period in periods
    ]
    return {"bars": bars, "first": first, "last": periods[-1]["last_day"]}


@register.inclusion_tag("events/_map.html")
def incident_map(points, size, label="Map of the incidents"):
    """A Leaflet map of `points` over the shipped country outlines, with tiles only where configured."""
    return {
        "points": points,
        "size": size,
        "label": label,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
