from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .models import Citation, Reference, Source


class CitationInline(GenericTabularInline):
    """Citations supporting the record being edited; shared by every admin that has them."""

    model = Citation
    extra = 0
    fields = ["source", "quote", "speaker", "via", "start"]
    readonly_fields = ["start"]
    autocomplete_fields = ["source", "via"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    fk_name = "citing"
    extra = 0
    autocomplete_fields = ["cited"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "author", "published", "kind"]
    list_filter = ["kind", "publisher"]
    search_fields = ["slug", "title", "publisher", "author"]
    readonly_fields = ["published_earliest", "published_latest"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline]


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["citing", "cited", "note"]
    search_fields = ["citing__title", "cited__title"]
    autocomplete_fields = ["citing", "cited"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["short_quote", "source", "speaker", "content_type", "object_id"]
    list_filter = ["content_type", "source"]
    search_fields = ["quote", "speaker", "source__title"]
    autocomplete_fields = ["source", "via"]
    readonly_fields = ["start", "end"]
    list_select_related = ["source", "content_type"]

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote[:80]
