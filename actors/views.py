"""The site's actor pages (the list and the profile: who an actor is, its ties over time, its incidents and
its sources) and its relationship pages (the list, and each tie on every source's word)."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from actors.filtersets import ActorFilterSet, RelationshipFilterSet
from actors.models import Actor, Relationship
from events.models import Incident, Involvement
from sources.models import Citation

LIST_PAGE_SIZE = 100


class NetworkYearForm(forms.Form):
    year = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label="Network as it stood in", help_text="A year, e.g. 2015."
    )


def actor_list(request):
    filterset = ActorFilterSet(request.GET, queryset=Actor.objects.prefetch_related("aliases"), request=request)
    actors = filterset.qs if filterset.is_valid() else Actor.objects.none()
    return render(
        request,
        "actors/actor_list.html",
        {"filterset": filterset, "page": Paginator(actors, LIST_PAGE_SIZE).get_page(request.GET.get("page"))},
    )


def actor_detail(request, slug):
    actor = get_object_or_404(
        Actor.objects.prefetch_related("aliases", Prefetch("citations", queryset=Citation.objects.with_sources())),
        slug=slug,
    )
    relationships = Relationship.objects.involving(actor).with_attestations()
    year_form = NetworkYearForm(request.GET)
    year = year_form.cleaned_data["year"] if year_form.is_valid() else None
    in_force = list(
        relationships.in_force_during(datetime.date(year, 1, 1), datetime.date(year, 12, 31)) if year else relationships
    )
    first_incident, last_incident = actor.first_and_last_incidents()
    return render(
        request,
        "actors/actor_detail.html",
        {
            "actor": actor,
            "first_incident": first_incident,
            "last_incident": last_incident,
            "leaders_and_members": Relationship.objects.leaders_and_members_of(actor).select_related("subject"),
            "relationships": relationships.order_by("kind", "valid_from", "slug"),
            "year_form": year_form,
            "year": year,
            "years": relationships.years(),
            "network": network_graph(actor, in_force),
            "in_force": in_force,
            "incidents": actor.incidents.distinct()
            .select_related("place")
            .prefetch_related(
                Prefetch("involvements", queryset=Involvement.objects.filter(actor=actor).select_related("actor"))
            )
            .order_by(*Incident._meta.ordering),
            "sources": actor.sources(),
        },
    )


def relationship_list(request):
    filterset = RelationshipFilterSet(request.GET, queryset=Relationship.objects.with_attestations(), request=request)
    relationships = filterset.qs if filterset.is_valid() else Relationship.objects.none()
    return render(
        request,
        "actors/relationship_list.html",
        {
            "filterset": filterset,
            "page": Paginator(relationships, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


def relationship_detail(request, slug):
    relationship = get_object_or_404(Relationship.objects.with_attestations(), slug=slug)
    return render(
        request,
        "actors/relationship_detail.html",
        {
            "relationship": relationship,
            "attestations": relationship.attestations.all(),
            "other_ties": Relationship.objects.between(relationship.subject, relationship.object)
            .exclude(pk=relationship.pk)
            .select_related("subject", "object"),
        },
    )


def network_graph(actor, relationships):
    """Cytoscape elements: the actor, the actors tied to it, and one edge per tie."""
    nodes = {actor.pk: actor}
    for relationship in relationships:
        nodes[relationship.subject_id], nodes[relationship.object_id] = relationship.subject, relationship.object
    return {
        "nodes": [
            {
                "id": node.slug,
                "label": node.name,
                "kind": node.kind,
                "url": node.get_absolute_url(),
                "focus": node == actor,
            }
            for node in nodes.values()
        ],
        "edges": [
            {
                "id": relationship.slug,
                "source": relationship.subject.slug,
                "target": relationship.object.slug,
                "label": relationship.get_kind_display(),
                "strained": relationship.status == Relationship.Status.STRAINED,
            }
            for relationship in relationships
        ],
    }
