"""The site's actor pages (the list and the profile: who an actor is, its ties over time, its incidents and
its sources) and its relationship pages (the list, and each tie on every source's word)."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from actors.filtersets import ActorFilterSet, RelationshipFilterSet
from actors.models import Actor, Relationship
from actors.network import legend, network_graph
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
    relationships = Relationship.objects.involving(actor).with_attestations().with_cited()
    year_form = NetworkYearForm(request.GET)
    year = year_form.cleaned_data["year"] if year_form.is_valid() else None
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
            **network_context(relationships, year, focus=actor),
            # Every role in each, as the timeline lists them: a toll's party-claim mark reads them all.
            "incidents": actor.incidents.distinct().select_related("place").with_toll_claims().in_timeline_order(),
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
            "attestations": relationship.attestations_by_source(),
            "other_ties": Relationship.objects.between(relationship.subject, relationship.object)
            .exclude(pk=relationship.pk)
            .select_related("subject", "object"),
        },
    )


class FieldNetworkForm(NetworkYearForm):
    kind = forms.MultipleChoiceField(
        choices=Actor.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of actor",
        help_text="None ticked: every kind.",
    )


def field_network(request):
    """Every actor of the kinds chosen and the ties among them, all years or one."""
    form = FieldNetworkForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"kind": [], "year": None}
    actors = Actor.objects.filter(kind__in=data["kind"]) if data["kind"] else Actor.objects.all()
    relationships = Relationship.objects.filter(subject__in=actors, object__in=actors).select_related(
        "subject", "object"
    )
    return render(
        request,
        "actors/network.html",
        {"form": form, "actors": list(actors), **network_context(relationships, data["year"], actors=actors)},
    )


def network_context(relationships, year, actors=(), focus=None):
    """The network drawn (the ties of one year, or all), its legend, and its ties as text."""
    shown = list((relationships.in_year(year) if year else relationships).order_by("kind", "valid_from", "slug"))
    network = network_graph(shown, actors=actors, focus=focus)
    return {
        "year": year,
        "years": relationships.years(),
        "network": network,
        "legend": legend(network),
        "in_force": shown,
        "undated": list(relationships.undated().order_by("kind", "slug")) if year else [],
    }
