"""Filters shared by the FilterSets of every app (and so by the API and the HTML pages alike)."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from conflict import fuzzydates


class FuzzyDateField(forms.CharField):
    """An EDTF date (2022, 2022-04, 2022-04-05, 2022-21, ...) cleaned to the first or last day it can mean."""

    def __init__(self, *, end, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        earliest, latest = fuzzydates.bounds(text)
        return earliest if self.end == "earliest" else latest


@extend_schema_field(OpenApiTypes.STR)
class FuzzyDateFilter(django_filters.Filter):
    """Takes an EDTF date: a range's start uses its earliest day (end="earliest"), its end the latest."""

    field_class = FuzzyDateField


class CountFilter(django_filters.NumberFilter):
    """A whole number of people, never negative."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)


class RecordsField(django_filters.fields.ModelMultipleChoiceField):
    """Cleans to a list, so that none chosen is an empty value that filter methods are not called for."""

    def clean(self, value):
        return list(super().clean(value))


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Records named by slug; repeat the parameter for several (?actor=ttp&actor=jamaat-ul-ahrar)."""

    field_class = RecordsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, record):
        return {self.field_name: record}


class IdsField(RecordsField):
    """Ids outside what a database integer holds are refused as invalid, not passed to the database to overflow."""

    def clean(self, value):
        for text in value or []:
            if str(text).lstrip("-").isdigit() and not 0 < int(text) < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text}
                )
        return super().clean(value)


@extend_schema_field(OpenApiTypes.INT)
class IdsFilter(SlugsFilter):
    """Records named by id; repeat the parameter for several."""

    field_class = IdsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "pk")
        super().__init__(*args, **kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """Orders by the fields asked for, then by id, so that pages never share or skip a record on ties."""

    def filter(self, queryset, value):
        queryset = super().filter(queryset, value)
        return queryset.order_by(*queryset.query.order_by, "pk") if value else queryset


def updated_since_filter():
    return django_filters.DateTimeFilter(
        field_name="updated",
        lookup_expr="gte",
        label="Changed at or after this moment (ISO 8601: 2024-05-01 or 2024-05-01T00:00:00Z): for incremental sync.",
    )
