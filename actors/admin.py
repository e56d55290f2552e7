from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.admin import CitationInline

from .models import Actor, Alias, Relationship


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class RelationshipInline(admin.TabularInline):
    model = Relationship
    fk_name = "subject"
    extra = 0
    fields = ["kind", "object", "status", "start", "end", "attested", "office", "slug"]
    autocomplete_fields = ["object"]
    verbose_name = "relationship (this actor is the subject)"


class InverseRelationshipInline(RelationshipInline):
    fk_name = "object"
    fields = ["subject", "kind", "status", "start", "end", "attested", "office", "slug"]
    autocomplete_fields = ["subject"]
    verbose_name = "relationship (this actor is the object)"


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RelationshipInline, InverseRelationshipInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, actor):
        return ", ".join(alias.name for alias in actor.aliases.all())


@admin.register(Alias)
class AliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]


@admin.register(Relationship)
class RelationshipAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "object", "status", "start", "end", "attested"]
    list_filter = ["kind", "status"]
    search_fields = ["slug", "subject__name", "subject__aliases__name", "object__name", "object__aliases__name"]
    autocomplete_fields = ["subject", "object"]
    readonly_fields = ["valid_from", "valid_until"]
    list_select_related = ["subject", "object"]
    inlines = [CitationInline]
