"""FilterSets for actors and relationships, shared by the API and the HTML pages."""

import django_filters

from actors.models import Actor, Relationship
from conflict.filters import (
    FilterSet,
    OrderingFilter,
    SlugsFilter,
    cited_filter,
    date_range_filters,
    updated_since_filter,
)


class ActorFilterSet(FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Name or any alias contains")
    kind = django_filters.MultipleChoiceFilter(choices=Actor.Kind.choices, label="Kind (repeat for several)")
    related_to = SlugsFilter(
        queryset=Actor.objects.all(),
        method="filter_related_to",
        label="Has a relationship of any kind, either way, with this actor (slug)",
    )
    cited = cited_filter()
    updated_since = updated_since_filter()
    ordering = OrderingFilter(fields=["name", "kind", "slug", "updated"])

    class Meta:
        model = Actor
        fields = []

    def filter_search(self, queryset, name, text):
        return queryset.search(text)

    def filter_related_to(self, queryset, name, actors):
        return queryset.related_to(actors)


class RelationshipFilterSet(FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Relationship.Kind.choices, label="Kind (repeat for several)")
    actor = SlugsFilter(queryset=Actor.objects.all(), method="filter_actor", label="Either side is this actor (slug)")
    subject = SlugsFilter(queryset=Actor.objects.all(), label="Subject (slug)")
    object = SlugsFilter(queryset=Actor.objects.all(), label="Object (slug)")
    status = django_filters.ChoiceFilter(choices=Relationship.Status.choices)
    date_from, date_to, date_match = date_range_filters(what="may have held")
    cited = cited_filter()
    updated_since = updated_since_filter()
    ordering = OrderingFilter(
        fields=[("valid_from", "date"), ("kind", "kind"), ("slug", "slug"), ("updated", "updated")]
    )

    class Meta:
        model = Relationship
        fields = []

    def filter_actor(self, queryset, name, actors):
        return queryset.involving_any(actors)
