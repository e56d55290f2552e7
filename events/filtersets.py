"""FilterSets for places, crossings and incidents, shared by the API and the HTML pages."""

import django_filters

from actors.models import Actor
from conflict.filters import (
    CountFilter,
    FilterSet,
    IdsFilter,
    OrderingFilter,
    SlugsFilter,
    SlugsInput,
    cited_filter,
    date_range_filters,
    updated_since_filter,
)
from events.models import Crossing, Incident, Involvement, Place
from sources.models import Source

PROVINCE_KINDS = Place.PROVINCE_KINDS


class PlaceFilterSet(FilterSet):
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


class CrossingFilterSet(FilterSet):
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


class IncidentFilterSet(FilterSet):
    date_from, date_to, date_match = date_range_filters(what="may fall")
    # A column of the incident itself: no join, so no duplicates to remove with a SELECT DISTINCT.
    kind = django_filters.MultipleChoiceFilter(
        choices=Incident.Kind.choices, distinct=False, label="Kind (repeat for several)"
    )
    # A select the type-ahead picker enhances (a plain select without JavaScript).
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
        queryset=Place.objects.all(),
        method="filter_located_in",
        widget=SlugsInput,
        label="This place or anywhere inside it (slug)",
    )
    crossing = SlugsFilter(queryset=Crossing.objects.all(), distinct=False, label="Border crossing (slug)")
    source = SlugsFilter(
        queryset=Source.objects.all(),
        method="filter_source",
        widget=SlugsInput,
        label="Supported by this source (slug)",
    )
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
    INVOLVEMENT_PARAMETERS = ("actor", "actor_id", "role", "include_factions")

    class Meta:
        model = Incident
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in self.INVOLVEMENT_PARAMETERS:
                queryset = self.filters[name].filter(queryset, value)
        chosen = [*data["actor"], *data["actor_id"]]
        actors = Actor.objects.filter(pk__in=[actor.pk for actor in chosen]) if chosen else None
        queryset = queryset.involving(actors, roles=data["role"], include_factions=bool(data["include_factions"]))
        filtering = any(value not in (None, "", []) for name, value in data.items() if name != "ordering")
        return queryset.sorted_after_filtering() if filtering else queryset

    def filter_located_in(self, queryset, name, places):
        return queryset.located_in(places)

    def filter_source(self, queryset, name, sources):
        return queryset.cited_by(sources)

    def filter_search(self, queryset, name, text):
        return queryset.search(text)

    def filter_queryset_without(self, queryset, *names):
        """The queryset filtered by every filter but these, from the values already cleaned: a
        facet's counts say what choosing another value of its own filter would give."""
        data = self.form.cleaned_data
        self.form.cleaned_data = {
            name: ([] if isinstance(value, list) else None) if name in names else value for name, value in data.items()
        }
        try:
            return self.filter_queryset(queryset)
        finally:
            self.form.cleaned_data = data
