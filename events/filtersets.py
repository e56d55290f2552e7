"""FilterSets for places, crossings and incidents, shared by the API and the HTML pages."""

import django_filters

from actors.models import Actor
from conflict.filters import (
    CountFilter,
    FuzzyDateFilter,
    IdsFilter,
    OrderingFilter,
    SlugsFilter,
    cited_filter,
    updated_since_filter,
)
from events.models import Crossing, DateMatch, Incident, Involvement, Place
from sources.models import Source

PROVINCE_KINDS = [Place.Kind.PROVINCE, Place.Kind.REGION]


class PlaceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")
    kind = django_filters.MultipleChoiceFilter(choices=Place.Kind.choices, label="Kind (repeat for several)")
    parent = SlugsFilter(queryset=Place.objects.all(), label="Directly inside this place (slug)")
    within = SlugsFilter(
        queryset=Place.objects.all(), method="filter_within", label="This place or anywhere inside it (slug)"
    )
    has_coordinates = django_filters.BooleanFilter(
        field_name="latitude", lookup_expr="isnull", exclude=True, label="Has coordinates"
    )
    ordering = OrderingFilter(fields=["name", "kind", "slug"])

    class Meta:
        model = Place
        fields = []

    def filter_within(self, queryset, name, places):
        return queryset.inside(places)


class CrossingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")
    within = SlugsFilter(
        queryset=Place.objects.all(), method="filter_within", label="At this place or anywhere inside it (slug)"
    )
    cited = cited_filter()
    ordering = OrderingFilter(fields=["name", "slug"])

    class Meta:
        model = Crossing
        fields = []

    def filter_within(self, queryset, name, places):
        return queryset.filter(place__in=Place.objects.inside(places))


class IncidentFilterSet(django_filters.FilterSet):
    date_from = FuzzyDateFilter(
        end="earliest",
        label="Range start: EDTF date (2022, 2022-04, 2022-04-05); its earliest day counts",
    )
    date_to = FuzzyDateFilter(
        end="latest",
        label="Range end: EDTF date (2022, 2022-04, 2022-04-05); its latest day counts",
    )
    date_match = django_filters.ChoiceFilter(
        choices=DateMatch.choices,
        empty_label=None,
        label="overlap (default): the incident may fall in the range; within: it certainly does",
    )
    kind = django_filters.MultipleChoiceFilter(choices=Incident.Kind.choices, label="Kind (repeat for several)")
    actor = SlugsFilter(queryset=Actor.objects.all(), label="Actor (slug), in any role unless role is given")
    actor_id = IdsFilter(queryset=Actor.objects.all(), label="Actor (id)")
    role = django_filters.MultipleChoiceFilter(
        choices=Involvement.Role.choices, label="Role of the actor (or of anyone, without actor)"
    )
    include_factions = django_filters.BooleanFilter(
        label="Count the actor's factions, splinters and members (part of, faction of, splinter of, member of)"
    )
    country = SlugsFilter(
        queryset=Place.objects.filter(kind=Place.Kind.COUNTRY), method="filter_located_in", label="Country (slug)"
    )
    province = SlugsFilter(
        queryset=Place.objects.filter(kind__in=PROVINCE_KINDS),
        method="filter_located_in",
        label="Province or region (slug)",
    )
    district = SlugsFilter(
        queryset=Place.objects.filter(kind=Place.Kind.DISTRICT), method="filter_located_in", label="District (slug)"
    )
    place = SlugsFilter(
        queryset=Place.objects.all(), method="filter_located_in", label="This place or anywhere inside it (slug)"
    )
    crossing = SlugsFilter(queryset=Crossing.objects.all(), label="Border crossing (slug)")
    source = SlugsFilter(queryset=Source.objects.all(), method="filter_source", label="Supported by this source (slug)")
    killed_min = CountFilter(field_name="killed_min", lookup_expr="gte", label="At least this many killed (low figure)")
    killed_max = CountFilter(field_name="killed_max", lookup_expr="lte", label="At most this many killed (high figure)")
    q = django_filters.CharFilter(
        method="filter_search", label="Every word in a title, summary, actor name or alias, or quote"
    )
    cited = cited_filter()
    updated_since = updated_since_filter()
    ordering = OrderingFilter(
        fields=[
            ("date_earliest", "date"),
            ("killed_max", "killed"),
            ("title", "title"),
            ("kind", "kind"),
            ("updated", "updated"),
            ("slug", "slug"),
        ],
        label="Order by date, killed, title, kind, updated or slug (prefix - to reverse; comma for several)",
    )

    # These qualify one another, so filter_queryset() applies them together.
    DATE_PARAMETERS = ("date_from", "date_to", "date_match")
    INVOLVEMENT_PARAMETERS = ("actor", "actor_id", "role", "include_factions")

    class Meta:
        model = Incident
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        combined = {*self.DATE_PARAMETERS, *self.INVOLVEMENT_PARAMETERS}
        for name, value in data.items():
            if name not in combined:
                queryset = self.filters[name].filter(queryset, value)
        queryset = queryset.dated(data["date_from"], data["date_to"], match=data["date_match"] or DateMatch.OVERLAP)
        chosen = [*data["actor"], *data["actor_id"]]
        actors = Actor.objects.filter(pk__in=[actor.pk for actor in chosen]) if chosen else None
        return queryset.involving(actors, roles=data["role"], include_factions=bool(data["include_factions"]))

    def filter_located_in(self, queryset, name, places):
        return queryset.located_in(places)

    def filter_source(self, queryset, name, sources):
        return queryset.cited_by(sources)

    def filter_search(self, queryset, name, text):
        return queryset.search(text)
