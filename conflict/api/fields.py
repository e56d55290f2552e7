"""Serializer fields shared by the apps' APIs."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers


class RelatedRecordField(serializers.SlugRelatedField):
    """A related record, written as its slug and read as a summary of it (so no second request)."""

    def __init__(self, summary_serializer, **kwargs):
        self.summary_serializer = summary_serializer
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def to_representation(self, record):
        return self.summary_serializer(record, context=self.context).data

    def get_choices(self, cutoff=None):
        """Choices keyed by slug, as the browsable API's forms send them back."""
        queryset = self.get_queryset()
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {getattr(record, self.slug_field): self.display_value(record) for record in queryset}


class RelatedRecordFieldSchema(OpenApiSerializerFieldExtension):
    """Describes RelatedRecordField as the slug it takes in requests and the summary it gives back."""

    target_class = RelatedRecordField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            schema = build_basic_type(OpenApiTypes.STR)
            schema["description"] = "The related record's slug."
            return schema
        return auto_schema.resolve_serializer(self.target.summary_serializer, direction).ref


def cited_field():
    return serializers.BooleanField(
        source="is_cited",
        read_only=True,
        help_text="False while no citation supports it: “no source yet” (filter with ?cited=false).",
    )


class CleanedModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (EDTF dates, quotes found in their source, ...) on writes,
    so that the API refuses exactly what the admin refuses, field by field."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        record = model.objects.get(pk=self.instance.pk) if self.instance else model()
        for name, value in self.model_values(attrs).items():
            setattr(record, name, value)
        try:
            record.full_clean(validate_unique=False)
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_detail(error)) from None
        return attrs

    def model_values(self, attrs):
        """The validated data as model attributes (a subclass maps fields that differ)."""
        return attrs


def validation_detail(error):
    """A Django ValidationError as DRF error detail: messages by field, the rest as non_field_errors."""
    if not hasattr(error, "error_dict"):
        return {"non_field_errors": error.messages}
    return {
        ("non_field_errors" if field == "__all__" else field): messages
        for field, messages in error.message_dict.items()
    }
