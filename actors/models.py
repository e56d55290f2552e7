"""Actors (groups, institutions, states, persons), their names, and their ties over time."""

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max, Min, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from conflict import fuzzydates
from conflict.history import delete_with_reason, joined, related_or_last_known, save_with_reason
from sources.models import Citation, CitedQuerySet, CitedRecord, Source


class ActorQuerySet(CitedQuerySet):
    def search(self, text):
        """Actors whose name or any alias contains `text`."""
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(aliases__name__icontains=text)).distinct()

    def with_factions_and_members(self):
        """These actors and, at any depth, whatever is part, faction, splinter or member of them."""
        found = set(self.values_list("pk", flat=True))
        frontier = found
        while frontier:
            frontier = (
                set(
                    Relationship.objects.filter(kind__in=Relationship.BRANCH_KINDS, object__in=frontier).values_list(
                        "subject", flat=True
                    )
                )
                - found
            )
            found |= frontier
        return Actor.objects.filter(pk__in=found)

    def related_to(self, actors):
        """Actors with a relationship of any kind, in either direction, to any of `actors`."""
        objects = Relationship.objects.filter(subject__in=actors).values("object")
        subjects = Relationship.objects.filter(object__in=actors).values("subject")
        return self.filter(Q(pk__in=objects) | Q(pk__in=subjects))


class Actor(CitedRecord, models.Model):
    """Anyone who acts, speaks or is acted upon: an armed group, a council, a state, a person."""

    class Kind(models.TextChoices):
        ARMED_GROUP = "armed_group", "Armed group"
        FACTION = "faction", "Council or faction"
        STATE = "state", "State"
        STATE_INSTITUTION = "state_institution", "State institution"
        GOVERNMENT = "government", "Government or regime"
        POLITICAL_PARTY = "political_party", "Political party"
        INTERNATIONAL_ORGANIZATION = "international_organization", "International organisation"
        PERSON = "person", "Person"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=120, unique=True, help_text="Stable identifier used in URLs and fixtures.")
    name = models.CharField(max_length=200, help_text="The most common full name.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True, help_text="Only what the sources say.")
    citations = GenericRelation("sources.Citation", related_query_name="actor")
    updated = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    # The save time is the history date already; a diff of it on every line is noise.
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:detail", args=[self.slug])

    def merge_into(self, target):
        """Fold this actor, a duplicate of `target`, into it and delete it; nothing it carries is lost.

        Its aliases, relationships, roles in incidents, accusations and citations move to `target`,
        its name becomes an alias. Where a moved row would duplicate one `target` has, or would
        relate `target` to itself, the row goes and its citations join the surviving record. All in
        one transaction, each change recorded in history with the reason returned.
        """
        if target.pk == self.pk:
            raise ValueError("An actor cannot be merged into itself.")
        reason = f"Merged actor “{self.name}” ({self.slug}) into “{target.name}” ({target.slug})."
        with transaction.atomic():
            self._move_aliases(target, reason)
            self._move_relationships(target, reason)
            self._move_roles(target, reason)
            self.citations.all().move_to(target, reason)
            delete_with_reason(self, reason)
            save_with_reason(target, reason)
        return reason

    def _move_aliases(self, target, reason):
        taken = {target.name, *target.aliases.values_list("name", flat=True)}
        for alias in [*self.aliases.all(), Alias(name=self.name)]:
            if alias.name in taken:
                if alias.pk:
                    delete_with_reason(alias, reason)
                continue
            alias.actor = target
            save_with_reason(alias, reason)
            taken.add(alias.name)

    def _move_relationships(self, target, reason):
        for relationship in Relationship.objects.involving(self):
            if relationship.subject_id == self.pk:
                relationship.subject = target
            if relationship.object_id == self.pk:
                relationship.object = target
            if relationship.subject_id == relationship.object_id:
                survivor = target
            else:
                survivor = relationship.duplicates().first()
            if survivor is None:
                save_with_reason(relationship, reason)
            elif isinstance(survivor, Relationship):
                survivor.absorb(relationship, reason)
            else:
                relationship.citations.all().move_to(survivor, reason)
                delete_with_reason(relationship, reason)

    def _move_roles(self, target, reason):
        for involvement in self.involvements.all():
            involvement.actor = target
            if involvement.accused_by_id == target.pk:
                involvement.accused_by = None  # target cannot accuse itself
            survivor = involvement.duplicates().first()
            if survivor is None:
                save_with_reason(involvement, reason)
            else:
                survivor.absorb(involvement, reason)
        for accusation in self.accusations_made.all():
            accusation.accused_by = None if accusation.actor_id == target.pk else target
            save_with_reason(accusation, reason)

    def first_and_last_incidents(self):
        """The earliest and the latest incident it had any role in (None, None without any)."""
        incidents = self.incidents.distinct()
        return incidents.order_by("date_earliest", "slug").first(), incidents.order_by("date_latest", "slug").last()

    def sources(self):
        """Sources that support anything about it: itself, its relationships or its roles in incidents."""
        return Source.objects.filter(
            Q(citations__actor=self)
            | Q(citations__relationship__subject=self)
            | Q(citations__relationship__object=self)
            | Q(citations__involvement__actor=self)
        ).distinct()


class Alias(models.Model):
    """Another name or spelling a source uses for an actor ("TTP", "Pakistani Taliban")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.UniqueConstraint(fields=["actor", "name"], name="alias_unique_per_actor")]

    def __str__(self):
        return self.name


def describe_period(start, end, attested):
    """A tie's dates as a reader says them: "since August 2021", "2014 – 2021", "attested March 2023"."""
    if start or end:
        return fuzzydates.describe(f"{start or '..'}/{end or '..'}")
    if attested:
        return f"attested {fuzzydates.describe(attested)}"
    return "dates unknown"


class RelationshipQuerySet(CitedQuerySet, fuzzydates.FuzzyDateQuerySet):
    def with_attestations(self):
        """With both actors, every citation's source and relayed source, and each source's attestation."""
        return self.select_related("subject", "object").prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.with_sources()),
            models.Prefetch("attestations", queryset=RelationshipAttestation.objects.select_related("source")),
        )

    def leaders_and_members_of(self, actor):
        """Who led it, held office in it or belonged to it, oldest first."""
        kinds = [Relationship.Kind.LEADS, Relationship.Kind.HOLDS_OFFICE, Relationship.Kind.MEMBER_OF]
        return self.filter(object=actor, kind__in=kinds).order_by(F("valid_from").asc(nulls_first=True), "slug")

    def years(self):
        """The calendar years from the earliest known start to the latest known end or start."""
        bounds = self.aggregate(first=Min("valid_from"), last_start=Max("valid_from"), last_end=Max("valid_until"))
        known = [day for day in bounds.values() if day]
        if not known:
            return range(0)
        return range(min(known).year, max(known).year + 1)

    def involving(self, actor):
        return self.filter(Q(subject=actor) | Q(object=actor))

    def between(self, one, other):
        """Ties between two actors, either way round."""
        return self.filter(Q(subject=one, object=other) | Q(subject=other, object=one))

    def involving_any(self, actors):
        return self.filter(Q(subject__in=actors) | Q(object__in=actors))

    def undated(self):
        """Ties with no date at all: they may have held at any time, or never in a given year."""
        return self.filter(valid_from__isnull=True, valid_until__isnull=True)

    def with_a_date(self):
        return self.exclude(valid_from__isnull=True, valid_until__isnull=True)

    def in_year(self, year):
        """Dated ties that may have held at some point in the year."""
        return self.with_a_date().may_overlap(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


class Relationship(CitedRecord, fuzzydates.FuzzyDated):
    """A tie from one actor to another (subject → object) over a period as precise as the text."""

    class Kind(models.TextChoices):
        PART_OF = "part_of", "part of"
        FACTION_OF = "faction_of", "faction of"
        SPLINTER_OF = "splinter_of", "splinter of"
        ALLY_OF = "ally_of", "ally of"
        RIVAL_OF = "rival_of", "rival of"
        HOSTILE_TO = "hostile_to", "hostile to"
        SUPPORTS = "supports", "supports"
        MEDIATES = "mediates", "mediates with"
        NEGOTIATES_WITH = "negotiates_with", "negotiates with"
        LEADS = "leads", "leads"
        MEMBER_OF = "member_of", "member of"
        HOLDS_OFFICE = "holds_office", "holds office in"
        DESIGNATED_BY = "designated_by", "designated a terrorist organisation by"
        GOVERNS = "governs", "governs"
        KIN_OF = "kin_of", "kin of"

    # Kinds by which the subject belongs to the object: its factions, splinters and members.
    BRANCH_KINDS = [Kind.PART_OF, Kind.FACTION_OF, Kind.SPLINTER_OF, Kind.MEMBER_OF]

    class Status(models.TextChoices):
        NORMAL = "normal", "As described"
        STRAINED = "strained", "Strained"

    slug = models.SlugField(max_length=200, unique=True)
    subject = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="relationships_as_subject",
        help_text="Protected: merge actors instead.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    object = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="relationships_as_object")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NORMAL)
    support = models.CharField(
        max_length=200,
        blank=True,
        help_text="For “supports”: what kind, comma separated (money, fighters, shelter, …).",
    )
    office = models.CharField(
        max_length=200, blank=True, help_text="For “holds office”: the post, as the source names it."
    )
    start = models.CharField(
        max_length=60,
        blank=True,
        validators=[fuzzydates.validate_edtf],
        help_text="EDTF; blank when the text does not say.",
    )
    end = models.CharField(
        max_length=60,
        blank=True,
        validators=[fuzzydates.validate_edtf],
        help_text="EDTF; blank when it has not ended or the text does not say.",
    )
    attested = models.CharField(
        max_length=60, blank=True, validators=[fuzzydates.validate_edtf], help_text="EDTF: when a source says it held."
    )
    valid_from = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Earliest day it may have held: from start, else from attested.",
    )
    valid_until = models.DateField(
        null=True, blank=True, editable=False, help_text="Latest day it may have held: from end, else from attested."
    )
    date_note = models.TextField(blank=True, help_text="How a relative date was resolved.")
    note = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation", related_query_name="relationship")
    updated = models.DateTimeField(auto_now=True)

    objects = RelationshipQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated"])

    DATE_BOUNDS = ("valid_from", "valid_until")

    class Meta:
        ordering = ["subject__name", "kind", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=models.F("object")), name="relationship_not_self"),
        ]

    def __str__(self):
        subject, object = related_or_last_known(self, "subject"), related_or_last_known(self, "object")
        return f"{subject} {self.get_kind_display()} {object}"

    def get_absolute_url(self):
        return reverse("relationships:detail", args=[self.slug])

    def attestations_by_source(self):
        """Each source's word for the tie: its attestation or, for a source cited without one (a quote
        added in the admin), an unsaved one with no dates of its own, so that every quote is shown.
        Reads the attestations and citations as RelationshipQuerySet.with_attestations() fetches them."""
        attestations = list(self.attestations.all())
        attested = {attestation.source_id for attestation in attestations}
        for citation in self.fetched_citations():
            if citation.source_id not in attested:
                attested.add(citation.source_id)
                attestations.append(RelationshipAttestation(relationship=self, source=citation.source))
        return attestations

    @staticmethod
    def default_slug(subject, kind, object, office=""):
        """subject-kind-object[-office]: a pair and kind is one record unless its sources describe
        different periods (then each period's record carries its own slug)."""
        return slugify("-".join(part for part in (subject, kind, object, office) if part))[:200]

    def move_attestations_to(self, survivor, reason):
        """Give `survivor` this record's attestations; where it has the same source's, add up their support."""
        for attestation in self.attestations.all():
            kept = survivor.attestations.filter(source=attestation.source_id).first()
            if kept is None:
                attestation.relationship = survivor
                save_with_reason(attestation, reason)
                continue
            kept.support = ", ".join(union_of_support([kept.support, attestation.support]))
            kept.note = "\n".join(dict.fromkeys(note for note in (kept.note, attestation.note) if note))
            save_with_reason(kept, reason)
            delete_with_reason(attestation, reason)
        survivor.update_from_attestations()

    def update_from_attestations(self):
        """Derive the dates, support kinds and status from the sources' attestations, when it has any.

        The period spans every attestation's: the earliest start, the latest end, and the attested
        dates from the earliest to the latest; support is every kind any source names; strained
        when any source says so. Saves only when something changed (no empty history versions).
        """
        attestations = list(self.attestations.all())
        if not attestations:
            return
        derived = {
            "start": earliest_edtf(attestation.start for attestation in attestations),
            "end": latest_edtf(attestation.end for attestation in attestations),
            "attested": attested_span(attestation.attested for attestation in attestations),
            "support": ", ".join(union_of_support(attestation.support for attestation in attestations)),
        }
        if any(attestation.status == self.Status.STRAINED for attestation in attestations):
            derived["status"] = self.Status.STRAINED
        changed = False
        for name, value in derived.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.clean()  # sources of different periods must not make one record end before it starts
            self.save()

    def clean(self):
        super().clean()
        if self.subject_id and self.subject_id == self.object_id:
            raise ValidationError({"object": "An actor cannot be related to itself."})
        start_earliest, _ = fuzzydates.bounds_or_none(self.start)
        _, end_latest = fuzzydates.bounds_or_none(self.end)
        if start_earliest and end_latest and end_latest < start_earliest:
            raise ValidationError({"end": f"The relationship ends ({self.end}) before it starts ({self.start})."})

    def merge_into(self, target):
        """Fold this record of a tie into `target`, another record of the same tie, and delete it."""
        if target.pk == self.pk:
            raise ValueError("A relationship cannot be merged into itself.")
        if (self.subject_id, self.kind, self.object_id) != (target.subject_id, target.kind, target.object_id):
            raise ValueError("Only records of one tie (same subject, kind and object) can be merged.")
        reason = f"Merged relationship {self.slug} into {target.slug}."
        with transaction.atomic():
            target.absorb(self, reason)
        return reason

    def absorb(self, duplicate, reason):
        """Take in all a duplicate record of this tie says, then delete it: each source's support kinds,
        notes and date notes are kept side by side, empty dates and office filled, citations moved."""
        self.support = ", ".join(dict.fromkeys([*self.support_kinds, *duplicate.support_kinds]))
        for name in ("office", "start", "end", "attested"):
            setattr(self, name, getattr(self, name) or getattr(duplicate, name))
        self.note, self.date_note = joined(self.note, duplicate.note), joined(self.date_note, duplicate.date_note)
        if duplicate.status == self.Status.STRAINED:
            self.status = self.Status.STRAINED  # strained on some source's word
        duplicate.citations.all().move_to(self, reason)
        duplicate.move_attestations_to(self, reason)
        delete_with_reason(duplicate, reason)
        save_with_reason(self, reason)

    def duplicates(self):
        """Other relationships stating the same tie over the same period."""
        same = {"subject": self.subject_id, "kind": self.kind, "object": self.object_id}
        return Relationship.objects.filter(**same, start=self.start, end=self.end).exclude(pk=self.pk)

    @property
    def support_kinds(self):
        """The kinds of support, as a list: ["money", "fighters"]."""
        return [kind.strip() for kind in self.support.split(",") if kind.strip()]

    @property
    def period_display(self):
        return describe_period(self.start, self.end, self.attested)

    def date_bounds(self):
        """valid_from and valid_until: from start and end, else from attested."""
        attested_earliest, attested_latest = fuzzydates.bounds(self.attested)
        start_earliest, _ = fuzzydates.bounds(self.start)
        _, end_latest = fuzzydates.bounds(self.end)
        valid_from = start_earliest or attested_earliest
        valid_until = end_latest if self.end else (None if self.start else attested_latest)
        return valid_from, valid_until


def earliest_edtf(dates):
    """The date that begins first; of two where one lies inside the other, the narrower ("2021-08" over "2021")."""
    return _narrowest(dates, lambda date: fuzzydates.bounds(date)[0] or datetime.date.min)


def latest_edtf(dates):
    """The date that ends last; of two where one lies inside the other, the narrower."""
    return _narrowest(dates, lambda date: -(fuzzydates.bounds(date)[1] or datetime.date.max).toordinal())


def _narrowest(dates, key):
    dates = sorted({date for date in dates if date}, key=key)
    if not dates:
        return ""
    chosen = dates[0]
    for date in dates[1:]:
        if _inside(date, chosen):
            chosen = date
    return chosen


def _inside(inner, outer):
    (inner_from, inner_to), (outer_from, outer_to) = fuzzydates.bounds(inner), fuzzydates.bounds(outer)
    return (outer_from is None or (inner_from is not None and inner_from >= outer_from)) and (
        outer_to is None or (inner_to is not None and inner_to <= outer_to)
    )


def attested_span(dates):
    """One attested date, or the interval from the earliest to the latest of several (no narrowing:
    each source saw the tie hold at its own time)."""
    dates = {date for date in dates if date}
    if not dates:
        return ""
    first = min(dates, key=lambda date: fuzzydates.bounds(date)[0] or datetime.date.min)
    last = max(dates, key=lambda date: fuzzydates.bounds(date)[1] or datetime.date.max)
    if first == last:
        return first
    return f"{first.split('/')[0]}/{last.split('/')[-1]}"


def union_of_support(values):
    kinds = []
    for value in values:
        kinds += [kind.strip() for kind in value.split(",") if kind.strip() and kind.strip() not in kinds]
    return kinds


class RelationshipAttestation(models.Model):
    """One source's word for a relationship: the dates, support kinds and status that source
    supports. Its quotes are the relationship's citations from that source (``citations``)."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="attestations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="relationship_attestations")
    start = models.CharField(max_length=60, blank=True, validators=[fuzzydates.validate_edtf])
    end = models.CharField(max_length=60, blank=True, validators=[fuzzydates.validate_edtf])
    attested = models.CharField(
        max_length=60,
        blank=True,
        validators=[fuzzydates.validate_edtf],
        help_text="EDTF: when this source says it held.",
    )
    status = models.CharField(max_length=20, choices=Relationship.Status.choices, default=Relationship.Status.NORMAL)
    support = models.CharField(max_length=200, blank=True, help_text="For “supports”: the kinds this source names.")
    date_note = models.TextField(blank=True, help_text="How this source's relative date was resolved.")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["source__published_earliest", "source__slug"]
        constraints = [
            models.UniqueConstraint(fields=["relationship", "source"], name="attestation_unique_per_source"),
        ]

    def __str__(self):
        return f"{self.relationship} ({self.source})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.relationship.update_from_attestations()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.relationship.update_from_attestations()
        return result

    def clean(self):
        super().clean()
        start_earliest, _ = fuzzydates.bounds_or_none(self.start)
        _, end_latest = fuzzydates.bounds_or_none(self.end)
        if start_earliest and end_latest and end_latest < start_earliest:
            raise ValidationError({"end": f"The relationship ends ({self.end}) before it starts ({self.start})."})

    @property
    def citations(self):
        """The relationship's quotes from this source (from the prefetch cache when there is one)."""
        citations = self.relationship.fetched_citations()
        return [citation for citation in citations if citation.source_id == self.source_id]

    @property
    def period_display(self):
        return describe_period(self.start, self.end, self.attested)
