"""FilterSets for actors and relationships, shared by the API and the HTML pages."""

import django_filters

from actors.models import Actor, Relationship
from conflict.filters import FuzzyDateFilter, OrderingFilter, SlugsFilter, cited_filter, updated_since_filter


class ActorFilterSet(django_filters.FilterSet):
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


class RelationshipFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Relationship.Kind.choices, label="Kind (repeat for several)")
    actor = SlugsFilter(queryset=Actor.objects.all(), method="filter_actor", label="Either side is this actor (slug)")
    subject = SlugsFilter(queryset=Actor.objects.all(), label="Subject (slug)")
    object = SlugsFilter(queryset=Actor.objects.all(), label="Object (slug)")
    status = django_filters.ChoiceFilter(choices=Relationship.Status.choices)
    date_from = FuzzyDateFilter(
        end="earliest", method="filter_date_from", label="May have held on or after this EDTF date"
    )
    date_to = FuzzyDateFilter(end="latest", method="filter_date_to", label="May have held on or before this EDTF date")
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

    def filter_date_from(self, queryset, name, day):
        return queryset.in_force_during(earliest=day)

    def filter_date_to(self, queryset, name, day):
        return queryset.in_force_during(latest=day)
