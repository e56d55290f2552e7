"""Writing the database back in the fixture format (docs/curation.md), so that curators' work can
be reviewed in a diff and committed.

The canonical form: one file per source with a text (`articles/<slug>.yaml`, its text in
`texts/<slug>.txt`), the places and crossings in `gazetteer.yaml`, and `uncited.yaml` for records
no source supports yet. A record is written in full in the first article file (by slug) whose source
supports it and by its slug alone in the others; each citation sits in the file of its source. Empty
fields are left out; records come in a fixed order, so that dumping twice gives the same bytes.
"""

from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from actors.models import Actor, Relationship, union_of_support
from events.models import Crossing, Incident, Place
from sources.models import Citation, Source

from .loader import relationship_slug

GAZETTEER_HEADER = """\
# The gazetteer: places the articles name, country > region/province > district > place, and the
# two border crossings. Every place cites the sentence that names it. The hierarchy and the
# coordinates are reference data (approximate centroids, with their precision), not claims of the
# articles: see docs/codebook.md, "Places".
"""


# Open-started dates first on every database (PostgreSQL sorts NULL last, SQLite first).
INCIDENT_ORDER = [F("date_earliest").asc(nulls_first=True), F("date_latest").asc(nulls_first=True), "slug"]


class FlowList(list):
    """A short list of names written on one line: `aliases: [TTP, Pakistani Taliban]`."""


class CorpusDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def represent_text(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


CorpusDumper.add_representer(str, represent_text)
CorpusDumper.add_representer(
    FlowList, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)
)


def to_yaml(data):
    return yaml.dump(data, Dumper=CorpusDumper, sort_keys=False, allow_unicode=True, width=100)


def dump_corpus(directory):
    """Write the whole database under `directory`; return the paths written, relative to it."""
    directory = Path(directory)
    files = CorpusWriter().files()
    for name, content in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sorted(files)


def present(entry):
    """The entry without its empty fields (the loader treats a missing field and an empty one alike)."""
    return {name: value for name, value in entry.items() if value not in (None, "", [], {})}


class CorpusWriter:
    def __init__(self):
        cited = set(Source.objects.filter(cited_by__isnull=False).values_list("pk", flat=True))
        self.articles = [source for source in Source.objects.order_by("slug") if source.text or source.pk not in cited]
        self.citations = {}  # (content type id, object id) -> citations, in text order
        for citation in Citation.objects.select_related("source", "via").order_by("start", "quote", "pk"):
            self.citations.setdefault((citation.content_type_id, citation.object_id), []).append(citation)
        self.written = set()  # (model, pk) written in full already

    def files(self):
        files = {f"articles/{source.slug}.yaml": self.article(source) for source in self.articles}
        files |= {f"texts/{source.slug}.txt": source.text for source in self.articles}
        files["gazetteer.yaml"] = GAZETTEER_HEADER + to_yaml(self.gazetteer())
        uncited = self.uncited()
        if uncited:
            files["uncited.yaml"] = to_yaml(uncited)
        return files

    def cites(self, record, source=None):
        """Its citations from `source` (None: from any source, each naming its source)."""
        found = self.citations.get((self.content_type(record), record.pk), [])
        return [self.cite_entry(citation, source) for citation in found if source in (None, citation.source)]

    @staticmethod
    def content_type(record):
        return ContentType.objects.get_for_model(record).pk

    @staticmethod
    def cite_entry(citation, source):
        entry = present(
            {
                "source": citation.source.slug if source is None else "",
                "quote": citation.quote,
                "speaker": citation.speaker,
                "via": citation.via.slug if citation.via else "",
            }
        )
        return entry["quote"] if list(entry) == ["quote"] else entry

    def first_time(self, record):
        key = (type(record), record.pk)
        if key in self.written:
            return False
        self.written.add(key)
        return True

    def article(self, source):
        data = {
            "source": present(
                {
                    "slug": source.slug,
                    "title": source.title,
                    "kind": source.kind,
                    "publisher": source.publisher,
                    "author": source.author,
                    "url": source.url,
                    "published": source.published,
                    "published_note": source.published_note,
                    "curation_note": source.curation_note,
                    "cite": self.cites(source, source),
                }
            ),
            "cited_sources": [self.cited_source(reference) for reference in source.references.order_by("cited__slug")],
            "actors": [self.actor(actor, source) for actor in self.supported(Actor.objects.order_by("slug"), source)],
            "relationships": [
                self.relationship(relationship, source)
                for relationship in self.supported(
                    Relationship.objects.order_by("slug").prefetch_related("attestations"), source
                )
            ],
            "incidents": [self.incident(incident, source) for incident in self.incidents_of(source)],
        }
        return to_yaml(present(data))

    def supported(self, records, source):
        return [record for record in records if self.cites(record, source)]

    def cited_source(self, reference):
        cited = reference.cited
        if not self.first_time(cited):
            return present({"slug": cited.slug, "note": reference.note})
        return present(
            {
                "slug": cited.slug,
                "title": cited.title,
                "kind": "" if cited.kind == Source.Kind.NEWS else cited.kind,
                "publisher": cited.publisher,
                "author": cited.author,
                "url": cited.url,
                "published": cited.published,
                "published_note": cited.published_note,
                "note": reference.note,
            }
        )

    def actor(self, actor, source):
        entry = {"slug": actor.slug}
        if self.first_time(actor):
            entry |= {
                "name": actor.name,
                "kind": actor.kind,
                "aliases": FlowList(actor.aliases.order_by("name").values_list("name", flat=True)),
                "description": actor.description,
            }
        return present(entry | {"cite": self.cites(actor, source)})

    def relationship(self, relationship, source):
        """The tie as this source attests it: its dates, support and status (the record's, for a tie
        entered without attestations, in the first file only)."""
        entry = {"subject": relationship.subject.slug, "kind": relationship.kind, "object": relationship.object.slug}
        slug = (
            "" if relationship_slug(entry | {"office": relationship.office}) == relationship.slug else relationship.slug
        )
        first = self.first_time(relationship)
        attestation = next(
            (row for row in relationship.attestations.all() if source and row.source_id == source.pk), None
        )
        said = attestation or (relationship if first else None)
        entry["status"] = "" if said is None or said.status == Relationship.Status.NORMAL else said.status
        entry["office"] = relationship.office
        if said is not None:
            entry |= {
                "start": said.start,
                "end": said.end,
                "attested": said.attested,
                "support": FlowList(union_of_support([said.support])),
                "date_note": said.date_note,
                "note": said.note,
            }
        return present({"slug": slug, **entry, "cite": self.cites(relationship, source)})

    def incidents_of(self, source):
        incidents = Incident.objects.select_related("place", "crossing").prefetch_related(
            "toll_figures", "involvements__actor", "involvements__accused_by"
        )
        return [
            incident
            for incident in incidents.order_by(*INCIDENT_ORDER)
            if self.cites(incident, source)
            or any(figure.source_id == source.pk for figure in incident.toll_figures.all())
            or any(self.cites(involvement, source) for involvement in incident.involvements.all())
        ]

    def incident(self, incident, source):
        entry = {"slug": incident.slug}
        first = self.first_time(incident)
        if first:
            entry |= {
                "title": incident.title,
                "kind": incident.kind,
                "date": incident.date,
                "date_note": incident.date_note,
                "place": incident.place.slug if incident.place else "",
                "crossing": incident.crossing.slug if incident.crossing else "",
                "summary": incident.summary,
            }
        entry["cite"] = self.cites(incident, source)
        figures = sorted(incident.toll_figures.all(), key=lambda figure: (figure.measure, figure.as_printed))
        entry["tolls"] = [self.toll(figure, source) for figure in figures if figure.source_id == source.pk]
        involvements = sorted(incident.involvements.all(), key=lambda role: (role.role, role.actor.slug))
        entry["involvements"] = [
            self.involvement(involvement, source)
            for involvement in involvements
            if self.cites(involvement, source) or (first and not self.cites(involvement))
        ]
        return present(entry)

    def toll(self, figure, source):
        entry = {"measure": figure.measure, "low": figure.low, "high": figure.high, "as_printed": figure.as_printed}
        cites = self.cites(figure, source)
        others = [cite for cite in self.cites(figure) if isinstance(cite, dict) and cite["source"] != source.slug]
        return entry | present({"cite": cites + others})

    def involvement(self, involvement, source):
        entry = {"actor": involvement.actor.slug, "role": involvement.role}
        if self.first_time(involvement):
            entry |= {
                "accused_by": involvement.accused_by.slug if involvement.accused_by else "",
                "note": involvement.note,
            }
        return present(entry | {"cite": self.cites(involvement, source)})

    def gazetteer(self):
        return {
            "places": [self.place(place) for place in self.places_in_tree_order()],
            "crossings": [self.crossing(crossing) for crossing in Crossing.objects.order_by("slug")],
        }

    @staticmethod
    def places_in_tree_order():
        children = {}
        for place in Place.objects.select_related("parent").order_by("slug"):
            children.setdefault(place.parent_id, []).append(place)
        ordered, stack = [], list(reversed(children.get(None, [])))
        while stack:
            place = stack.pop()
            ordered.append(place)
            stack.extend(reversed(children.get(place.pk, [])))
        return ordered

    def place(self, place):
        return present(
            {
                "slug": place.slug,
                "name": place.name,
                "kind": place.kind,
                "parent": place.parent.slug if place.parent else "",
                "latitude": None if place.latitude is None else float(place.latitude),
                "longitude": None if place.longitude is None else float(place.longitude),
                "precision": place.precision,
                "cite": self.cites(place),
            }
        )

    def crossing(self, crossing):
        sides = ("place", "pakistan_province", "pakistan_district", "afghanistan_province", "afghanistan_district")
        entry = {"slug": crossing.slug, "name": crossing.name}
        entry |= {name: getattr(crossing, name).slug if getattr(crossing, name) else "" for name in sides}
        return present(entry | {"description": crossing.description, "cite": self.cites(crossing)})

    def uncited(self):
        """Records that no article file holds: nobody has cited a source for them yet."""
        actors = [
            self.actor(actor, None) for actor in Actor.objects.order_by("slug") if (Actor, actor.pk) not in self.written
        ]
        relationships = [
            self.relationship(relationship, None)
            for relationship in Relationship.objects.order_by("slug")
            if (Relationship, relationship.pk) not in self.written
        ]
        incidents = [
            self.incident(incident, None)
            for incident in Incident.objects.order_by(*INCIDENT_ORDER)
            if (Incident, incident.pk) not in self.written
        ]
        return present({"actors": actors, "relationships": relationships, "incidents": incidents})
