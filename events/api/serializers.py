from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorSummarySerializer
from conflict import fuzzydates
from conflict.api.fields import ApiUrlField, CleanedModelSerializer, RelatedRecordField, cited_field
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.api.serializers import CitationSummarySerializer, SourceSummarySerializer


class PlaceSummarySerializer(serializers.ModelSerializer):
    api_url = ApiUrlField(view_name="api:place-detail", lookup_field="slug")

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "latitude", "longitude", "precision", "api_url"]


class CrossingSummarySerializer(serializers.ModelSerializer):
    api_url = ApiUrlField(view_name="api:crossing-detail", lookup_field="slug")

    class Meta:
        model = Crossing
        fields = ["slug", "name", "api_url"]


class IncidentSummarySerializer(serializers.ModelSerializer):
    api_url = ApiUrlField(view_name="api:incident-detail", lookup_field="slug")

    class Meta:
        model = Incident
        fields = ["slug", "title", "kind", "date", "api_url"]


class PlaceSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:place-detail", lookup_field="slug")
    parent = RelatedRecordField(PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False)
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Place
        fields = ["slug", "api_url", "name", "kind", "parent", "latitude", "longitude", "precision", "citations"]


class StatusPeriodSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["open", "closed"])
    since = serializers.CharField(help_text="EDTF date of the closure or reopening.")
    since_earliest = serializers.DateField(allow_null=True)
    until = serializers.CharField(allow_null=True, help_text="EDTF date of the next change; null if none yet.")
    incident = IncidentSummarySerializer()


class CrossingSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:crossing-detail", lookup_field="slug")
    place = RelatedRecordField(PlaceSummarySerializer, queryset=Place.objects.all())
    pakistan_province = RelatedRecordField(
        PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False
    )
    pakistan_district = RelatedRecordField(
        PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False
    )
    afghanistan_province = RelatedRecordField(
        PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False
    )
    afghanistan_district = RelatedRecordField(
        PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False
    )
    status_history = serializers.SerializerMethodField()
    cited = cited_field()
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Crossing
        fields = ["slug", "api_url", "name", "place", "pakistan_province", "pakistan_district"]
        fields += [
            "afghanistan_province",
            "afghanistan_district",
            "description",
            "status_history",
            "cited",
            "citations",
        ]

    @extend_schema_field(StatusPeriodSerializer(many=True))
    def get_status_history(self, crossing):
        """Open and closed periods, oldest first, each with the incident that began it."""
        return [
            {**period, "incident": IncidentSummarySerializer(period["incident"], context=self.context).data}
            for period in crossing.status_history()
        ]


class InvolvementSerializer(serializers.ModelSerializer):
    """An actor's role in the incident, on the word of the quoted sources."""

    actor = ActorSummarySerializer(read_only=True)
    accused_by = ActorSummarySerializer(read_only=True, allow_null=True)
    cited = cited_field()
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Involvement
        fields = ["actor", "role", "accused_by", "note", "cited", "citations"]


class TollFigureSerializer(serializers.ModelSerializer):
    """One source's figure, as printed and as the range its wording allows (high null: open-ended)."""

    source = SourceSummarySerializer(read_only=True)
    cited = cited_field()
    claimed_by = ActorSummarySerializer(
        read_only=True,
        allow_null=True,
        help_text="The party to the incident on whose own claim alone the figure rests (every quote is its words).",
    )
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = TollFigure
        fields = ["measure", "low", "high", "as_printed", "source", "claimed_by", "cited", "citations"]


class IncidentSerializer(CleanedModelSerializer):
    api_url = ApiUrlField(view_name="api:incident-detail", lookup_field="slug")
    date_precision = serializers.ChoiceField(
        choices=fuzzydates.PRECISIONS, read_only=True, help_text="How finely the date is known."
    )
    date_display = serializers.CharField(read_only=True, help_text="The date in words, e.g. “c. September 2021”.")
    place = RelatedRecordField(PlaceSummarySerializer, queryset=Place.objects.all(), allow_null=True, required=False)
    crossing = RelatedRecordField(
        CrossingSummarySerializer, queryset=Crossing.objects.all(), allow_null=True, required=False
    )
    actors = InvolvementSerializer(source="involvements", many=True, read_only=True)
    toll_figures = TollFigureSerializer(many=True, read_only=True)
    cited = cited_field()
    killed_claimed_by = ActorSummarySerializer(
        read_only=True, allow_null=True, help_text="Set when every figure for the killed is this party's own claim."
    )
    injured_claimed_by = ActorSummarySerializer(
        read_only=True, allow_null=True, help_text="Set when every figure for the injured is this party's own claim."
    )
    citations = CitationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["slug", "api_url", "title", "kind", "summary", "date", "date_earliest", "date_latest"]
        fields += ["date_precision", "date_display", "date_note", "place", "crossing"]
        fields += ["killed_min", "killed_max", "killed_claimed_by", "injured_min", "injured_max", "injured_claimed_by"]
        fields += ["toll_figures", "actors", "cited", "citations"]
        fields += ["created", "updated"]
        read_only_fields = ["date_earliest", "date_latest", "killed_min", "killed_max", "injured_min", "injured_max"]
        read_only_fields += ["created", "updated"]
        extra_kwargs = {
            "killed_min": {"help_text": "Lowest figure any source gives for the killed."},
            "killed_max": {"help_text": "Highest figure any source gives; null when a source's figure is open-ended."},
        }
