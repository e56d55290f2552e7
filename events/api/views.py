from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from conflict.api.renderers import CSVRenderer, GeoJSONRenderer, TimelineRenderer
from conflict.api.views import RecordViewSet
from events.api import exports
from events.api.serializers import CrossingSerializer, IncidentSerializer, PlaceSerializer
from events.filtersets import CrossingFilterSet, IncidentFilterSet, PlaceFilterSet
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import prefetch_citations

# Enough parents to name the district, province and country of the deepest place in the gazetteer.
PLACE_LINEAGE = "place__parent__parent__parent__parent"
CROSSING_LINEAGE = "crossing__place__parent__parent__parent__parent"

EXPORT_FORMATS = {"csv", "geojson", "timeline"}

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv", "geojson", "timeline"],
    description=(
        "json (default, paginated); csv, geojson or timeline (TimelineJS) export the whole filtered list "
        "unpaginated. The Accept header works too (text/csv, application/geo+json, application/vnd.timelinejs+json)."
    ),
)


class PointSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Point"])
    coordinates = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class FeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.CharField(help_text="The incident's slug.")
    geometry = PointSerializer()
    properties = serializers.DictField(help_text="The incident's CSV columns (see docs/api.md).")


@extend_schema_serializer(many=False)
class FeatureCollectionSerializer(serializers.Serializer):
    """Incidents whose place (or crossing's place) has coordinates, as GeoJSON points."""

    type = serializers.ChoiceField(choices=["FeatureCollection"])
    features = FeatureSerializer(many=True)


@extend_schema_serializer(many=False)
class TimelineSerializer(serializers.Serializer):
    """TimelineJS JSON: incidents as events; border closures and ceasefires as eras."""

    title = serializers.DictField()
    events = serializers.ListField(child=serializers.DictField())
    eras = serializers.ListField(child=serializers.DictField())


class PlaceViewSet(RecordViewSet):
    queryset = Place.objects.select_related("parent").prefetch_related(prefetch_citations())
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    sync_ordering = ("id",)


class CrossingViewSet(RecordViewSet):
    queryset = (
        Crossing.objects.with_status_changes()
        .select_related("place", "pakistan_province", "pakistan_district", "afghanistan_province")
        .select_related("afghanistan_district")
        .prefetch_related(prefetch_citations())
    )
    serializer_class = CrossingSerializer
    filterset_class = CrossingFilterSet
    sync_ordering = ("id",)


@extend_schema_view(
    list=extend_schema(
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): IncidentSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Columns: see docs/api.md."),
            (200, "application/geo+json"): FeatureCollectionSerializer,
            (200, "application/vnd.timelinejs+json"): TimelineSerializer,
        },
    )
)
class IncidentViewSet(RecordViewSet):
    queryset = Incident.objects.select_related(PLACE_LINEAGE, CROSSING_LINEAGE).prefetch_related(
        prefetch_citations(),
        Prefetch("toll_figures", queryset=TollFigure.objects.select_related("source").defer("source__text")),
        prefetch_citations("toll_figures__"),
        Prefetch(
            "involvements",
            queryset=Involvement.objects.select_related("actor", "accused_by").prefetch_related("actor__aliases"),
        ),
        prefetch_citations("involvements__"),
    )
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer, GeoJSONRenderer, TimelineRenderer]

    def get_renderers(self):
        # Only a list exports; a single incident, a write or sync/ is JSON.
        renderers = super().get_renderers()
        if self.action == "list":
            return renderers
        return [renderer for renderer in renderers if renderer.format not in EXPORT_FORMATS]

    def list(self, request, *args, **kwargs):
        export_format = request.accepted_renderer.format
        if export_format not in EXPORT_FORMATS:
            return super().list(request, *args, **kwargs)
        # The exports read only what they show, not the list's nested records.
        incidents = self.filter_queryset(Incident.objects.select_related("crossing"))
        if export_format == "csv":
            rows = exports.csv_rows(incidents, request)
            response = StreamingHttpResponse(exports.csv_lines(rows), content_type="text/csv; charset=utf-8")
        elif export_format == "geojson":
            response = Response(exports.feature_collection(exports.csv_rows(incidents, request)))
        else:
            response = Response(exports.timeline(list(incidents.prefetch_related("involvements")), "Incidents"))
        extension = "json" if export_format == "timeline" else export_format
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(request, extension)}"'
        return response
