"""The base of every record endpoint: list and detail by slug, writes for users holding the
model's Django permission, and a cursor-paginated sync/ list for bulk sync."""

from django.db import router, transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from conflict import conditional
from conflict.api.exceptions import PreconditionFailed
from conflict.api.pagination import SyncPagination
from conflict.api.parsers import JSONParser
from conflict.api.renderers import CSVRenderer, GeoJSONRenderer, TimelineRenderer
from conflict.versions import StaleEdit, check_version, etag, version_from_etag

EXPORT_RENDERERS = (CSVRenderer, GeoJSONRenderer, TimelineRenderer)


class RecordViewSet(viewsets.ModelViewSet):
    lookup_field = "slug"
    # Sync pages run oldest change first; the id breaks ties between records changed together.
    sync_ordering = ("updated", "id")
    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]

    def dispatch(self, request, *args, **kwargs):
        # A write that fails anywhere, even in drawing its answer, leaves nothing stored.
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    @extend_schema(
        summary="Bulk sync: every record, oldest change first, a page at a time",
        description=(
            "Takes the same filters as the list (use `updated_since` to fetch only what changed since the last "
            "sync). Follow `next` until it is null. The list's `ordering` does not apply here."
        ),
    )
    @action(detail=False, pagination_class=SyncPagination, renderer_classes=[JSONRenderer, BrowsableAPIRenderer])
    def sync(self, request):
        return mixins.ListModelMixin.list(self, request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.validators = {}
        if request.method in {"GET", "HEAD"} and self.action != "retrieve":
            self.validators = self.conditional_headers(request)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        # A detail's ETag names the record's version too, so that a write can send it back as If-Match.
        self.validators = self.conditional_headers(request, record)
        return Response(self.get_serializer(record).data)

    def conditional_headers(self, request, record=None):
        return conditional.check(request, self.representation(request), self.database(), record)

    def representation(self, request):
        return f"{request.get_full_path()} {request.accepted_renderer.format}"

    def database(self):
        return router.db_for_read(self.queryset.model)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            for name, value in getattr(self, "validators", {}).items():
                response.setdefault(name, value)  # a view's own validator (a record's version) comes first
        return response

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        changed = conditional.last_change(router.db_for_write(self.queryset.model))
        response["ETag"] = conditional.etag(changed, self.representation(request), self.written)
        return response

    def perform_update(self, serializer):
        self.check_if_match(serializer.instance)
        super().perform_update(serializer)
        self.written = serializer.instance

    def perform_destroy(self, record):
        self.check_if_match(record)
        super().perform_destroy(record)

    def check_if_match(self, record):
        """Optimistic locking: a write sent with If-Match (the ETag of a GET) is refused if the record moved on."""
        header = self.request.headers.get("If-Match")
        if not header or header.strip() == "*":
            return
        version = version_from_etag(record, header)
        if version is None:
            raise PreconditionFailed(
                f"If-Match {header} is not an ETag of this record; its current one is {etag(record)}."
            )
        try:
            check_version(record, version)
        except StaleEdit as stale:
            raise PreconditionFailed(" ".join(stale.messages)) from None

    def handle_exception(self, error):
        if isinstance(error, conditional.NotModified):
            return error.response
        # An error is JSON even when a list was asked for as CSV, GeoJSON or a timeline.
        if isinstance(getattr(self.request, "accepted_renderer", None), EXPORT_RENDERERS):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(error)
