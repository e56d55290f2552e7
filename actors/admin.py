from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse

from conflict.admin import RecordAdmin, merge_two_selected
from sources.admin import CitationInline, NeedsSourceFilter

from .models import Actor, Alias, Relationship, RelationshipAttestation


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


class ActorMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Actor.objects.all(),
        label="Keep",
        help_text="The actor the others are merged into: one of those selected, or any other.",
    )


@admin.register(Actor)
class ActorAdmin(RecordAdmin):
    list_display = ["name", "kind", "slug", "alias_list"]
    list_filter = [NeedsSourceFilter, "kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RelationshipInline, InverseRelationshipInline, CitationInline]
    actions = ["merge_actors"]

    # Merging loses nothing (it is all in history), so it needs change, not delete, permission.
    @admin.action(description="Merge selected actors into one", permissions=["change"])
    def merge_actors(self, request, queryset):
        form = ActorMergeForm(request.POST if "post" in request.POST else None, initial={"target": queryset.first()})
        if form.is_valid():
            target = form.cleaned_data["target"]
            duplicates = [actor for actor in queryset if actor.pk != target.pk]
            if not duplicates:
                self.message_user(request, f"Nothing to merge: select actors other than “{target}”.", messages.WARNING)
                return None
            with transaction.atomic():
                for actor in duplicates:
                    actor.merge_into(target)
            merged = ", ".join(f"“{actor}”" for actor in duplicates)
            self.message_user(request, f"Merged {merged} into “{target}”.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "opts": self.model._meta,
            "actors": queryset.annotate(
                alias_count=Count("aliases", distinct=True),
                relationship_count=Count("relationships_as_subject", distinct=True)
                + Count("relationships_as_object", distinct=True),
                role_count=Count("involvements", distinct=True),
                accusation_count=Count("accusations_made", distinct=True),
                citation_count=Count("citations", distinct=True),
            ),
            "form": form,
            "media": self.media + form.media,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/actors/actor/merge_confirmation.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, actor):
        return ", ".join(alias.name for alias in actor.aliases.all())


@admin.register(Alias)
class AliasAdmin(RecordAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]


class AttestationInline(admin.TabularInline):
    model = RelationshipAttestation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "start", "end", "attested", "status", "support", "date_note", "note"]


@admin.register(Relationship)
class RelationshipAdmin(RecordAdmin):
    list_display = ["subject", "kind", "object", "status", "start", "end", "attested"]
    list_filter = [NeedsSourceFilter, "kind", "status"]
    search_fields = ["slug", "subject__name", "subject__aliases__name", "object__name", "object__aliases__name"]
    autocomplete_fields = ["subject", "object"]
    readonly_fields = ["valid_from", "valid_until"]
    actions = ["merge_relationships"]

    @admin.action(description="Merge two selected records of one tie into the older", permissions=["change"])
    def merge_relationships(self, request, queryset):
        merge_two_selected(self, request, queryset)

    list_select_related = ["subject", "object"]
    inlines = [AttestationInline, CitationInline]
