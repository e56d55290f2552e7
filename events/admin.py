from django.contrib import admin

from conflict.admin import RecordAdmin, merge_two_selected
from sources.admin import CitationInline, NeedsSourceFilter

from .models import Crossing, Incident, Involvement, Place, TollFigure


class InvolvementInline(admin.TabularInline):
    model = Involvement
    fk_name = "incident"
    extra = 1
    autocomplete_fields = ["actor", "accused_by"]
    # A role's own citations are entered on its page: inlines do not nest.
    show_change_link = True


class TollFigureInline(admin.TabularInline):
    model = TollFigure
    extra = 0
    autocomplete_fields = ["source"]
    show_change_link = True


@admin.register(Place)
class PlaceAdmin(RecordAdmin):
    list_display = ["name", "kind", "parent", "latitude", "longitude", "precision"]
    list_filter = ["kind", "precision"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]
    inlines = [CitationInline]


@admin.register(Crossing)
class CrossingAdmin(RecordAdmin):
    list_display = ["name", "place", "pakistan_province", "afghanistan_province"]
    list_filter = [NeedsSourceFilter]
    search_fields = ["name", "slug"]
    autocomplete_fields = [
        "place",
        "pakistan_province",
        "pakistan_district",
        "afghanistan_province",
        "afghanistan_district",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Incident)
class IncidentAdmin(RecordAdmin):
    list_display = ["title", "date", "kind", "place", "crossing", "killed_min", "killed_max"]
    list_filter = [NeedsSourceFilter, "kind", "crossing", "date_earliest"]
    search_fields = ["title", "slug", "summary", "involvements__actor__name", "involvements__actor__aliases__name"]
    autocomplete_fields = ["place", "crossing"]
    readonly_fields = [
        "date_display",
        "date_earliest",
        "date_latest",
        "killed_min",
        "killed_max",
        "injured_min",
        "injured_max",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (
            "When",
            {
                "fields": ["date", "date_display", "date_earliest", "date_latest", "date_note"],
                "description": "The earliest and latest days are derived from the EDTF date when it is saved.",
            },
        ),
        ("Where", {"fields": ["place", "crossing"]}),
        (
            "Toll",
            {
                "fields": [("killed_min", "killed_max"), ("injured_min", "injured_max")],
                "description": "Derived from the figures each source gives, below.",
            },
        ),
    ]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["place", "crossing"]
    date_hierarchy = "date_earliest"
    inlines = [InvolvementInline, TollFigureInline, CitationInline]
    actions = ["merge_incidents"]

    # Merging loses nothing (it is all in history), so it needs change, not delete, permission.
    @admin.action(
        description="Merge two selected incidents (one event recorded twice) into the older", permissions=["change"]
    )
    def merge_incidents(self, request, queryset):
        merge_two_selected(self, request, queryset)


@admin.register(Involvement)
class InvolvementAdmin(RecordAdmin):
    list_display = ["incident", "actor", "role", "accused_by"]
    list_filter = [NeedsSourceFilter, "role"]
    search_fields = ["incident__title", "actor__name", "actor__aliases__name"]
    autocomplete_fields = ["incident", "actor", "accused_by"]
    list_select_related = ["incident", "actor", "accused_by"]
    inlines = [CitationInline]


@admin.register(TollFigure)
class TollFigureAdmin(RecordAdmin):
    list_display = ["incident", "measure", "as_printed", "low", "high", "source"]
    list_filter = [NeedsSourceFilter, "measure", "source"]
    search_fields = ["incident__title", "as_printed"]
    autocomplete_fields = ["incident", "source"]
    list_select_related = ["incident", "source"]
    inlines = [CitationInline]
