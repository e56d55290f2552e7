"""Incidents, where they happened (a small gazetteer and the border crossings), who took part
in what role, and what each source says they cost in lives."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Q, When
from django.db.models.functions import Coalesce, ExtractYear
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords

from conflict import fuzzydates
from conflict.history import delete_with_reason, joined, related_or_last_known, restore_rows_as_of, save_with_reason
from events import search
from sources.models import Citation, CitedQuerySet, CitedRecord


def narrower_date(first, second):
    """Of two EDTF dates for one event, the one that lies inside the other; None if neither does."""
    (first_from, first_to), (second_from, second_to) = fuzzydates.bounds(first), fuzzydates.bounds(second)

    def inside(start, end, outer_start, outer_end):
        return (outer_start is None or (start and start >= outer_start)) and (
            outer_end is None or (end and end <= outer_end)
        )

    if inside(second_from, second_to, first_from, first_to):
        return second
    if inside(first_from, first_to, second_from, second_to):
        return first
    return None


class PlaceQuerySet(models.QuerySet):
    def inside(self, places):
        """The given places and every place within them at any depth, found by walking down the hierarchy."""
        found = set()
        frontier = {place.pk for place in places}
        while frontier:
            found |= frontier
            frontier = set(Place.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - found
        return self.filter(pk__in=found)


class Place(models.Model):
    """A gazetteer entry: country > region or province > district > place."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        PROVINCE = "province", "Province"
        DISTRICT = "district", "District"
        PLACE = "place", "Place (town, site or building)"

    class Precision(models.TextChoices):
        EXACT = "exact", "Exact point"
        SETTLEMENT = "settlement", "Town or city"
        DISTRICT = "district", "District centroid"
        PROVINCE = "province", "Province centroid"
        COUNTRY = "country", "Country centroid"

    # The units a province filter or facet names.
    PROVINCE_KINDS = [Kind.PROVINCE, Kind.REGION]

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The unit that contains this one. Protected: re-parent children first.",
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    precision = models.CharField(
        max_length=20, choices=Precision.choices, blank=True, help_text="How closely the coordinates locate the place."
    )
    citations = GenericRelation("sources.Citation", related_query_name="place")

    history = HistoricalRecords()
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('events:timeline')}?place={self.slug}"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not self.precision:
            raise ValidationError({"precision": "Say how precise the coordinates are."})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "A place cannot lie inside itself."})
            ancestor = ancestor.parent

    def lineage(self):
        """This place and every unit containing it, innermost first."""
        place, chain = self, []
        while place is not None:
            chain.append(place)
            place = place.parent
        return chain

    def ancestor(self, kind):
        return next((place for place in self.lineage() if place.kind == kind), None)


class CrossingQuerySet(CitedQuerySet):
    def with_status_changes(self):
        return self.prefetch_related(
            models.Prefetch(
                "incidents", queryset=Incident.objects.status_changes(), to_attr="prefetched_status_changes"
            )
        )


class Crossing(CitedRecord, models.Model):
    """A border crossing between Pakistan and Afghanistan, with its two sides."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="crossings")
    pakistan_province = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    pakistan_district = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    afghanistan_province = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    afghanistan_district = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    description = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation", related_query_name="crossing")

    history = HistoricalRecords()
    objects = CrossingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:crossing", args=[self.slug])

    @property
    def coordinates(self):
        return self.place.latitude, self.place.longitude

    def status_periods(self):
        """The strip: open, closed or unknown stretches from the first dated event at the crossing to the
        last day of the last one, each with the change that began it and, for the days a loosely dated
        change may fall on, that change as `pending`.

        Nothing is drawn past the last dated event, since no source says what came after. Before the
        first change the status is unknown, and so is every day a loosely dated change may fall on:
        Chaman's reopening, dated only 2022, leaves all of 2022 unknown.
        """
        first_day, last_day = self.dated_span()
        if first_day is None:
            return []
        end = last_day + datetime.timedelta(days=1)
        periods, status, change, position = [], "unknown", None, first_day
        for incident in self.status_changes():
            if incident.date_earliest is None:
                continue
            known_from = min(incident.date_latest or incident.date_earliest, end)
            periods.append({"status": status, "start": position, "end": incident.date_earliest, "change": change})
            window = {"start": max(position, incident.date_earliest), "end": known_from, "pending": incident}
            periods.append({"status": "unknown", "change": None, **window})
            status = "closed" if incident.kind == Incident.Kind.BORDER_CLOSURE else "open"
            change, position = incident, max(position, known_from)
        periods.append({"status": status, "start": position, "end": end, "change": change})
        return [
            {"pending": None, **period, "last_day": period["end"] - datetime.timedelta(days=1)}
            for period in periods
            if period["end"] > period["start"]
        ]

    def dated_span(self):
        """The earliest and the latest day any dated incident at the crossing may fall on."""
        bounds = self.incidents.aggregate(
            first=Min("date_earliest"), last_end=Max("date_latest"), last_start=Max("date_earliest")
        )
        known_ends = [day for day in (bounds["last_end"], bounds["last_start"]) if day]
        return bounds["first"], max(known_ends) if known_ends else None

    def status_history(self):
        """Open/closed periods derived from closure and reopening incidents, oldest first."""
        changes = list(self.status_changes())
        return [
            {
                "status": "closed" if incident.kind == Incident.Kind.BORDER_CLOSURE else "open",
                "since": incident.date,
                "since_earliest": incident.date_earliest,
                "until": following.date if following else None,
                "incident": incident,
            }
            for incident, following in zip(changes, [*changes[1:], None][: len(changes)], strict=True)
        ]

    def status_changes(self):
        """Closures and reopenings, oldest first (prefetched by CrossingQuerySet.with_status_changes)."""
        if hasattr(self, "prefetched_status_changes"):
            return self.prefetched_status_changes
        return list(self.incidents.status_changes())


@dataclass
class DisputeSide:
    """One side of a disagreement: what is said, on whose word (the source, its quotes), and any caveat."""

    label: str
    citations: list
    source: object = None
    detail: str = ""
    party_claim: object = None


@dataclass
class Dispute:
    """One point on which the sources of an incident disagree, each side with its quotes and source."""

    class Kind(models.TextChoices):
        TOLL = "toll", "Toll figures that do not overlap"
        DATE = "date", "A date that a source it rests on predates"
        ATTRIBUTION = "attribution", "Who did it: a claim or accusation beside a denial, or rival claims"

    kind: str
    sides: list = field(default_factory=list)
    summary: str = ""

    @property
    def label(self):
        return Dispute.Kind(self.kind).label


def roles_and_figures(role_quotes):
    """Prefetches of an incident's roles (their actors' aliases, and their quotes if asked) and its toll figures."""
    citations = models.Prefetch("citations", queryset=Citation.objects.with_sources())
    involvements = Involvement.objects.select_related("actor", "accused_by").prefetch_related("actor__aliases")
    if role_quotes:
        involvements = involvements.prefetch_related(citations)
    figures = TollFigure.objects.select_related("source").prefetch_related(citations)
    return [models.Prefetch("involvements", queryset=involvements), models.Prefetch("toll_figures", queryset=figures)]


class IncidentQuerySet(CitedQuerySet, fuzzydates.FuzzyDateQuerySet):
    def chart_dates(self):
        """(earliest, latest, kind, count) rows for the chart: one grouped query, no ordering."""
        return (
            self.order_by().values_list("date_earliest", "date_latest", "kind").annotate(count=Count("pk")).order_by()
        )

    def in_timeline_order(self):
        """Date order, an open start ("../2014") sorted by its known end, as the timeline files it."""
        return self.order_by(Coalesce("date_earliest", "date_latest"), "date_latest", "slug")

    def sorted_after_filtering(self):
        """The same order, by expressions no index offers, so that the database finds the matches
        first and sorts them, instead of walking the date index in order past every incident that
        fails the filters (a million, for "since last year": docs/performance.md)."""
        ordering = []
        for term in self.query.order_by or self.model._meta.ordering:
            if not isinstance(term, str):  # an expression (in_timeline_order): no index offers it anyway
                ordering.append(term)
                continue
            name = term.lstrip("-")
            expression = Coalesce(F(name), F(name))  # the same value, but not the indexed column
            ordering.append(expression.desc() if term.startswith("-") else expression.asc())
        return self.order_by(*ordering)

    def with_disputes(self):
        """With what Incident.disputes() and the party-claim marks read: roles, figures and every quote's source."""
        return self.prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.with_sources()), *roles_and_figures(role_quotes=True)
        )

    def with_toll_claims(self):
        """With what the party-claim marks read: the roles' actors and aliases, the figures and their quotes."""
        return self.prefetch_related(*roles_and_figures(role_quotes=False))

    def status_changes(self):
        """Border closures and reopenings, oldest first."""
        return self.filter(kind__in=[Incident.Kind.BORDER_CLOSURE, Incident.Kind.BORDER_REOPENING]).order_by(
            "date_earliest", "slug"
        )

    def involving(self, actors=None, roles=None, include_factions=False):
        """Incidents in which one of `actors` had one of `roles` (either may be left open).

        With `include_factions`, the actors' factions, splinters and members count as the actors.
        """
        involvements = Involvement.objects.all()
        if actors:
            if include_factions:
                actors = actors.with_factions_and_members()
            involvements = involvements.filter(actor__in=actors)
        if roles:
            involvements = involvements.filter(role__in=roles)
        if not actors and not roles:
            return self
        return self.filter(pk__in=involvements.values("incident"))

    def located_in(self, places):
        """Incidents at any of `places` or anywhere inside them, directly or through their crossing."""
        inside = Place.objects.inside(places)
        return self.filter(Q(place__in=inside) | Q(crossing__place__in=inside))

    def cited_by(self, sources):
        """Incidents that any of `sources` supports: the incident itself, a role or a toll figure."""
        supported = (
            Q(citations__source__in=sources)
            | Q(involvements__citations__source__in=sources)
            | Q(toll_figures__source__in=sources)
        )
        return self.filter(pk__in=Incident.objects.filter(supported).values("pk"))

    def disputed(self):
        """Incidents on which the sources disagree, by any of the rules of Incident.disputes()."""
        denied = Involvement.objects.filter(role=Involvement.Role.DENIED).values("incident")
        attributed = Involvement.objects.filter(role__in=Involvement.ATTRIBUTING_ROLES).values("incident")
        rival_claims = (
            Involvement.objects.filter(role=Involvement.Role.CLAIMED)
            .values("incident")
            .annotate(claimants=Count("actor", distinct=True))
            .filter(claimants__gt=1)
            .values("incident")
        )
        return self.filter(
            (Q(pk__in=denied) & Q(pk__in=attributed))
            | Q(pk__in=rival_claims)
            | Q(pk__in=TollFigure.objects.contradicted().values("incident"))
            | Q(pk__in=Incident.objects.dated_after_a_source().values("pk"))
        )

    def dated_after_a_source(self):
        """Incidents resting on a quote from, or relayed from, a source published before their earliest possible day."""
        early = Q()
        for path in ("citations", "involvements__citations"):
            for source in ("source", "via"):
                early |= Q(**{f"{path}__{source}__published_latest__lt": F("date_earliest")})
        return self.filter(early)

    def search(self, text):
        """Incidents matching every word of `text` in a title, summary, actor name or alias, or quote
        (a word matches the words starting with it: events/search.py)."""
        queryset = self
        for tokens in search.terms(text):
            queryset = queryset.filter(pk__in=search.incidents_matching(tokens))
        return queryset

    # Facets: how many of these incidents each value gives, one grouped query each, most first.
    def counts_by_kind(self):
        """(kind, count) rows."""
        return self.order_by().values_list("kind").annotate(count=Count("pk")).order_by("-count", "kind")

    def counts_by_role(self, actors=None):
        """(role, count of incidents) rows, for the roles of these actors (None: anyone's)."""
        involvements = Involvement.objects.filter(incident__in=self.values("pk"))
        if actors is not None:
            involvements = involvements.filter(actor__in=actors)
        return (
            involvements.order_by()
            .values_list("role")
            .annotate(count=Count("incident", distinct=True))
            .order_by("-count", "role")
        )

    def counts_by_province(self):
        """(slug, name, count) rows by the province or region of the place, or else of the crossing's place."""
        return (
            self.order_by()
            .annotate(
                province_slug=Coalesce(province_of("place", "slug"), province_of("crossing__place", "slug")),
                province_name=Coalesce(province_of("place", "name"), province_of("crossing__place", "name")),
            )
            .filter(province_slug__isnull=False)
            .values_list("province_slug", "province_name")
            .annotate(count=Count("pk"))
            .order_by("-count", "province_name")
        )

    def counts_by_certain_year(self):
        """(year, count) rows, oldest first, for the incidents whose possible days all fall in one year."""
        return (
            self.order_by()
            .annotate(first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
            .filter(first=F("last"))
            .values_list("first")
            .annotate(count=Count("pk"))
            .order_by("first")
        )


def province_of(path, attribute):
    """An attribute of the province or region at or above a place (at most three levels up)."""
    levels = [path, f"{path}__parent", f"{path}__parent__parent"]
    return Case(
        *[When(**{f"{level}__kind__in": Place.PROVINCE_KINDS}, then=F(f"{level}__{attribute}")) for level in levels]
    )


class Incident(CitedRecord, fuzzydates.FuzzyDated):
    """Something that happened on a date as precise as the sources allow."""

    class Kind(models.TextChoices):
        SUICIDE_BOMBING = "suicide_bombing", "Suicide bombing"
        BOMBING = "bombing", "Bombing (not suicide)"
        ARMED_ATTACK = "armed_attack", "Armed attack"
        AIR_STRIKE = "air_strike", "Air strike"
        DRONE_STRIKE = "drone_strike", "Drone strike"
        SHELLING = "shelling", "Shelling"
        BORDER_CLASH = "border_clash", "Border clash"
        BORDER_CLOSURE = "border_closure", "Border closure"
        BORDER_REOPENING = "border_reopening", "Border reopening"
        CEASEFIRE = "ceasefire", "Ceasefire or truce"
        CEASEFIRE_END = "ceasefire_end", "End of a ceasefire"
        TALKS = "talks", "Talks or negotiations"
        DELEGATION = "delegation", "Delegation"
        VISIT = "visit", "Visit"
        OFFENSIVE = "offensive", "Military offensive"
        DISPLACEMENT = "displacement", "Displacement"
        HOSTAGE_TAKING = "hostage_taking", "Hostage taking"
        RESCUE = "rescue", "Rescue"
        JAILBREAK = "jailbreak", "Jailbreak"
        RELEASE = "release", "Release of prisoners"
        ARREST = "arrest", "Arrest or capture"
        DESIGNATION = "designation", "Terrorist designation"
        FOUNDING = "founding", "Founding of a group"
        SPLIT = "split", "Split"
        MERGER = "merger", "Merger"
        SEIZURE_OF_POWER = "seizure_of_power", "Seizure of power"
        STATEMENT = "statement", "Statement or threat"
        ACCUSATION = "accusation", "Accusation between governments"
        PROTEST_NOTE = "protest_note", "Diplomatic protest"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=200, unique=True, help_text="Stable identifier used in URLs and fixtures.")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    summary = models.TextField(blank=True, help_text="Only what the sources say.")
    date = models.CharField(
        max_length=60, validators=[fuzzydates.validate_edtf], help_text="EDTF, no more precise than the sources."
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False, help_text="Derived from the EDTF date.")
    date_latest = models.DateField(
        null=True, blank=True, editable=False, help_text="Derived from the EDTF date; empty for an open range."
    )
    date_note = models.TextField(blank=True, help_text="How a relative date (“last January”) was resolved.")
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        help_text="Empty when unknown.",
    )
    crossing = models.ForeignKey(Crossing, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents")
    killed_min = models.PositiveIntegerField(null=True, blank=True, editable=False)
    killed_max = models.PositiveIntegerField(null=True, blank=True, editable=False)
    injured_min = models.PositiveIntegerField(null=True, blank=True, editable=False)
    injured_max = models.PositiveIntegerField(null=True, blank=True, editable=False)
    actors = models.ManyToManyField(
        "actors.Actor", through="Involvement", through_fields=("incident", "actor"), related_name="incidents"
    )
    citations = GenericRelation("sources.Citation", related_query_name="incident")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    # The save time is the history date already; a diff of it on every line is noise.
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["date_earliest", "date_latest", "slug"]
        indexes = [
            models.Index(fields=["date_earliest", "date_latest"], name="incident_dates_idx"),
            # Justified by EXPLAINs in docs/performance.md: date_from bounds date_latest, kind filters,
            # sync and updated_since walk `updated`, killed_min/killed_max filter and order.
            models.Index(fields=["date_latest", "date_earliest"], name="incident_date_latest_idx"),
            models.Index(fields=["kind", "date_latest"], name="incident_kind_idx"),
            models.Index(fields=["updated", "id"], name="incident_updated_idx"),
            models.Index(fields=["killed_min"], name="incident_killed_min_idx"),
            models.Index(fields=["killed_max"], name="incident_killed_max_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, **kwargs):
        # Whatever the path (a form, a revert to an old version, a shell), the ranges follow the figures.
        for name, value in self.toll_ranges().items():
            setattr(self, name, value)
        super().save(**kwargs)

    def get_absolute_url(self):
        return reverse("events:incident", args=[self.slug])

    @property
    def date_precision(self):
        return fuzzydates.precision(self.date)

    @property
    def date_display(self):
        return fuzzydates.describe(self.date)

    @property
    def calendar_slot(self):
        """Where the timeline files it: (heading, month, order), by the codebook's rule (section 8)."""
        return fuzzydates.slot(self.date)

    def merge_into(self, target):
        """Fold this incident, the same event recorded twice, into `target` and delete it; nothing is lost.

        Its roles, toll figures and citations move to `target` (a row `target` has already takes in the
        moved one's note and citations), the narrower of the two dates is kept, and both records' date
        notes and summaries stay side by side. One transaction, each change in history with the reason.
        """
        if target.pk == self.pk:
            raise ValueError("An incident cannot be merged into itself.")
        reason = f"Merged incident “{self.title}” ({self.slug}) into “{target.title}” ({target.slug}): one event."
        with transaction.atomic():
            for involvement in self.involvements.all():
                involvement.incident = target
                survivor = involvement.duplicates().first()
                if survivor is None:
                    save_with_reason(involvement, reason)
                else:
                    survivor.absorb(involvement, reason)
            for figure in self.toll_figures.all():
                figure.incident = target
                survivor = figure.duplicates().first()
                if survivor is None:
                    save_with_reason(figure, reason)
                else:
                    figure.citations.all().move_to(survivor, reason)
                    delete_with_reason(figure, reason)
            self.citations.all().move_to(target, reason)
            target.refresh_from_db()
            target.absorb_fields(self)
            delete_with_reason(self, reason)
            save_with_reason(target, reason)
        return reason

    def disputes(self):
        """Every point on which its sources disagree (reads what IncidentQuerySet.with_disputes prefetches).

        - toll: two sources' figures for the killed (or injured) whose ranges do not overlap;
        - attribution: a denial beside a claim, an accusation or a stated perpetrator, or claims by
          more than one actor;
        - date: a quote it rests on comes from, or is relayed from, a source published before the
          earliest day its date allows (002 dates Torkham's reopening 25 February 2023 on a note of
          23 February).
        """
        disputes = [self.toll_dispute(measure) for measure in TollFigure.Measure]
        disputes += [self.attribution_dispute(), self.date_dispute()]
        return [dispute for dispute in disputes if dispute]

    def toll_dispute(self, measure):
        figures = [figure for figure in self.toll_figures.all() if figure.measure == measure]
        if not any(figure.contradicts(other) for figure in figures for other in figures):
            return None
        sides = [
            DisputeSide(
                label=f"{figure.get_measure_display()}: “{figure.as_printed}”",
                citations=list(figure.citations.all()),
                source=figure.source,
                detail=figure.range_display,
                party_claim=figure.claimed_by,
            )
            for figure in figures
        ]
        return Dispute(
            Dispute.Kind.TOLL, sides, summary=f"{TollFigure.Measure(measure).label}: the figures do not overlap"
        )

    def attribution_dispute(self):
        involvements = list(self.involvements.all())
        roles = {involvement.role for involvement in involvements}
        claimants = {
            involvement.actor_id for involvement in involvements if involvement.role == Involvement.Role.CLAIMED
        }
        denied_beside_attribution = Involvement.Role.DENIED in roles and roles & set(Involvement.ATTRIBUTING_ROLES)
        if not denied_beside_attribution and len(claimants) < 2:
            return None
        sides = [
            DisputeSide(
                label=f"{involvement.actor.name}: {involvement.get_role_display().lower()}",
                citations=list(involvement.citations.all()),
                detail=f"accused by {involvement.accused_by.name}" if involvement.accused_by else involvement.note,
            )
            for involvement in involvements
            if involvement.role in {Involvement.Role.DENIED, *Involvement.ATTRIBUTING_ROLES}
        ]
        return Dispute(Dispute.Kind.ATTRIBUTION, sides, summary="Who did it")

    def date_dispute(self):
        if self.date_earliest is None:
            return None
        citations = [*self.citations.all()]
        for involvement in self.involvements.all():
            citations += involvement.citations.all()
        early = {}
        for citation in citations:
            for source in (citation.source, citation.via):
                if source and source.published_latest and source.published_latest < self.date_earliest:
                    early.setdefault(source, []).append(citation)
        if not early:
            return None
        relayed = {citation.pk for quotes in early.values() for citation in quotes}
        sides = [
            DisputeSide(
                label=f"Dated {self.date_display}",
                citations=[citation for citation in citations if citation.pk not in relayed],
                detail=self.date_note,
            )
        ]
        sides += [
            DisputeSide(
                label=f"Published {source.published_display}, before {self.date_earliest:%-d %B %Y}",
                citations=quotes,
                source=source,
            )
            for source, quotes in early.items()
        ]
        return Dispute(Dispute.Kind.DATE, sides, summary=f"Dated {self.date_display}")

    def toll_claimed_by(self, measure):
        """The party whose own claim is the only word for this measure's figures (the TTP's "57 killed"), or None."""
        claimants = [figure.claimed_by for figure in self.toll_figures.all() if figure.measure == measure]
        if claimants and all(claimants) and len({claimant.pk for claimant in claimants}) == 1:
            return claimants[0]
        return None

    @property
    def killed_claimed_by(self):
        return self.toll_claimed_by(TollFigure.Measure.KILLED)

    @property
    def injured_claimed_by(self):
        return self.toll_claimed_by(TollFigure.Measure.INJURED)

    def absorb_fields(self, duplicate):
        narrower = narrower_date(self.date, duplicate.date)
        if duplicate.date != self.date and narrower is None:
            self.date_note = joined(self.date_note, f"Also recorded as {duplicate.date} ({duplicate.slug}).")
        self.date = narrower or self.date
        self.date_note = joined(self.date_note, duplicate.date_note)
        self.summary = joined(self.summary, duplicate.summary)
        self.place = self.place or duplicate.place
        self.crossing = self.crossing or duplicate.crossing

    def restore_parts_as_of(self, moment, reason):
        """Bring back its roles, toll figures and every citation of it and of them as they were at `moment`,
        so that a revert restores the incident whole; saving the incident then derives its ranges from them."""
        with transaction.atomic():
            parts = [self]
            for model in (Involvement, TollFigure):
                parts += restore_rows_as_of(model, moment, reason, incident_id=self.pk)
            for part in parts:
                content_type = ContentType.objects.get_for_model(part)
                restore_rows_as_of(Citation, moment, reason, content_type_id=content_type.pk, object_id=part.pk)

    def toll_ranges(self):
        """The killed and injured ranges the figures each source gives add up to: lowest low to
        highest high, open-ended when any figure is."""
        tolls = {}
        for measure in TollFigure.Measure:
            figures = self.toll_figures.filter(measure=measure) if self.pk else TollFigure.objects.none()
            found = figures.aggregate(lowest=Min("low"), highest=Max("high"), open=Count("pk", filter=Q(high=None)))
            tolls[f"{measure}_min"] = found["lowest"]
            tolls[f"{measure}_max"] = None if found["open"] else found["highest"]
        return tolls

    def update_tolls(self):
        """Recompute the killed and injured ranges; saved only on a change, so history has no empty versions."""
        tolls = self.toll_ranges()
        if all(getattr(self, name) == value for name, value in tolls.items()):
            return
        self.save(update_fields=[*tolls, "updated"])


class Involvement(CitedRecord, models.Model):
    """An actor's part in an incident, on some source's word."""

    class Role(models.TextChoices):
        PERPETRATOR = "perpetrator", "Perpetrator"
        CLAIMED = "claimed", "Claimed responsibility"
        DENIED = "denied", "Denied responsibility"
        ACCUSED = "accused", "Accused"
        TARGET = "target", "Target"
        VICTIM = "victim", "Victim"
        MEDIATOR = "mediator", "Mediator"
        PARTICIPANT = "participant", "Participant"

    CONTESTED_ROLES = {Role.CLAIMED, Role.DENIED, Role.ACCUSED}
    # Roles that lay an incident at someone's door, which a denial contradicts.
    ATTRIBUTING_ROLES = [Role.PERPETRATOR, Role.CLAIMED, Role.ACCUSED]

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="involvements",
        help_text="Protected: an actor with roles in incidents is merged, not deleted.",
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    accused_by = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accusations_made",
        help_text="For “accused”: who makes the accusation.",
    )
    note = models.TextField(blank=True)
    citations = GenericRelation("sources.Citation", related_query_name="involvement")

    objects = CitedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "role", "actor__name"]
        # An actor's incidents from the index alone (docs/performance.md).
        indexes = [models.Index(fields=["actor", "incident"], name="involvement_actor_idx")]
        constraints = [
            models.UniqueConstraint(fields=["incident", "actor", "role"], name="involvement_unique_role"),
        ]

    def __str__(self):
        actor, incident = related_or_last_known(self, "actor"), related_or_last_known(self, "incident")
        return f"{actor} — {self.get_role_display()} — {incident}"

    def get_absolute_url(self):
        return f"{self.incident.get_absolute_url()}#involvement-{self.pk}"

    def clean(self):
        super().clean()
        if self.accused_by_id and self.role != self.Role.ACCUSED:
            raise ValidationError({"accused_by": "Only an “accused” role names who accuses."})
        if self.accused_by_id and self.accused_by_id == self.actor_id:
            raise ValidationError({"accused_by": "An actor cannot accuse itself."})

    def duplicates(self):
        """Other rows giving the same actor the same role in the same incident."""
        same = {"incident": self.incident_id, "actor": self.actor_id, "role": self.role}
        return Involvement.objects.filter(**same).exclude(pk=self.pk)

    def absorb(self, duplicate, reason):
        """Take in a duplicate row's note, accuser and citations, then delete it."""
        self.note = joined(self.note, duplicate.note)
        if self.accused_by_id is None and duplicate.accused_by_id != self.actor_id:
            self.accused_by_id = duplicate.accused_by_id
        duplicate.citations.all().move_to(self, reason)
        delete_with_reason(duplicate, reason)
        save_with_reason(self, reason)

    @property
    def is_contested(self):
        return self.role in self.CONTESTED_ROLES

    @classmethod
    def by_role(cls, involvements):
        """[(role, [involvement, ...]), ...] in the order the codebook lists the roles."""
        roles = {role: [] for role in cls.Role}
        for involvement in involvements:
            roles[involvement.role].append(involvement)
        return [(role, found) for role, found in roles.items() if found]


def describe_range(low, high):
    """A low and high figure as a reader says them: "15", "15–20", "101 or more", "up to 20"."""
    if low is None and high is None:
        return "no figure given"
    if high is None:
        return f"{low} or more"
    if low is None:
        return f"up to {high}"
    return f"{low}" if low == high else f"{low}–{high}"


class TollFigureQuerySet(CitedQuerySet):
    def contradicted(self):
        """Figures that another source's figure for the same incident and measure lies wholly above or below."""
        same = {"incident": OuterRef("incident"), "measure": OuterRef("measure")}
        others = TollFigure.objects.filter(**same).exclude(source=OuterRef("source"))
        return self.filter(
            Exists(others.filter(low__gt=OuterRef("high"))) | Exists(others.filter(high__lt=OuterRef("low")))
        )


class TollFigure(CitedRecord, models.Model):
    """One source's figure for the killed or injured in an incident, as a range."""

    class Measure(models.TextChoices):
        KILLED = "killed", "Killed"
        INJURED = "injured", "Injured"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="toll_figures")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="toll_figures")
    measure = models.CharField(max_length=10, choices=Measure.choices)
    low = models.PositiveIntegerField(null=True, blank=True, help_text="Lowest number the wording allows.")
    high = models.PositiveIntegerField(
        null=True, blank=True, help_text="Highest number the wording allows; empty when open-ended (“more than 100”)."
    )
    as_printed = models.CharField(max_length=200, help_text="The figure in the source's words (“more than 100”).")
    citations = GenericRelation("sources.Citation", related_query_name="toll_figure")

    history = HistoricalRecords()
    objects = TollFigureQuerySet.as_manager()

    class Meta:
        ordering = ["incident", "measure", "source"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=models.F("high")),
                name="toll_low_not_above_high",
            ),
        ]

    def __str__(self):
        return f"{self.as_printed} {self.measure} ({self.source_id})"

    def save(self, *args, **kwargs):
        moved_from = TollFigure.objects.filter(pk=self.pk).exclude(incident=self.incident_id).values("incident")
        incidents = [self.incident, *Incident.objects.filter(pk__in=moved_from)]
        super().save(*args, **kwargs)
        for incident in incidents:
            incident.update_tolls()

    def get_absolute_url(self):
        return f"{self.incident.get_absolute_url()}#toll-{self.pk}"

    def duplicates(self):
        """Other rows giving the same source's same figure for the same incident."""
        same = {"incident": self.incident_id, "source": self.source_id, "measure": self.measure}
        return TollFigure.objects.filter(**same, as_printed=self.as_printed).exclude(pk=self.pk)

    def contradicts(self, other):
        """Another source's figure whose range lies wholly above or below this one."""
        if other.source_id == self.source_id:
            return False
        above = other.low is not None and self.high is not None and other.low > self.high
        below = other.high is not None and self.low is not None and other.high < self.low
        return above or below

    @property
    def range_display(self):
        return describe_range(self.low, self.high)

    @property
    def claimed_by(self):
        """The party to the incident on whose own word alone the figure rests, or None.

        The codebook codes such a figure with the party as the speaker of every quote (the TTP's
        "57 killed"); a speaker is matched to the incident's actors by name or alias. Reads the
        incident's involvements, their actors' aliases and its citations as prefetched.
        """
        speakers = {citation.speaker.strip().casefold() for citation in self.fetched_citations()}
        if len(speakers) != 1 or "" in speakers:
            return None
        speaker = speakers.pop()
        for involvement in self.incident.involvements.all():
            names = {involvement.actor.name, *(alias.name for alias in involvement.actor.aliases.all())}
            if speaker in {name.casefold() for name in names}:
                return involvement.actor
        return None

    def clean(self):
        super().clean()
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValidationError({"low": f"The low figure ({self.low}) is above the high figure ({self.high})."})


@receiver(post_delete, sender=TollFigure)
def update_tolls_after_a_figure_goes(sender, instance, origin=None, **kwargs):
    """Also on queryset and cascade deletes, which bypass TollFigure.delete(); not when the incident goes too."""
    if getattr(origin, "model", type(origin)) is Incident:
        return
    incident = Incident.objects.filter(pk=instance.incident_id).first()
    if incident is not None:
        incident.update_tolls()
