"""The base of every record endpoint: list and detail by slug, writes for users holding the
model's Django permission, and a cursor-paginated sync/ list for bulk sync."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from conflict.api.pagination import SyncPagination
from conflict.api.renderers import CSVRenderer, GeoJSONRenderer, TimelineRenderer

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

    def handle_exception(self, error):
        # An error is JSON even when a list was asked for as CSV, GeoJSON or a timeline.
        if isinstance(getattr(self.request, "accepted_renderer", None), EXPORT_RENDERERS):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(error)
