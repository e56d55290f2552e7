"""The base of every record endpoint: list and detail by slug, writes for users holding the
model's Django permission, and a cursor-paginated sync/ list for bulk sync."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from conflict.api.exceptions import PreconditionFailed
from conflict.api.pagination import SyncPagination
from conflict.api.renderers import CSVRenderer, GeoJSONRenderer, TimelineRenderer
from conflict.versions import StaleEdit, check_version, etag, version_from_etag

EXPORT_RENDERERS = (CSVRenderer, GeoJSONRenderer, TimelineRenderer)


class RecordViewSet(viewsets.ModelViewSet):
    lookup_field = "slug"
    # Sync pages run oldest change first; the id breaks ties between records changed together.
    sync_ordering = ("updated", "id")

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

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        return Response(self.get_serializer(record).data, headers={"ETag": etag(record)})

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response["ETag"] = etag(self.written)
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
        # An error is JSON even when a list was asked for as CSV, GeoJSON or a timeline.
        if isinstance(getattr(self.request, "accepted_renderer", None), EXPORT_RENDERERS):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(error)


# Redoc's bundle draws Redocly's logo from their CDN, whatever its options say. This policy stops
# that request (and any other) in the browser before it leaves the machine; the readers' own
# inline code and web workers stay allowed.
READER_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
    ]
)


class LocalOnlyReaderMixin:
    """For the schema readers: nothing may load from another host."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = READER_POLICY
        return response


class SwaggerView(LocalOnlyReaderMixin, SpectacularSwaggerView):
    pass


class RedocView(LocalOnlyReaderMixin, SpectacularRedocView):
    pass
