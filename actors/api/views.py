from django.db.models import Prefetch

from actors.api.serializers import ActorSerializer, RelationshipSerializer
from actors.filtersets import ActorFilterSet, RelationshipFilterSet
from actors.models import Actor, Relationship, RelationshipAttestation
from conflict.api.views import RecordViewSet
from sources.models import prefetch_citations

# Each source's attestation with its source, less the source's text (which a summary does not show).
ATTESTATIONS = RelationshipAttestation.objects.select_related("source").defer("source__text")
RELATIONSHIPS = Relationship.objects.select_related("subject", "object").prefetch_related(
    prefetch_citations(), Prefetch("attestations", queryset=ATTESTATIONS)
)


class ActorViewSet(RecordViewSet):
    queryset = Actor.objects.prefetch_related(
        "aliases",
        prefetch_citations(),
        Prefetch("relationships_as_subject", queryset=RELATIONSHIPS),
        Prefetch("relationships_as_object", queryset=RELATIONSHIPS),
    )
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet


class RelationshipViewSet(RecordViewSet):
    queryset = RELATIONSHIPS
    serializer_class = RelationshipSerializer
    filterset_class = RelationshipFilterSet
