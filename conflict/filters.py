"""The base FilterSet and the filters shared by every app's FilterSets (and so by the API and the
HTML pages alike)."""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from conflict import fuzzydates

# Query parameters that lists take besides their filters: pages, export formats, sync cursors.
PAGING_PARAMETERS = {"page", "page_size", "format", "cursor"}


class UnknownParametersRefused:
    """A filter form that names every query parameter it does not know as an error, so that a
    mistyped filter (?actors=ttp) is not silently ignored and all records shown as if filtered."""

    def clean(self):
        cleaned_data = super().clean()
        known = {*self.fields, *PAGING_PARAMETERS}
        for name in sorted(set(self.data) - known):
            self.errors[name] = self.error_class(
                [f"Unknown parameter. The filters here are: {', '.join(sorted(self.fields))}."]
            )
        return cleaned_data


class FilterSet(django_filters.FilterSet):
    """The base of every list's FilterSet."""

    def get_form_class(self):
        form = super().get_form_class()
        return type(form.__name__, (UnknownParametersRefused, form), {})


class FuzzyDateField(forms.CharField):
    """An EDTF date (2022, 2022-04, 2022-04-05, 2022-21, ...) cleaned to the first or last day it can mean."""

    def __init__(self, *, end, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            earliest, latest = fuzzydates.bounds(text)
        except ValidationError as error:
            # django-filter's API errors apply `message % params` again: a "%" typed in the date must survive.
            raise ValidationError([message.replace("%", "%%") for message in error.messages]) from None
        return earliest if self.end == "earliest" else latest


@extend_schema_field(OpenApiTypes.STR)
class FuzzyDateFilter(django_filters.Filter):
    """Takes an EDTF date: a range's start uses its earliest day (end="earliest"), its end the latest.
    It filters nothing alone: the DateMatchFilter of its pair applies both ends together."""

    field_class = FuzzyDateField

    def filter(self, queryset, value):
        return queryset


class DateMatchFilter(django_filters.ChoiceFilter):
    """overlap (the default) or within: applies the pair of date filters named `start` and `end`."""

    def __init__(self, *, start, end, **kwargs):
        self.start, self.end = start, end
        super().__init__(choices=fuzzydates.DateMatch.choices, empty_label=None, **kwargs)

    def filter(self, queryset, value):
        data = self.parent.form.cleaned_data
        return queryset.dated(data[self.start], data[self.end], match=value or fuzzydates.DateMatch.OVERLAP)


def date_range_filters(start="date_from", end="date_to", what="may fall"):
    """The filters by fuzzy date of every list: a range's start and end, and how a date must match it."""
    return (
        FuzzyDateFilter(
            end="earliest", label="Range start: EDTF date (2022, 2022-04, 2022-04-05); its earliest day counts"
        ),
        FuzzyDateFilter(end="latest", label="Range end: EDTF date (2022, 2022-04, 2022-04-05); its latest day counts"),
        DateMatchFilter(
            start=start,
            end=end,
            label=f"overlap (default): its date {what} in the range; within: it certainly does",
        ),
    )


class CountFilter(django_filters.NumberFilter):
    """A whole number of people, never negative."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)


class SlugsInput(forms.TextInput):
    """Slugs typed in (several separated by spaces or commas, or the parameter repeated) instead of
    a list offering every record: thousands of options weigh more than the rest of a page."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return [slug for value in values for slug in re.split(r"[\s,]+", value) if slug]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(str(getattr(record, "slug", record)) for record in value) or None
        return super().format_value(value)


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
    """Ids, each a whole number a database id can be (larger ones would overflow the query)."""

    def clean(self, value):
        for text in value or []:
            if not (str(text).isascii() and str(text).isdigit() and 1 <= int(text) < 2**63):
                raise ValidationError("“%(id)s” is not a valid value.", code="invalid_pk_value", params={"id": text})
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


def filter_cited(queryset, name, value):
    return queryset.with_cited().filter(cited=value)


def cited_filter():
    return django_filters.BooleanFilter(
        method=filter_cited,
        label="Supported by at least one citation (false: records with no source yet)",
    )


class MomentField(forms.DateTimeField):
    """A moment, in UTC: any offset a visitor gives is resolved here, not left to the database
    (PostgreSQL refuses offsets from 16 hours)."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError("This moment is out of range.", code="invalid") from None


class MomentFilter(django_filters.DateTimeFilter):
    field_class = MomentField


def updated_since_filter():
    return MomentFilter(
        field_name="updated",
        lookup_expr="gte",
        label="Changed at or after this moment (ISO 8601: 2024-05-01 or 2024-05-01T00:00:00Z): for incremental sync.",
    )
