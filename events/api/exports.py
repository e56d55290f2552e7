"""Incident lists as flat CSV rows, GeoJSON features and a TimelineJS timeline.

Every CSV column is described in docs/api.md ("CSV columns"); GeoJSON features carry the same
columns as properties."""

from django.urls import reverse

from conflict import fuzzydates
from events.models import Crossing, Incident, Involvement, Place

ROLE_COLUMNS = [f"role_{role}" for role in Involvement.Role.values]

CSV_COLUMNS = [
    "slug",
    "title",
    "kind",
    "date",
    "date_earliest",
    "date_latest",
    "date_precision",
    "place",
    "place_name",
    "district",
    "province",
    "country",
    "latitude",
    "longitude",
    "coordinate_precision",
    "crossing",
    "killed_min",
    "killed_max",
    "killed_claimed_by",
    "injured_min",
    "injured_max",
    "injured_claimed_by",
    *ROLE_COLUMNS,
    "sources",
    "summary",
    "updated",
    "api_url",
]


def location(incident):
    """Where the incident happened: its place, else the place of its crossing."""
    if incident.place is not None:
        return incident.place
    return incident.crossing.place if incident.crossing is not None else None


def innermost(place, kinds):
    ancestor = next((unit for unit in place.lineage() if unit.kind in kinds), None) if place else None
    return ancestor.slug if ancestor else ""


def api_url(incident, request):
    return request.build_absolute_uri(reverse("api:incident-detail", args=[incident.slug]))


def sources_of(incident):
    citations = [*incident.citations.all()]
    for involvement in incident.involvements.all():
        citations += involvement.citations.all()
    slugs = {citation.source.slug for citation in citations}
    slugs |= {figure.source.slug for figure in incident.toll_figures.all()}
    return "; ".join(sorted(slugs))


def slug_or_blank(actor):
    return actor.slug if actor else ""


def csv_row(incident, request):
    place = location(incident)
    roles = {column: [] for column in ROLE_COLUMNS}
    for involvement in incident.involvements.all():
        roles[f"role_{involvement.role}"].append(involvement.actor.slug)
    return {
        "slug": incident.slug,
        "title": incident.title,
        "kind": incident.kind,
        "date": incident.date,
        "date_earliest": incident.date_earliest,
        "date_latest": incident.date_latest,
        "date_precision": incident.date_precision,
        "place": place.slug if place else "",
        "place_name": place.name if place else "",
        "district": innermost(place, {Place.Kind.DISTRICT}),
        "province": innermost(place, {Place.Kind.PROVINCE, Place.Kind.REGION}),
        "country": innermost(place, {Place.Kind.COUNTRY}),
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "coordinate_precision": place.precision if place else "",
        "crossing": incident.crossing.slug if incident.crossing else "",
        "killed_min": incident.killed_min,
        "killed_max": incident.killed_max,
        "killed_claimed_by": slug_or_blank(incident.killed_claimed_by),
        "injured_min": incident.injured_min,
        "injured_max": incident.injured_max,
        "injured_claimed_by": slug_or_blank(incident.injured_claimed_by),
        **{column: "; ".join(sorted(slugs)) for column, slugs in roles.items()},
        "sources": sources_of(incident),
        "summary": incident.summary,
        "updated": incident.updated.isoformat(),
        "api_url": api_url(incident, request),
    }


def feature_collection(incidents, request):
    """Incidents whose place (or crossing's place) has coordinates, as GeoJSON points."""
    features = []
    for incident in incidents:
        place = location(incident)
        if place is None or place.latitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": incident.slug,
                "geometry": {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]},
                "properties": csv_row(incident, request),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def timeline_date(text, day):
    """A TimelineJS date with only the parts the EDTF text knows: no day for a month, no month for a year."""
    core = text.rstrip("~?%")
    precision = fuzzydates.precision(core)
    if precision not in {"day", "month", "season", "year"}:
        return {"year": day.year}  # a decade or a range: the year it can begin (or end) in
    parts = [int(part) for part in core.split("-")]
    if precision == "day":
        return {"year": parts[0], "month": parts[1], "day": parts[2]}
    if precision == "month":
        return {"year": parts[0], "month": parts[1]}
    return {"year": parts[0]}


def timeline_span(incident):
    """Start (and, for a range, end) of an incident as TimelineJS dates."""
    start, _, end = incident.date.partition("/")
    known_start = start not in {"", ".."}
    known_end = end not in {"", ".."}
    span = {"start_date": timeline_date(start if known_start else end, incident.date_earliest or incident.date_latest)}
    if known_start and known_end:
        span["end_date"] = timeline_date(end, incident.date_latest)
    return span


def timeline_event(incident):
    return {
        "unique_id": incident.slug,
        **timeline_span(incident),
        "display_date": fuzzydates.describe(incident.date),
        "text": {"headline": incident.title, "text": incident.summary},
        "group": incident.get_kind_display(),
    }


def era(headline, start, end):
    return {"start_date": timeline_span(start)["start_date"], "end_date": end, "text": {"headline": headline}}


def closure_eras(incidents, last_day):
    """One era per listed closure: from it to the crossing's next reopening (or the timeline's end)."""
    closures = [incident for incident in incidents if incident.kind == Incident.Kind.BORDER_CLOSURE]
    crossings = Crossing.objects.with_status_changes().filter(pk__in={closure.crossing_id for closure in closures})
    ends = {}
    for crossing in crossings:
        history = crossing.status_history()
        for period, following in zip(history, history[1:], strict=False):
            ends[period["incident"].pk] = timeline_span(following["incident"])["start_date"]
    return [
        era(
            f"{closure.crossing.name if closure.crossing else 'Border'} closed", closure, ends.get(closure.pk, last_day)
        )
        for closure in closures
    ]


def ceasefire_eras(incidents, last_day):
    """One era per listed ceasefire: from it to the next end of a ceasefire by one of its parties."""
    ceasefires = [incident for incident in incidents if incident.kind == Incident.Kind.CEASEFIRE]
    ends = Incident.objects.filter(kind=Incident.Kind.CEASEFIRE_END).prefetch_related("involvements")
    eras = []
    for ceasefire in ceasefires:
        parties = {involvement.actor_id for involvement in ceasefire.involvements.all()}
        following = [
            end
            for end in ends
            if end.date_earliest
            and ceasefire.date_earliest
            and end.date_earliest >= ceasefire.date_earliest
            and parties & {involvement.actor_id for involvement in end.involvements.all()}
        ]
        first_end = min(following, key=lambda end: end.date_earliest, default=None)
        end = timeline_span(first_end)["start_date"] if first_end else last_day
        eras.append(era(ceasefire.title, ceasefire, end))
    return eras


def timeline(incidents, title):
    """TimelineJS JSON: incidents as events, border closures and ceasefires as eras."""
    incidents = [incident for incident in incidents if incident.date_earliest or incident.date_latest]
    days = [day for incident in incidents for day in (incident.date_earliest, incident.date_latest) if day]
    last = max(days, default=None)
    last_day = {"year": last.year, "month": last.month, "day": last.day} if last else None
    return {
        "title": {"text": {"headline": title, "text": f"{len(incidents)} incidents"}},
        "events": [timeline_event(incident) for incident in incidents],
        "eras": [*closure_eras(incidents, last_day), *ceasefire_eras(incidents, last_day)],
    }
