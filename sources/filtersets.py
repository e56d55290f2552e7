"""FilterSets for sources and citations, shared by the API and the HTML pages."""

import django_filters
from django.db.models import Q

from conflict.filters import FuzzyDateFilter, OrderingFilter, SlugsFilter, updated_since_filter
from sources.models import RECORD_TYPE_CHOICES, Citation, Source


class SourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Title, publisher or author contains")
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices, label="Kind (repeat for several)")
    publisher = django_filters.CharFilter(lookup_expr="icontains", label="Publisher contains")
    published_from = FuzzyDateFilter(
        end="earliest",
        field_name="published_latest",
        lookup_expr="gte",
        label="May have been published on or after this EDTF date",
    )
    published_to = FuzzyDateFilter(
        end="latest",
        field_name="published_earliest",
        lookup_expr="lte",
        label="May have been published on or before this EDTF date",
    )
    cites = SlugsFilter(queryset=Source.objects.all(), label="Cites this source (slug)")
    updated_since = updated_since_filter()
    ordering = OrderingFilter(
        fields=[("published_earliest", "published"), ("title", "title"), ("slug", "slug"), ("updated", "updated")]
    )

    class Meta:
        model = Source
        fields = []

    def filter_search(self, queryset, name, text):
        return queryset.filter(Q(title__icontains=text) | Q(publisher__icontains=text) | Q(author__icontains=text))


class CitationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="quote", lookup_expr="icontains", label="Quote contains")
    source = SlugsFilter(queryset=Source.objects.all(), label="Quoted from this source (slug)")
    via = SlugsFilter(queryset=Source.objects.all(), label="Relays this cited source (slug)")
    speaker = django_filters.CharFilter(lookup_expr="icontains", label="Speaker contains")
    record_type = django_filters.MultipleChoiceFilter(
        field_name="content_type__model", choices=RECORD_TYPE_CHOICES, label="Type of the record supported"
    )
    updated_since = updated_since_filter()
    ordering = OrderingFilter(fields=[("source__slug", "source"), ("start", "start"), "id", "updated"])

    class Meta:
        model = Citation
        fields = []
