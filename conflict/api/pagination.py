"""Numbered pages with a total for browsing, and a cursor for bulk sync; both refuse a bad page
size or page with a 4xx naming the parameter, instead of silently falling back."""

import datetime
import math

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from conflict.counts import COUNT_LIMIT, bounded_count

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def positive_number(request, parameter, default, maximum=None):
    text = request.query_params.get(parameter)
    if text is None:
        return default
    limit = f"from 1 to {maximum}" if maximum else "of 1 or more"
    # ASCII digits only: "²" is a digit to str.isdigit() but not to int().
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= (maximum or int(text)):
        raise ValidationError({parameter: [f"Must be a whole number {limit}, not “{text}”."]})
    return int(text)


def page_size(request):
    return positive_number(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


class NumberedPagination(BasePagination):
    """?page=N&page_size=M (M up to 1000); the response says how many records and pages there are:
    `count` exactly, or, when more than conflict.counts.COUNT_LIMIT records match, `count` null and
    `count_estimate` the planner's estimate (docs/api.md, "Pages")."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = page_size(request)
        self.number = positive_number(request, "page", 1)
        self.count, self.exact = bounded_count(queryset)
        start = (self.number - 1) * self.page_size
        # One record more than the page says whether there is a next page, counted or not.
        records = list(queryset[start : start + self.page_size + 1])
        self.has_next = len(records) > self.page_size
        if not records and self.number > 1:
            about = "" if self.exact else "about "
            raise NotFound({"page": [f"Page {self.number} is past the end: there are {about}{self.pages()} pages."]})
        return records[: self.page_size]

    def pages(self):
        return max(1, math.ceil(self.count / self.page_size))

    def page_link(self, number):
        url = self.request.build_absolute_uri()
        return replace_query_param(url, "page", number) if number > 1 else remove_query_param(url, "page")

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count if self.exact else None,
                "count_estimate": self.count,
                "page": self.number,
                "pages": self.pages(),
                "page_size": self.page_size,
                "next": self.page_link(self.number + 1) if self.has_next else None,
                "previous": self.page_link(self.number - 1) if self.number > 1 else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "count_estimate", "page", "pages", "page_size", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "description": f"Records matching the filters, on all pages; null when more than {COUNT_LIMIT} "
                    "match and only an estimate is given.",
                },
                "count_estimate": {
                    "type": "integer",
                    "description": "The same as count when count is given; else the database's estimate.",
                },
                "page": {"type": "integer"},
                "pages": {"type": "integer", "description": "Pages of records, from count or else count_estimate."},
                "page_size": {"type": "integer"},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Page number, from 1. A page past the end is a 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            page_size_parameter(),
        ]


def page_size_parameter():
    return {
        "name": "page_size",
        "in": "query",
        "required": False,
        "description": f"Records per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    }


class SyncPagination(CursorPagination):
    """Oldest change first, with an opaque cursor to the next page: a sync loop follows `next`
    until it is null, then later asks again with updated_since. Pages hold steady while records
    are added or changed, unlike numbered pages."""

    page_size_query_param = "page_size"

    def get_page_size(self, request):
        return page_size(request)

    def get_ordering(self, request, queryset, view):
        return view.sync_ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise self.bad_cursor() from None
        if cursor and cursor.position is not None:
            cursor = cursor._replace(position=self.checked_position(cursor.position))
        return cursor

    def checked_position(self, position):
        """The position as a value of the first ordering field (a moment in UTC), or the query would fail."""
        field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(position)
            field.run_validators(value)
            if isinstance(value, datetime.datetime):
                value = value.astimezone(datetime.UTC)
        except (DjangoValidationError, OverflowError, ValueError):
            raise self.bad_cursor() from None
        return str(value) if not isinstance(value, datetime.datetime) else value.isoformat()

    def bad_cursor(self):
        return ValidationError({"cursor": ["Not a cursor this API gave out: use the `next` link as it is."]})

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "The position of the page, as found in the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            page_size_parameter(),
        ]
