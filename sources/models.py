"""Sources (the articles and reports the data rests on) and citations (verbatim quotes from them)."""

import re

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from conflict import fuzzydates
from conflict.history import delete_with_reason, related_or_last_known, save_with_reason


def fold_space(text):
    return re.sub(r"\s+", " ", text).strip()


class Source(models.Model):
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

    class Meta:
        ordering = ["published_earliest", "slug"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.published_earliest, self.published_latest = fuzzydates.bounds_or_none(self.published)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.slug])

    @property
    def published_display(self):
        return fuzzydates.describe(self.published)

    def clean(self):
        super().clean()
        self.published_earliest, self.published_latest = fuzzydates.bounds_or_none(self.published)

    def find_quote(self, quote):
        """Where `quote` starts and ends in the text, white space aside; None if it is not there."""
        words = fold_space(quote).split(" ")
        if not words or not words[0]:
            return None
        pattern = r"\s+".join(re.escape(word) for word in words)
        match = re.search(pattern, self.text)
        return (match.start(), match.end()) if match else None

    def passages(self, citations=None):
        """The text cut into passages, each with the located citations (default: all of its own) quoting it.

        Overlapping quotes merge into one passage citing all of them, so that every character is
        shown once; a passage without citations is plain text.
        """
        citations = self.citations.all() if citations is None else citations
        located = sorted(
            (citation for citation in citations if citation.start is not None and citation.end is not None),
            key=lambda citation: (citation.start, citation.end),
        )
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
        null=True, blank=True, help_text="Character offset of the quote in the source text; filled in on save."
    )
    end = models.PositiveIntegerField(null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    updated = models.DateTimeField(auto_now=True)

    objects = CitationQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["source", "start", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_record_idx")]

    def __str__(self):
        return f"“{self.quote[:60]}” ({related_or_last_known(self, 'source').slug})"

    def save(self, *args, **kwargs):
        # Recomputed on every save: an edited quote must not keep the old quote's position.
        if self.source_id is not None:
            self.start, self.end = self.source.find_quote(self.quote) or (None, None)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.source.get_absolute_url()}#citation-{self.pk}"

    def clean(self):
        super().clean()
        if self.source_id is None:
            return
        position = self.source.find_quote(self.quote)
        if position is None:
            raise ValidationError(
                {"quote": f"This quote is not found verbatim (white space aside) in the text of “{self.source}”."}
            )
        self.start, self.end = position

    def in_context(self, margin=150):
        """The quoted passage with up to `margin` characters of the source text either side."""
        if self.start is None or self.end is None:
            return None
        text = self.source.text
        before_start = max(0, self.start - margin)
        after_end = min(len(text), self.end + margin)
        return {
            "before": ("…" if before_start else "") + text[before_start : self.start],
            "quote": text[self.start : self.end],
            "after": text[self.end : after_end] + ("…" if after_end < len(text) else ""),
        }
