"""Numbered pages with a total for browsing, and a cursor for bulk sync; both refuse a bad page
size or page with a 4xx naming the parameter, instead of silently falling back."""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

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
    """?page=N&page_size=M (M up to 1000); the response says how many records and pages there are."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = Paginator(queryset, page_size(request))
        number = positive_number(request, "page", 1)
        if number > paginator.num_pages:
            raise NotFound({"page": [f"Page {number} is past the end: there are {paginator.num_pages} pages."]})
        self.page = paginator.page(number)
        return list(self.page)

    def page_link(self, number):
        url = self.request.build_absolute_uri()
        return replace_query_param(url, "page", number) if number > 1 else remove_query_param(url, "page")

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "page_size": page.paginator.per_page,
                "next": self.page_link(page.next_page_number()) if page.has_next() else None,
                "previous": self.page_link(page.previous_page_number()) if page.has_previous() else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "page", "pages", "page_size", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Records matching the filters, on all pages."},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
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
