"""Loading the curated corpus (fixtures/) into the database, idempotently, by slug.

The curated format is described in docs/curation.md: one YAML file per article, plus the
gazetteer. The same slug in two files is the same record; the files add up.

The fixtures seed the database; after that the database is the record. Every version the loader
writes is marked in history as loaded, so a row whose last version is not (a person changed it,
in the admin, the API or a shell) is left as it is, and so is a row a person deleted.
"""

import contextvars
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from actors.models import (
    Actor,
    Alias,
    Relationship,
    RelationshipAttestation,
    attested_span,
    earliest_edtf,
    latest_edtf,
    union_of_support,
)
from events.models import Crossing, Incident, Involvement, Place, TollFigure, narrower_date
from sources.models import Citation, Reference, Source

LOADED = "Loaded from the fixtures"
loading = contextvars.ContextVar("loading", default=False)


@receiver(pre_create_historical_record)
def mark_versions_written_by_the_loader(sender, history_instance, **kwargs):
    if loading.get():
        history_instance.history_change_reason = LOADED


class CorpusError(Exception):
    """The corpus does not load; the message lists every problem found."""


@dataclass(frozen=True)
class LeftAlone:
    """A fixture value the loader did not write, because a person changed the row since it was loaded."""

    record: str
    field: str
    fixture_value: object
    database_value: object

    def __str__(self):
        fixture, database = shorten(self.fixture_value), shorten(self.database_value)
        return f"{self.record} {self.field}: fixture {fixture}, database {database}"


def shorten(value, width=120):
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 1]}…"


@dataclass
class LoadResult:
    counts: dict
    left_alone: list = field(default_factory=list)


def load_corpus(directory, progress=None):
    """Load every file under `directory` in one transaction; return counts of rows and what was left alone."""
    loader = CorpusLoader(Path(directory))
    token = loading.set(True)
    try:
        with transaction.atomic():
            loader.load(progress or (lambda files: files))
            if loader.problems:
                transaction.set_rollback(True)
    finally:
        loading.reset(token)
    if loader.problems:
        raise CorpusError("\n".join(loader.problems))
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Source,
            Actor,
            Alias,
            Relationship,
            RelationshipAttestation,
            Place,
            Crossing,
            Incident,
            Involvement,
            TollFigure,
            Citation,
        )
    }
    return LoadResult(counts, loader.left_alone)


def changed_by_a_person(instance):
    """True when its last version in history was not written by the loader."""
    last = instance.history.order_by("-history_date", "-history_id").first()
    return last is not None and last.history_change_reason != LOADED


def deleted_by_a_person(model, **lookup):
    """True when a row like this existed and was deleted (and none exists now)."""
    return model.history.filter(**lookup, history_type="-").exists() and not model.objects.filter(**lookup).exists()


def relationship_slug(entry):
    """The row a relationship entry names: its own slug, or subject-kind-object[-office]."""
    return entry.get("slug") or Relationship.default_slug(
        entry["subject"], entry["kind"], entry["object"], entry.get("office", "")
    )


def narrowest_places(articles):
    """For each incident placed by several articles, the place that lies inside all the others."""
    candidates = defaultdict(list)
    for _, data in articles:
        for entry in data.get("incidents") or []:
            if entry.get("place") and entry["place"] not in candidates[entry["slug"]]:
                candidates[entry["slug"]].append(entry["place"])
    narrowest = {}
    for slug, places in candidates.items():
        rows = {place.slug: place for place in Place.objects.filter(slug__in=places)}
        for place in places:
            outer = [rows[other] for other in places if other != place and other in rows]
            if place in rows and all(
                Place.objects.inside([other]).filter(pk=rows[place].pk).exists() for other in outer
            ):
                narrowest[slug] = place
                break
    return narrowest


def merged_attestation(first, second):
    """One source's two entries for one relationship, as one attestation."""
    strained = Relationship.Status.STRAINED in (first["status"], second["status"])
    return {
        "start": earliest_edtf([first["start"], second["start"]]),
        "end": latest_edtf([first["end"], second["end"]]),
        "attested": attested_span([first["attested"], second["attested"]]),
        "status": Relationship.Status.STRAINED if strained else first["status"],
        "support": ", ".join(union_of_support([first["support"], second["support"]])),
        "date_note": "\n".join(dict.fromkeys(note for note in (first["date_note"], second["date_note"]) if note)),
        "note": "\n".join(dict.fromkeys(note for note in (first["note"], second["note"]) if note)),
    }


class CorpusLoader:
    def __init__(self, directory):
        self.directory = directory
        self.problems = []
        self.left_alone = []
        self.withdrawn = set()  # (model, slug) of rows a person deleted
        self.seen = {}  # (model, slug) -> file that first defined it
        self.attestations = {}  # (relationship pk, source slug) -> its fields so far in this load

    def load(self, progress):
        gazetteer = self.read(self.directory / "gazetteer.yaml")
        paths = sorted((self.directory / "articles").glob("*.yaml"), key=lambda path: path.stem)
        articles = [(path, self.read(path)) for path in paths]
        uncited = self.directory / "uncited.yaml"
        if uncited.exists():
            articles.append((uncited, {"source": {"slug": None}, **self.read(uncited)}))
        for path, data in articles:
            if data["source"]["slug"]:
                self.load_source(path, data)
        self.load_places(self.directory / "gazetteer.yaml", None, gazetteer.get("places", []))
        for path, data in articles:
            self.load_places(path, data["source"]["slug"], data.get("places") or [])
        self.load_crossings(self.directory / "gazetteer.yaml", gazetteer.get("crossings", []))
        self.narrowest_place = narrowest_places(articles)
        for path, data in progress(articles):
            source = data["source"]["slug"]
            for entry in data.get("actors") or []:
                self.load_actor(path, source, entry)
            for entry in data.get("relationships") or []:
                self.load_relationship(path, source, entry)
            for entry in data.get("incidents") or []:
                self.load_incident(path, source, entry)

    def read(self, path):
        with open(path, encoding="utf-8") as stream:
            return yaml.safe_load(stream) or {}

    def load_source(self, path, data):
        entry = data["source"]
        text = (self.directory / "texts" / f"{entry['slug']}.txt").read_text(encoding="utf-8")
        source = self.upsert(
            path,
            Source,
            entry,
            text=text,
            **self.fields(
                entry, "title", "kind", "publisher", "author", "url", "published", "published_note", "curation_note"
            ),
        )
        if source and entry.get("cite"):
            self.cite(path, source.slug, source, entry["cite"])
        for cited in data.get("cited_sources") or []:
            fields = self.fields(cited, "title", "publisher", "author", "url", "published", "published_note")
            target = self.upsert(path, Source, cited, kind=cited.get("kind", Source.Kind.NEWS), **fields)
            if source and target:
                reference = Reference.objects.filter(citing=source, cited=target).first()
                label = f"Reference {source.slug} cites {target.slug}"
                if reference is None and self.withdrawn_by_a_person(Reference, label, citing=source, cited=target):
                    continue
                reference = reference or Reference(citing=source, cited=target)
                if self.assign(reference, {"note": str(cited.get("note", ""))}):
                    reference.save()

    def load_places(self, path, source, entries):
        places = {}
        for entry in entries:
            fields = self.fields(entry, "name", "kind", "latitude", "longitude", "precision")
            for name in ("latitude", "longitude"):
                if name in fields:
                    fields[name] = Decimal(str(fields[name]))
            places[entry["slug"]] = self.upsert(path, Place, entry, **fields)
        for entry in entries:
            place = places[entry["slug"]]
            if place is None:
                continue
            if entry.get("parent") and self.assign(place, {"parent": self.lookup(path, Place, entry["parent"])}):
                place.save(update_fields=["parent"])
            self.cite(path, source, place, entry.get("cite") or [])

    def load_crossings(self, path, entries):
        for entry in entries:
            fields = {
                name: self.lookup(path, Place, entry[name])
                for name in (
                    "place",
                    "pakistan_province",
                    "pakistan_district",
                    "afghanistan_province",
                    "afghanistan_district",
                )
                if entry.get(name)
            }
            crossing = self.upsert(
                path, Crossing, entry, name=entry["name"], description=entry.get("description", ""), **fields
            )
            if crossing:
                self.cite(path, None, crossing, entry.get("cite") or [])

    def load_actor(self, path, source, entry):
        actor = self.upsert(path, Actor, entry, strict=("kind",), **self.fields(entry, "name", "kind", "description"))
        if actor is None:
            return
        for name in map(str, entry.get("aliases") or []):
            if Alias.objects.filter(actor=actor, name=name).exists():
                continue
            if not self.withdrawn_by_a_person(Alias, f"Alias {name!r} of {actor.slug}", actor=actor, name=name):
                Alias.objects.create(actor=actor, name=name)
        self.cite(path, source, actor, entry.get("cite") or [])

    def load_relationship(self, path, source, entry):
        subject = self.lookup(path, Actor, entry["subject"])
        target = self.lookup(path, Actor, entry["object"])
        if not (subject and target):
            return
        entry = {**entry, "slug": relationship_slug(entry)}
        fields = self.fields(entry, "kind", "office", "date_note", "note")
        relationship = self.upsert(
            path, Relationship, entry, subject=subject, object=target, strict=("kind",), **fields
        )
        if relationship:
            if source:
                self.attest(path, source, relationship, entry)
            self.cite(path, source, relationship, entry.get("cite") or [])

    def attest(self, path, source, relationship, entry):
        """This source's dates, support and status for the relationship; two entries of one file add up."""
        support = entry.get("support") or []
        fields = {name: str(entry.get(name) or "") for name in ("start", "end", "attested", "date_note", "note")}
        fields["status"] = entry.get("status") or Relationship.Status.NORMAL
        fields["support"] = ", ".join(support) if isinstance(support, list) else support
        key = (relationship.pk, source)
        if key in self.attestations:
            fields = merged_attestation(self.attestations[key], fields)
        self.attestations[key] = fields
        attestation = RelationshipAttestation.objects.filter(relationship=relationship, source__slug=source).first()
        if attestation is None:
            attestation = RelationshipAttestation(relationship=relationship, source=Source.objects.get(slug=source))
        if self.assign(attestation, fields) and self.validate(path, attestation):
            try:
                attestation.save()
            except ValidationError as error:
                self.problems.append(f"{path.name}: relationship {relationship.slug}: {'; '.join(error.messages)}")

    def load_incident(self, path, source, entry):
        fields = self.fields(entry, "title", "kind", "summary", "date", "date_note")
        entry = {**entry, "place": self.narrowest_place.get(entry["slug"], entry.get("place"))}
        for name, model in (("place", Place), ("crossing", Crossing)):
            if entry.get(name):
                fields[name] = self.lookup(path, model, entry[name])
        incident = self.upsert(path, Incident, entry, strict=("kind", "date"), **fields)
        if incident is None:
            return
        self.cite(path, source, incident, entry.get("cite") or [])
        for toll in entry.get("tolls") or []:
            self.load_toll(path, source, incident, toll)
        for involvement in entry.get("involvements") or []:
            self.load_involvement(path, source, incident, involvement)

    def load_toll(self, path, source, incident, entry):
        key = {
            "incident": incident,
            "source": Source.objects.get(slug=source),
            "measure": entry["measure"],
            "as_printed": str(entry["as_printed"]),
        }
        figure = TollFigure.objects.filter(**key).first()
        if figure is None and self.withdrawn_by_a_person(
            TollFigure, f"TollFigure {incident.slug} {key['as_printed']}", **key
        ):
            return
        figure = figure or TollFigure(**key)
        if self.assign(figure, {"low": entry.get("low"), "high": entry.get("high")}) and self.validate(path, figure):
            figure.save()
        self.cite(path, source, figure, entry.get("cite") or [])

    def load_involvement(self, path, source, incident, entry):
        actor = self.lookup(path, Actor, entry["actor"])
        accused_by = self.lookup(path, Actor, entry["accused_by"]) if entry.get("accused_by") else None
        if actor is None:
            return
        key = {"incident": incident, "actor": actor, "role": entry["role"]}
        involvement = Involvement.objects.filter(**key).first()
        label = f"Involvement {actor.slug} {entry['role']} in {incident.slug}"
        if involvement is None and self.withdrawn_by_a_person(Involvement, label, **key):
            return
        involvement = involvement or Involvement(**key)
        changes = {}
        if accused_by and not involvement.accused_by_id:
            changes["accused_by"] = accused_by
        if entry.get("note") and not involvement.note:
            changes["note"] = entry["note"]
        if self.assign(involvement, changes) and self.validate(path, involvement):
            involvement.save()
        self.cite(path, source, involvement, entry.get("cite") or [])

    def cite(self, path, default_source, record, entries):
        for entry in entries:
            if isinstance(entry, str):
                entry = {"quote": entry}
            source = self.lookup(path, Source, entry.get("source") or default_source)
            via = self.lookup(path, Source, entry["via"]) if entry.get("via") else None
            if source is None:
                continue
            citation = Citation.objects.for_record(record).filter(source=source, quote=entry["quote"]).first()
            key = {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}
            label = f"Citation {entry['quote'][:60]!r} on {self.label(record)}"
            if citation is None and self.withdrawn_by_a_person(
                Citation, label, **key, source=source, quote=entry["quote"]
            ):
                continue
            citation = citation or Citation(source=source, quote=entry["quote"], record=record)
            changed = self.assign(
                citation, {"speaker": entry.get("speaker") or citation.speaker, "via": via or citation.via}
            )
            if changed and self.validate(path, citation, f"quote {entry['quote'][:60]!r}"):
                citation.save()

    def upsert(self, path, model, entry, strict=(), **fields):
        """Create or update the row with entry's slug; a later file may add but not contradict."""
        slug = entry.get("slug")
        key = (model, slug)
        instance = model.objects.filter(slug=slug).first()
        if key in self.withdrawn:
            return None
        if (
            instance is None
            and key not in self.seen
            and self.withdrawn_by_a_person(model, f"{model.__name__} {slug}", slug=slug)
        ):
            self.withdrawn.add(key)
            return None
        if key in self.seen and instance is not None:
            fields = self.merge(path, instance, strict, fields)
        else:
            self.seen[key] = path.name
            instance = instance or model(slug=slug)
            if fields.get("date_note", "\0") in getattr(instance, "date_note", ""):
                fields.pop("date_note")  # already there, merged with a later file's note on a former load
        if self.assign(instance, fields):
            if not self.validate(path, instance):
                return None
            instance.save()
        return instance

    def merge(self, path, instance, strict, fields):
        """The fields a later file may set: empty ones, and a date that narrows the one there."""
        if changed_by_a_person(instance):
            return {}  # the first file's values were listed as left alone already
        merged = {}
        if fields.get("date_note") and fields["date_note"] not in instance.date_note:
            # Each article's reading of a relative date stays on record, whichever date wins.
            merged["date_note"] = "\n".join(note for note in (instance.date_note, fields["date_note"]) if note)
        if "date" in fields and instance.date and fields["date"] != instance.date:
            narrower = narrower_date(instance.date, fields["date"])
            if narrower == fields["date"]:
                merged["date"] = fields["date"]
            if narrower is None:
                self.contradiction(path, instance, "date", fields["date"])
        if fields.get("support"):
            # Each article's kinds of support add up.
            kinds = [kind.strip() for kind in f"{instance.support},{fields['support']}".split(",") if kind.strip()]
            merged["support"] = ", ".join(dict.fromkeys(kinds))
        fields = {name: value for name, value in fields.items() if name not in ("date", "date_note", "support")}
        for name in strict:
            current = getattr(instance, name)
            if fields.get(name) not in (None, "") and current not in (None, "") and str(current) != str(fields[name]):
                self.contradiction(path, instance, name, fields[name])
        return merged | {
            name: value
            for name, value in fields.items()
            if value not in (None, "") and getattr(instance, name) in (None, "")
        }

    def contradiction(self, path, instance, name, value):
        first = self.seen[(type(instance), instance.slug)]
        self.problems.append(
            f"{path.name}: {type(instance).__name__} {instance.slug}: {name} {value!r} contradicts "
            f"{getattr(instance, name)!r} from {first}"
        )

    def lookup(self, path, model, slug):
        instance = model.objects.filter(slug=slug).first()
        if instance is None and ((model, slug) in self.withdrawn or deleted_by_a_person(model, slug=slug)):
            self.withdrawn.add((model, slug))
        elif instance is None:
            self.problems.append(f"{path.name}: no {model.__name__} with slug {slug!r}")
        return instance

    def validate(self, path, instance, label=None):
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.problems.append(
                f"{path.name}: {instance._meta.model_name} {label or instance}: {'; '.join(error.messages)}"
            )
            return False
        return True

    def assign(self, instance, fields):
        """Set the fields on instance; True when it needs saving: it is new, or it changed and no
        person has changed it since it was loaded (then each differing field is listed as left alone)."""
        if instance._state.adding:
            for name, value in fields.items():
                setattr(instance, name, value)
            return True
        differing = {name: value for name, value in fields.items() if getattr(instance, name) != value}
        if not differing:
            return False
        if changed_by_a_person(instance):
            for name, value in differing.items():
                self.note_left_alone(
                    LeftAlone(self.label(instance), name, self.shown(value), self.shown(getattr(instance, name)))
                )
            return False
        for name, value in differing.items():
            setattr(instance, name, value)
        return True

    def withdrawn_by_a_person(self, model, label, **lookup):
        """True (and listed as left alone) when a person deleted the row the fixtures describe."""
        if not deleted_by_a_person(model, **lookup):
            return False
        self.note_left_alone(LeftAlone(label, "(the whole row)", "present", "deleted"))
        return True

    def note_left_alone(self, item):
        if item not in self.left_alone:
            self.left_alone.append(item)

    @staticmethod
    def label(instance):
        slug = getattr(instance, "slug", None)
        return f"{type(instance).__name__} {slug or instance}"

    @staticmethod
    def shown(value):
        return getattr(value, "slug", value)

    @staticmethod
    def fields(entry, *names):
        return {name: entry[name] for name in names if entry.get(name) not in (None, "")}
