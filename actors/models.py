"""Actors (groups, institutions, states, persons), their names, and their ties over time."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max, Min, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from conflict import fuzzydates
from conflict.history import delete_with_reason, related_or_last_known, save_with_reason
from sources.models import Citation, Source


class ActorQuerySet(models.QuerySet):
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


class Actor(models.Model):
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
                involvement.citations.all().move_to(survivor, reason)
                delete_with_reason(involvement, reason)
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


def source_order(source):
    return (source.published_earliest or datetime.date.max, source.slug)


@dataclass
class Attestation:
    """One source's word for a relationship: its quotes, and the dates it supports."""

    source: Source
    citations: list
    start: str
    end: str
    attested: str

    @property
    def period_display(self):
        return describe_period(self.start, self.end, self.attested)


class SourceAttestations(list):
    """A relationship's attestations, answering `.all()` as a related manager does."""

    def all(self):
        return self


def describe_period(start, end, attested):
    """A tie's dates as a reader says them: "since August 2021", "2014 – 2021", "attested March 2023"."""
    if start or end:
        return fuzzydates.describe(f"{start or '..'}/{end or '..'}")
    if attested:
        return f"attested {fuzzydates.describe(attested)}"
    return "dates unknown"


class RelationshipQuerySet(models.QuerySet):
    def with_attestations(self):
        """With both actors and every citation's source and relayed source, for attestations()."""
        return self.select_related("subject", "object").prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.with_sources())
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

    def in_force_during(self, earliest=None, latest=None):
        """Ties that may have held at some point between two days (unknown ends, and no day, count as open)."""
        queryset = self
        if latest:
            queryset = queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=latest))
        if earliest:
            queryset = queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=earliest))
        return queryset


class Relationship(models.Model):
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

    class Meta:
        ordering = ["subject__name", "kind", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=models.F("object")), name="relationship_not_self"),
        ]

    def __str__(self):
        subject, object = related_or_last_known(self, "subject"), related_or_last_known(self, "object")
        return f"{subject} {self.get_kind_display()} {object}"

    def save(self, *args, **kwargs):
        self.valid_from, self.valid_until = self.period()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("relationships:detail", args=[self.slug])

    @property
    def attestations(self):
        """Each source's word for the tie, oldest source first: the source, its quotes and the dates it supports.

        Read as `relationship.attestations.all()`, as a related manager of per-source attestation
        records would be. Reads the citations as prefetched (RelationshipQuerySet.with_attestations).
        Every source here supports the record's one period, since a source that dates the tie
        otherwise gives another record.
        """
        by_source = {}
        for citation in self.citations.all():
            by_source.setdefault(citation.source, []).append(citation)
        return SourceAttestations(
            Attestation(source=source, citations=citations, start=self.start, end=self.end, attested=self.attested)
            for source, citations in sorted(by_source.items(), key=lambda item: source_order(item[0]))
        )

    def clean(self):
        super().clean()
        if self.subject_id and self.subject_id == self.object_id:
            raise ValidationError({"object": "An actor cannot be related to itself."})
        start_earliest, _ = fuzzydates.bounds_or_none(self.start)
        _, end_latest = fuzzydates.bounds_or_none(self.end)
        if start_earliest and end_latest and end_latest < start_earliest:
            raise ValidationError({"end": f"The relationship ends ({self.end}) before it starts ({self.start})."})

    def duplicates(self):
        """Other relationships stating the same tie over the same period."""
        same = {"subject": self.subject_id, "kind": self.kind, "object": self.object_id}
        return Relationship.objects.filter(**same, start=self.start, end=self.end).exclude(pk=self.pk)

    @property
    def period_display(self):
        return describe_period(self.start, self.end, self.attested)

    def period(self):
        attested_earliest, attested_latest = fuzzydates.bounds_or_none(self.attested)
        start_earliest, _ = fuzzydates.bounds_or_none(self.start)
        _, end_latest = fuzzydates.bounds_or_none(self.end)
        valid_from = start_earliest or attested_earliest
        valid_until = end_latest if self.end else (None if self.start else attested_latest)
        return valid_from, valid_until
