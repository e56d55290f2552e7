"""Incident lists as flat CSV rows, GeoJSON features and a TimelineJS timeline.

Every CSV column is described in docs/api.md ("CSV columns"); GeoJSON features carry the same
columns as properties. TimelineJS and map popups insert text as HTML, so the text in those two
formats is HTML-escaped; CSV cells a spreadsheet would run as formulas are neutralised."""

import csv
import io
import itertools

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from conflict import fuzzydates
from conflict.api.renderers import spreadsheet_safe
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Source

ROLE_COLUMNS = [f"role_{role}" for role in Involvement.Role.values]
MEASURES = TollFigure.Measure.values

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
    "cited",
    "summary",
    "updated",
    "api_url",
]


# Incidents are read this many at a time: a few queries per chunk, nothing kept from one to the next.
CHUNK = 2000
INCIDENT_FIELDS = ["id", "slug", "title", "kind", "date", "date_earliest", "date_latest", "place_id", "crossing_id"]
INCIDENT_FIELDS += ["killed_min", "killed_max", "injured_min", "injured_max", "summary", "updated"]
PLACE_FIELDS = ["id", "slug", "name", "kind", "parent_id", "latitude", "longitude", "precision"]


def csv_rows(incidents, request):
    """The CSV rows of `incidents` (a filtered, ordered queryset), read a chunk at a time, as plain
    values rather than records, so that exporting a hundred thousand costs no more memory than two
    thousand."""
    gazetteer = Gazetteer()
    crossings = {crossing["id"]: crossing for crossing in Crossing.objects.values("id", "slug", "place_id")}
    url_before, _, url_after = request.build_absolute_uri(reverse("api:incident-detail", args=["-"])).rpartition("-")
    records = incidents.values(*INCIDENT_FIELDS).iterator(chunk_size=CHUNK)
    for chunk in iter(lambda: list(itertools.islice(records, CHUNK)), []):
        ids = [incident["id"] for incident in chunk]
        (roles, sources, cited), claims = roles_and_sources(ids), toll_claims(ids)
        for incident in chunk:
            crossing = crossings.get(incident["crossing_id"])
            place = gazetteer.places.get(incident["place_id"] or (crossing or {}).get("place_id"))
            yield {
                **{column: incident[column] for column in ("slug", "title", "kind", "date")},
                "date_earliest": incident["date_earliest"],
                "date_latest": incident["date_latest"],
                "date_precision": fuzzydates.precision(incident["date"]),
                **gazetteer.columns(place),
                "crossing": crossing["slug"] if crossing else "",
                **{column: incident[column] for column in ("killed_min", "killed_max", "injured_min", "injured_max")},
                **{f"{measure}_claimed_by": claims.get((incident["id"], measure), "") for measure in MEASURES},
                **{column: "; ".join(sorted(roles[incident["id"]][column])) for column in ROLE_COLUMNS},
                "sources": "; ".join(sorted(sources[incident["id"]])),
                "cited": incident["id"] in cited,
                "summary": incident["summary"],
                "updated": incident["updated"].isoformat(),
                "api_url": f"{url_before}{incident['slug']}{url_after}",
            }


def roles_and_sources(incident_ids):
    """Actor slugs by role column, and source slugs (of the incident's, its roles' and its tolls'
    citations and figures), for each incident; and the incidents with a citation of their own."""
    roles = {pk: {column: [] for column in ROLE_COLUMNS} for pk in incident_ids}
    incident_of_role = {}
    involvements = Involvement.objects.filter(incident_id__in=incident_ids).order_by()
    for pk, incident_id, role, actor in involvements.values_list("pk", "incident_id", "role", "actor__slug"):
        roles[incident_id][f"role_{role}"].append(actor)
        incident_of_role[pk] = incident_id
    # Source ids first, their slugs in one query after: joining each row to the sources costs more.
    cited, own = [], set()
    for model, incident_of in ((Incident, {pk: pk for pk in incident_ids}), (Involvement, incident_of_role)):
        citations = Citation.objects.filter(content_type=ContentType.objects.get_for_model(model))
        for record_id, source_id in citations.filter(object_id__in=list(incident_of)).values_list(
            "object_id", "source"
        ):
            cited.append((incident_of[record_id], source_id))
            if model is Incident:
                own.add(record_id)
    cited += TollFigure.objects.filter(incident_id__in=incident_ids).values_list("incident_id", "source")
    slugs = dict(Source.objects.filter(pk__in={source for _, source in cited}).values_list("pk", "slug"))
    sources = {pk: set() for pk in incident_ids}
    for incident_id, source_id in cited:
        sources[incident_id].add(slugs[source_id])
    return roles, sources, own


def toll_claims(incident_ids):
    """The party on whose own claim alone an incident's killed (or injured) figures rest, as its slug,
    by (incident id, measure); read only for the incidents that have figures."""
    with_figures = TollFigure.objects.filter(incident_id__in=incident_ids).values("incident")
    claims = {}
    for incident in Incident.objects.filter(pk__in=with_figures).with_toll_claims():
        for measure in TollFigure.Measure:
            if claimant := incident.toll_claimed_by(measure):
                claims[incident.pk, measure] = claimant.slug
    return claims


class Gazetteer:
    """Every place, read once, with the district, province and country columns of each."""

    def __init__(self):
        self.places = {place["id"]: place for place in Place.objects.order_by().values(*PLACE_FIELDS)}

    def innermost(self, place, kinds):
        while place is not None and place["kind"] not in kinds:
            place = self.places.get(place["parent_id"])
        return place["slug"] if place else ""

    def columns(self, place):
        if place is None:
            return {"place": "", "place_name": "", "district": "", "province": "", "country": ""} | {
                "latitude": None,
                "longitude": None,
                "coordinate_precision": "",
            }
        return {
            "place": place["slug"],
            "place_name": place["name"],
            "district": self.innermost(place, {Place.Kind.DISTRICT}),
            "province": self.innermost(place, {Place.Kind.PROVINCE, Place.Kind.REGION}),
            "country": self.innermost(place, {Place.Kind.COUNTRY}),
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "coordinate_precision": place["precision"],
        }


def csv_lines(rows):
    """The CSV text of `rows`, header first, in pieces of about 64 KB to stream."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: spreadsheet_safe(value) for column, value in row.items()})
        if buffer.tell() > 65536:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


# Query parameters that shape the file rather than choose what is in it.
NOT_IN_FILENAME = {"format", "page", "page_size", "ordering", "cursor"}


def filename(request, extension):
    """What the file holds: `incidents-actor-ttp-date_from-2023-2026-12-01.csv` (filters, then the day)."""
    filters = [
        slugify(f"{key} {value}")
        for key, values in sorted(request.query_params.lists())
        if key not in NOT_IN_FILENAME
        for value in values
        if value
    ]
    name = "-".join(["incidents", *filters])[:150].rstrip("-") if filters else "incidents-all"
    return f"{name}-{timezone.now().date().isoformat()}.{extension}"


def html_text(properties):
    return {key: escape(value) if isinstance(value, str) else value for key, value in properties.items()}


def feature_collection(rows):
    """The rows whose place (or crossing's place) has coordinates, as GeoJSON points."""
    features = [
        {
            "type": "Feature",
            "id": row["slug"],
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": html_text(row),
        }
        for row in rows
        if row["latitude"] is not None
    ]
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
        "display_date": escape(fuzzydates.describe(incident.date)),
        "text": {"headline": escape(incident.title), "text": escape(incident.summary)},
        "group": escape(incident.get_kind_display()),
    }


def era(headline, start, end):
    return {"start_date": timeline_span(start)["start_date"], "end_date": end, "text": {"headline": escape(headline)}}


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
        "title": {"text": {"headline": escape(title), "text": f"{len(incidents)} incidents"}},
        "events": [timeline_event(incident) for incident in incidents],
        "eras": [*closure_eras(incidents, last_day), *ceasefire_eras(incidents, last_day)],
    }
