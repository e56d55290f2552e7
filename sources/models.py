"""Sources (the articles and reports the data rests on) and citations (verbatim quotes from them)."""

import functools
import operator
from typing import NamedTuple

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from conflict import fuzzydates
from conflict.history import delete_with_reason, related_or_last_known, save_with_reason
from sources import quotes


class CitedRecordType(NamedTuple):
    model: str  # "app_label.ModelName"
    label: str
    label_needs: tuple = ()  # related rows its label (str) reads, fetched with it


# The kinds of record a citation may support, by model name: declared here once and read by the
# model's validation, the filters, the serializers and the pages.
CITED_RECORD_TYPES = {
    "actor": CitedRecordType("actors.Actor", "Actor"),
    "relationship": CitedRecordType("actors.Relationship", "Relationship", ("subject", "object")),
    "place": CitedRecordType("events.Place", "Place"),
    "crossing": CitedRecordType("events.Crossing", "Crossing"),
    "incident": CitedRecordType("events.Incident", "Incident"),
    "involvement": CitedRecordType(
        "events.Involvement", "Involvement (an actor's role in an incident)", ("incident", "actor")
    ),
    "tollfigure": CitedRecordType("events.TollFigure", "Toll figure", ("incident",)),
    "source": CitedRecordType("sources.Source", "Source (a fact about the source itself)"),
}
RECORD_TYPE_CHOICES = [(name, record_type.label) for name, record_type in CITED_RECORD_TYPES.items()]


def cited_record_model(name):
    """The model of a record type citations may support ("actor" -> Actor); LookupError for any other."""
    return apps.get_model(CITED_RECORD_TYPES[name].model)


class CitedQuerySet(models.QuerySet):
    """Records citations support: `cited` tells those with at least one from those with no source yet."""

    def with_cited(self):
        citations = Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return self.annotate(cited=Exists(citations))


class CitedRecord:
    """A record citations support; `is_cited` is False while none does ("no source yet")."""

    @property
    def is_cited(self):
        if "cited" in self.__dict__:  # annotated by CitedQuerySet.with_cited()
            return self.cited
        return bool(self.fetched_citations())

    def fetched_citations(self):
        """Its citations, as prefetch_citations() fetched them where a list did so."""
        if PREFETCHED_CITATIONS in self.__dict__:
            return self.__dict__[PREFETCHED_CITATIONS]
        return self.citations.all()


class Source(fuzzydates.FuzzyDated):
    """An article or report, with its archived text so that quotes from it can be checked."""

    class Kind(models.TextChoices):
        NEWS = "news", "News report"
        ANALYSIS = "analysis", "Analysis or commentary"
        REPORT = "report", "Report"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=120, unique=True, help_text="Stable identifier used in URLs and fixtures.")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    publisher = models.CharField(max_length=200, blank=True, help_text="As printed; blank when the text names none.")
    author = models.CharField(max_length=200, blank=True, help_text="As printed; blank when the text names none.")
    url = models.URLField(blank=True, max_length=500)
    published = models.CharField(
        max_length=60,
        blank=True,
        validators=[fuzzydates.validate_edtf],
        help_text="Publication date in EDTF, as precise as known (e.g. 2023-03-12, 2017-10, 2014-21).",
    )
    published_earliest = models.DateField(null=True, blank=True, editable=False)
    published_latest = models.DateField(null=True, blank=True, editable=False)
    published_note = models.TextField(
        blank=True, help_text="How the publication date was established when the source does not print it."
    )
    curation_note = models.TextField(
        blank=True,
        help_text="What the curators left out of this source and why (events without a date, for example).",
    )
    text = models.TextField(blank=True, help_text="The full text as archived; quotes are checked against it.")
    cites = models.ManyToManyField(
        "self",
        through="Reference",
        symmetrical=False,
        related_name="cited_by",
        blank=True,
        help_text="Sources this one cites (its numbered notes, for example).",
    )
    # Quotes supporting facts about the source itself (its date, its author), so that deleting it
    # lists them instead of leaving them pointing at nothing.
    record_citations = GenericRelation("Citation", related_query_name="source_record")
    updated = models.DateTimeField(auto_now=True)

    # The save time is the history date already; a diff of it on every line is noise.
    history = HistoricalRecords(excluded_fields=["updated"])

    DATE_BOUNDS = ("published_earliest", "published_latest")
    EDTF_FIELD = "published"
    objects = fuzzydates.FuzzyDateQuerySet.as_manager()

    class Meta:
        ordering = ["published_earliest", "slug"]
        indexes = [models.Index(fields=["updated"], name="source_updated_idx")]

    def __str__(self):
        return self.title

    def save(self, **kwargs):
        with transaction.atomic():
            text_changed = Source.objects.filter(pk=self.pk).exclude(text=self.text).exists()
            super().save(**kwargs)
            if text_changed:
                self.relocate_citations()

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.slug])

    def relocate_citations(self):
        """Find every quote from it again in its (changed) text; refuse the change if one is gone."""
        self.check_quotes_still_in_text()
        for citation in self.citations.all():
            if (citation.start, citation.end) != self.find_quote(citation.quote):
                citation.source = self
                citation.save()

    def check_quotes_still_in_text(self):
        if self.pk is None:
            return
        lost = [citation.quote for citation in self.citations.all() if self.find_quote(citation.quote) is None]
        if lost:
            quotes = "; ".join(f"“{quote[:80]}”" for quote in lost)
            raise ValidationError({"text": f"Quotes cited from this source are no longer in its text: {quotes}"})

    @property
    def published_display(self):
        return fuzzydates.describe(self.published)

    def clean(self):
        super().clean()
        self.check_quotes_still_in_text()

    def find_quote(self, quote):
        """Where `quote` starts and ends in the text, white space aside; None if it is not there."""
        return quotes.find(quote, self.text)

    def passages(self, citations=None):
        """The text cut into passages, each with the citations (default: all of its own) quoting it.

        Overlapping quotes merge into one passage citing all of them, so that every character is
        shown once; a passage without citations is plain text.
        """
        citations = self.citations.all() if citations is None else citations
        located = sorted(citations, key=lambda citation: (citation.start, citation.end))
        passages, position = [], 0
        for citation in located:
            if passages and passages[-1]["citations"] and citation.start < passages[-1]["end"]:
                passages[-1]["citations"].append(citation)
                passages[-1]["end"] = max(passages[-1]["end"], citation.end)
                continue
            passages.append({"end": citation.start, "citations": []})
            passages.append({"end": citation.end, "citations": [citation]})
        passages.append({"end": len(self.text), "citations": []})
        for passage in passages:
            passage["text"], position = self.text[position : passage["end"]], passage["end"]
        return [passage for passage in passages if passage["text"]]


def group_by_record(citations):
    """[(record, [citation, ...]), ...]: each record the citations support, once, in the order first cited."""
    records = {}
    for citation in citations:
        if citation.record is not None:
            records.setdefault((citation.content_type_id, citation.object_id), (citation.record, []))[1].append(
                citation
            )
    return list(records.values())


class Reference(models.Model):
    """One source citing another, with the note number(s) under which it does so."""

    citing = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="references")
    cited = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="referenced_by", help_text="Protected: other sources rely on it."
    )
    note = models.CharField(max_length=40, blank=True, help_text="Note number(s) in the citing source, e.g. “5, 8”.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["citing", "id"]
        constraints = [
            models.UniqueConstraint(fields=["citing", "cited"], name="reference_unique_pair"),
            models.CheckConstraint(condition=~models.Q(citing=models.F("cited")), name="reference_not_self"),
        ]

    def __str__(self):
        return f"{related_or_last_known(self, 'citing')} cites {related_or_last_known(self, 'cited')}"


class CitationQuerySet(models.QuerySet):
    def with_sources(self):
        return self.select_related("source", "via")

    def with_records(self):
        """Fetch the records these citations support, one query per record type, with what their labels name."""
        querysets = [
            cited_record_model(name).objects.select_related(*record_type.label_needs)
            for name, record_type in CITED_RECORD_TYPES.items()
        ]
        return self.prefetch_related(GenericPrefetch("record", querysets))

    def summaries(self):
        """With their sources, less the sources' texts (which a summary does not show)."""
        return self.with_sources().defer("source__text", "via__text")

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def move_to(self, record, reason):
        """Attach these citations to `record` instead, dropping any it already has (same source and quote)."""
        for citation in self:
            if self.model.objects.for_record(record).filter(source=citation.source_id, quote=citation.quote).exists():
                delete_with_reason(citation, reason)
            else:
                citation.record = record
                save_with_reason(citation, reason)


class Citation(models.Model):
    """A verbatim quote from a source, supporting one record (an actor, incident, role, ...)."""

    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text="Protected: a source cannot go while records rest on it.",
    )
    quote = models.TextField(help_text="Copied verbatim from the source's text (white space may differ).")
    speaker = models.CharField(
        max_length=300, blank=True, help_text="Whose words the quote reports, when it reports someone's words."
    )
    via = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relayed_citations",
        help_text="The source the passage itself credits (a numbered note), if any.",
    )
    start = models.PositiveIntegerField(
        editable=False, help_text="Character offset of the quote in the source text; found on every save."
    )
    end = models.PositiveIntegerField(editable=False)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        limit_choices_to=functools.reduce(
            operator.or_,
            (
                Q(app_label=record_type.model.split(".")[0], model=name)
                for name, record_type in CITED_RECORD_TYPES.items()
            ),
        ),
    )
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    updated = models.DateTimeField(auto_now=True)

    objects = CitationQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["source", "start", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="citation_record_idx"),
            # The latest change of anything, for ETag and Last-Modified (conflict/conditional.py).
            models.Index(fields=["updated"], name="citation_updated_idx"),
        ]
        constraints = [
            # With start and end required, no citation is stored without its place in the text.
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="citation_position_in_text"),
        ]

    def __str__(self):
        return f"“{self.quote[:60]}” ({related_or_last_known(self, 'source').slug})"

    def save(self, *args, **kwargs):
        # Checked on every save, whoever saves: an invented quote is refused, an edited one moves.
        self.check_record_type()
        self.locate()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.source.get_absolute_url()}#citation-{self.pk}"

    def clean_fields(self, exclude=None):
        # The position is derived (clean() and save() find it), never entered.
        super().clean_fields(exclude={*(exclude or ()), "start", "end"})

    def clean(self):
        super().clean()
        self.check_record_type()
        if self.source_id is not None:
            self.locate()

    def check_record_type(self):
        if (
            self.content_type_id
            and ContentType.objects.get_for_id(self.content_type_id).model not in CITED_RECORD_TYPES
        ):
            kinds = ", ".join(CITED_RECORD_TYPES)
            raise ValidationError({"content_type": f"A citation supports one of these kinds of record: {kinds}."})

    def locate(self):
        """Set start and end from where the quote is in its source's text; ValidationError if it is not there."""
        position = self.source.find_quote(self.quote)
        if position is None:
            raise ValidationError(
                {"quote": f"This quote is not found verbatim (white space aside) in the text of “{self.source}”."}
            )
        self.start, self.end = position

    def in_context(self, margin=150):
        """The quoted passage with up to `margin` characters of the source text either side."""
        if self.start is None:
            return None  # a quote being entered, not found yet
        text = self.source.text
        before_start = max(0, self.start - margin)
        after_end = min(len(text), self.end + margin)
        return {
            "before": ("…" if before_start else "") + text[before_start : self.start],
            "quote": text[self.start : self.end],
            "after": text[self.end : after_end] + ("…" if after_end < len(text) else ""),
        }


def prefetch_citations(path=""):
    """A Prefetch of the citations of the records at `path` (e.g. "involvements__"), with their sources,
    into `prefetched_citations`: one query per path, whatever the number of records. Unlike a plain
    prefetch of the generic relation, it builds no queryset per record."""
    return models.Prefetch(f"{path}citations", queryset=Citation.objects.summaries(), to_attr=PREFETCHED_CITATIONS)


PREFETCHED_CITATIONS = "prefetched_citations"
