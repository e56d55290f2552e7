from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor, Relationship, RelationshipAttestation
from conflict.api.fields import ApiUrlField, CleanedModelSerializer, RelatedRecordField, cited_field
from sources.api.serializers import CitationSummarySerializer, SourceSummarySerializer


class ActorSummarySerializer(serializers.ModelSerializer):
    api_url = ApiUrlField(view_name="api:actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "api_url"]


class AttestationSerializer(serializers.ModelSerializer):
    """One source's word for a tie: the dates, support and status it supports, and its quotes."""

    source = SourceSummarySerializer(read_only=True)
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = RelationshipAttestation
        fields = ["source", "start", "end", "attested", "status", "support", "date_note", "note", "citations"]


class RelationshipSerializer(CleanedModelSerializer):
    """A tie from subject to object over a period: EDTF start, end and attested dates and the days they allow."""

    api_url = ApiUrlField(view_name="api:relationship-detail", lookup_field="slug")
    subject = RelatedRecordField(ActorSummarySerializer, queryset=Actor.objects.all())
    object = RelatedRecordField(ActorSummarySerializer, queryset=Actor.objects.all())
    cited = cited_field()
    citations = CitationSummarySerializer(many=True, read_only=True)
    attestations = AttestationSerializer(many=True, read_only=True)

    class Meta:
        model = Relationship
        fields = ["slug", "api_url", "subject", "kind", "object", "status", "support", "office"]
        fields += ["start", "end", "attested", "valid_from", "valid_until", "date_note", "note", "cited", "citations"]
        fields += ["attestations", "updated"]
        read_only_fields = ["valid_from", "valid_until", "updated"]


class ActorSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:actor-detail", lookup_field="slug")
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    relationships = serializers.SerializerMethodField()
    cited = cited_field()
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Actor
        fields = ["slug", "api_url", "name", "kind", "description", "aliases", "relationships", "cited", "citations"]
        fields += ["updated"]
        read_only_fields = ["updated"]

    @extend_schema_field(RelationshipSerializer(many=True, read_only=True))
    def get_relationships(self, actor):
        """Ties in either direction, as subject first, each in date order."""
        ties = [*actor.relationships_as_subject.all(), *actor.relationships_as_object.all()]
        return RelationshipSerializer(ties, many=True, context=self.context).data
