from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.html import format_html

from conflict.admin import RecordAdmin

from .models import Citation, Reference, Source


class QuoteInContext:
    """Shows a saved quote inside the passage it comes from, so the editor can check its sense."""

    @admin.display(description="in its source")
    def quote_in_context(self, citation):
        passage = citation.in_context()
        if passage is None:
            return "Shown once the quote is saved and found in the source."
        return format_html(
            '<span class="quote-in-context">{}<mark>{}</mark>{}</span>',
            passage["before"],
            passage["quote"],
            passage["after"],
        )


class NeedsSourceFilter(admin.SimpleListFilter):
    """Lists the records no citation supports yet, so that editors can find them a source."""

    title = "source"
    parameter_name = "needs_source"

    def lookups(self, request, model_admin):
        return [("yes", "Needs a source"), ("no", "Cited")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.with_cited().filter(cited=self.value() == "no")
        return queryset


class CitationInline(QuoteInContext, GenericTabularInline):
    """Citations supporting the record being edited; shared by every admin that has them."""

    model = Citation
    extra = 0
    fields = ["source", "quote", "speaker", "via", "start", "quote_in_context"]
    readonly_fields = ["start", "quote_in_context"]
    autocomplete_fields = ["source", "via"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class ReferenceInline(admin.TabularInline):
    model = Reference
    fk_name = "citing"
    extra = 0
    autocomplete_fields = ["cited"]


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = ["title", "publisher", "author", "published", "kind"]
    list_filter = ["kind", "publisher"]
    search_fields = ["slug", "title", "publisher", "author"]
    readonly_fields = ["published_earliest", "published_latest"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline]


@admin.register(Reference)
class ReferenceAdmin(RecordAdmin):
    list_display = ["citing", "cited", "note"]
    search_fields = ["citing__title", "cited__title"]
    autocomplete_fields = ["citing", "cited"]


@admin.register(Citation)
class CitationAdmin(QuoteInContext, RecordAdmin):
    list_display = ["short_quote", "source", "speaker", "content_type", "object_id"]
    list_filter = ["content_type", "source"]
    search_fields = ["quote", "speaker", "source__title"]
    autocomplete_fields = ["source", "via"]
    fields = ["source", "quote", "quote_in_context", "start", "end", "speaker", "via", "content_type", "object_id"]
    readonly_fields = ["start", "end", "quote_in_context"]
    list_select_related = ["source", "content_type"]

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote[:80]
