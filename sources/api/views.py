from django.db.models import Prefetch

from conflict.api.views import RecordViewSet
from sources.api.serializers import CitationSerializer, SourceDetailSerializer, SourceSerializer
from sources.filtersets import CitationFilterSet, SourceFilterSet
from sources.models import Citation, Source


class SourceViewSet(RecordViewSet):
    queryset = Source.objects.prefetch_related(
        "references__cited",
        "cited_by",
        Prefetch("citations", queryset=Citation.objects.with_records()),
    )
    filterset_class = SourceFilterSet

    def get_serializer_class(self):
        return SourceSerializer if self.action in {"list", "sync"} else SourceDetailSerializer


class CitationViewSet(RecordViewSet):
    queryset = Citation.objects.with_sources().with_records()
    serializer_class = CitationSerializer
    filterset_class = CitationFilterSet
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
