from django.db.models import Prefetch

from actors.api.serializers import ActorSerializer, RelationshipSerializer
from actors.filtersets import ActorFilterSet, RelationshipFilterSet
from actors.models import Actor, Relationship
from conflict.api.views import RecordViewSet

CITATIONS = ("citations__source", "citations__via")

RELATIONSHIPS = Relationship.objects.select_related("subject", "object").prefetch_related(
    *CITATIONS, "attestations__source"
)


class ActorViewSet(RecordViewSet):
    queryset = Actor.objects.prefetch_related(
        "aliases",
        *CITATIONS,
        Prefetch("relationships_as_subject", queryset=RELATIONSHIPS),
        Prefetch("relationships_as_object", queryset=RELATIONSHIPS),
    )
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet


class RelationshipViewSet(RecordViewSet):
    queryset = RELATIONSHIPS
    serializer_class = RelationshipSerializer
    filterset_class = RelationshipFilterSet
