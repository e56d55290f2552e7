from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conflict.api.fields import ApiUrlField, CleanedModelSerializer, RelatedRecordField
from sources.models import PREFETCHED_CITATIONS, RECORD_TYPE_CHOICES, Citation, Source, cited_record_model


class SourceSummarySerializer(serializers.ModelSerializer):
    api_url = ApiUrlField(view_name="api:source-detail", lookup_field="slug")

    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "published", "url", "api_url"]


class CitationListSerializer(serializers.ListSerializer):
    """A record's citations: those prefetched by sources.models.prefetch_citations(), else a query."""

    def get_attribute(self, record):
        if PREFETCHED_CITATIONS in getattr(record, "__dict__", {}):
            return record.__dict__[PREFETCHED_CITATIONS]
        return super().get_attribute(record)


class CitationSummarySerializer(serializers.ModelSerializer):
    """A quote as it supports a record: the words, who spoke them, and the source to read them in."""

    source = SourceSummarySerializer(read_only=True)
    via = SourceSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Citation
        fields = ["id", "quote", "speaker", "source", "via"]
        list_serializer_class = CitationListSerializer


class SupportedRecordSerializer(serializers.Serializer):
    """A record a quote supports; roles and toll figures link to the incident they belong to."""

    type = serializers.ChoiceField(choices=RECORD_TYPE_CHOICES)
    id = serializers.IntegerField()
    slug = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    api_url = serializers.URLField(allow_null=True)


def supported_record(record, request):
    """What a citation supports, with a link to the endpoint where it (or, for a role or toll, its incident) lives."""
    if record is None:
        return None
    kind = record._meta.model_name
    # Records with a slug have an endpoint of their own; roles and toll figures live in their incident's.
    linked = record if hasattr(record, "slug") else getattr(record, "incident", None)
    api_url = None
    if linked is not None:
        path = reverse(f"api:{linked._meta.model_name}-detail", args=[linked.slug])
        api_url = request.build_absolute_uri(path) if request else path
    return {
        "type": kind,
        "id": record.pk,
        "slug": getattr(record, "slug", None),
        "label": str(record),
        "api_url": api_url,
    }


class RecordTypeField(serializers.ChoiceField):
    """The type of record a citation supports (actor, incident, ...), read from and written to its content type."""

    def __init__(self, **kwargs):
        super().__init__(choices=RECORD_TYPE_CHOICES, source="*", **kwargs)

    def to_representation(self, citation):
        return ContentType.objects.get_for_id(citation.content_type_id).model

    def to_internal_value(self, data):
        model_name = super().to_internal_value(data)
        return {"content_type": ContentType.objects.get_for_model(cited_record_model(model_name))}


class CitationSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:citation-detail", lookup_field="pk")
    source = RelatedRecordField(SourceSummarySerializer, queryset=Source.objects.all())
    via = RelatedRecordField(SourceSummarySerializer, queryset=Source.objects.all(), allow_null=True, required=False)
    record_type = RecordTypeField()
    record_id = serializers.IntegerField(source="object_id", min_value=1, max_value=2**63 - 1)
    record = serializers.SerializerMethodField()

    class Meta:
        model = Citation
        fields = ["id", "api_url", "quote", "speaker", "source", "via", "start", "end", "record_type", "record_id"]
        fields += ["record", "updated"]
        read_only_fields = ["start", "end", "updated"]

    @extend_schema_field(SupportedRecordSerializer(allow_null=True))
    def get_record(self, citation):
        return supported_record(citation.record, self.context.get("request"))

    def validate(self, attrs):
        content_type = attrs.get("content_type", getattr(self.instance, "content_type", None))
        object_id = attrs.get("object_id", getattr(self.instance, "object_id", None))
        if not content_type.model_class().objects.filter(pk=object_id).exists():
            raise serializers.ValidationError({"record_id": [f"There is no {content_type.model} with id {object_id}."]})
        return super().validate(attrs)


class ReferenceSerializer(serializers.Serializer):
    source = SourceSummarySerializer(source="cited", read_only=True)
    note = serializers.CharField(read_only=True)


class SourceSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:source-detail", lookup_field="slug")
    cites = ReferenceSerializer(source="references", many=True, read_only=True)
    cited_by = SourceSummarySerializer(many=True, read_only=True)
    supports = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["slug", "api_url", "title", "kind", "publisher", "author", "url", "published"]
        fields += ["published_earliest", "published_latest", "published_note", "cites", "cited_by", "supports"]
        fields += ["updated"]
        read_only_fields = ["published_earliest", "published_latest", "updated"]

    @extend_schema_field(SupportedRecordSerializer(many=True))
    def get_supports(self, source):
        """Every record a quote from this source supports, once each."""
        request = self.context.get("request")
        records = {
            (citation.content_type_id, citation.object_id): citation.record for citation in source.citations.all()
        }
        return [supported_record(record, request) for record in records.values() if record is not None]


class SourceDetailSerializer(SourceSerializer):
    """A source with its archived text, against which every quote from it is checked."""

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text"]
