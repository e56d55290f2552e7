"""/api/v1/disputes/: the incidents on which the sources disagree, each point with every side's quotes
and source; the same filters as /api/v1/incidents/ (IncidentFilterSet) and the same list as /disputes/."""

from rest_framework import serializers, viewsets

from actors.api.serializers import ActorSummarySerializer
from events.api.serializers import PlaceSummarySerializer
from events.filtersets import IncidentFilterSet
from events.models import Dispute, Incident
from sources.api.serializers import CitationSummarySerializer, SourceSummarySerializer


class DisputeSideSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="What this side says: a figure, a role, a date or a publication date.")
    detail = serializers.CharField(help_text="The range a figure allows, who accuses, or the date note.")
    source = SourceSummarySerializer(allow_null=True, help_text="The source whose figure or date this is, if one.")
    party_claim = ActorSummarySerializer(
        allow_null=True, help_text="For a figure: the party to the incident on whose own claim alone it rests."
    )
    citations = CitationSummarySerializer(many=True)


class DisputeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Dispute.Kind.choices)
    label = serializers.CharField()
    summary = serializers.CharField()
    sides = DisputeSideSerializer(many=True)


class DisputedIncidentSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:incident-detail", lookup_field="slug")
    date_display = serializers.CharField(read_only=True)
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    killed_claimed_by = ActorSummarySerializer(read_only=True, allow_null=True)
    injured_claimed_by = ActorSummarySerializer(read_only=True, allow_null=True)
    disputes = DisputeSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["slug", "api_url", "title", "kind", "date", "date_display", "date_note", "place"]
        fields += ["killed_min", "killed_max", "killed_claimed_by", "injured_min", "injured_max", "injured_claimed_by"]
        fields += ["disputes"]


class DisputeViewSet(viewsets.ReadOnlyModelViewSet):
    """Incidents on which the sources disagree (see docs/codebook.md, “Disputes”), filtered as the incident list."""

    queryset = Incident.objects.disputed().select_related("place").with_disputes()
    serializer_class = DisputedIncidentSerializer
    filterset_class = IncidentFilterSet
    lookup_field = "slug"
