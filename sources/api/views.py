from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Prefetch

from actors.models import Actor, Relationship
from conflict.api.views import RecordViewSet
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.api.serializers import CitationSerializer, SourceDetailSerializer, SourceSerializer
from sources.filtersets import CitationFilterSet, SourceFilterSet
from sources.models import Citation, Source


def supported_records():
    """Fetches the records of a page of citations in one query per record type, with what their labels name."""
    return GenericPrefetch(
        "record",
        [
            Actor.objects.all(),
            Relationship.objects.select_related("subject", "object"),
            Place.objects.all(),
            Crossing.objects.all(),
            Incident.objects.all(),
            Involvement.objects.select_related("incident", "actor"),
            TollFigure.objects.select_related("incident"),
        ],
    )


class SourceViewSet(RecordViewSet):
    queryset = Source.objects.prefetch_related(
        "references__cited",
        "cited_by",
        Prefetch("citations", queryset=Citation.objects.prefetch_related(supported_records())),
    )
    filterset_class = SourceFilterSet

    def get_serializer_class(self):
        return SourceSerializer if self.action in {"list", "sync"} else SourceDetailSerializer


class CitationViewSet(RecordViewSet):
    queryset = Citation.objects.select_related("source", "via").prefetch_related(supported_records())
    serializer_class = CitationSerializer
    filterset_class = CitationFilterSet
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
