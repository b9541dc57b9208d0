"""`/api/v1/operations-assessments/`: vendor staff list, read and create assessments with their
ratings nested (created through the service, all or nothing); kept as history, so neither
updated nor deleted here. Partner users: 403."""

from django_filters.rest_framework import DateFilter, FilterSet
from rest_framework import serializers

from prm.lib.access import IsVendorStaff
from prm.lib.api import IdFilter, ServiceModelViewSet, is_schema_request

from ..models import ChannelProcess, OperationsAssessment, ProcessRating
from ..selectors import maturity as selectors
from ..services import maturity as services


class ProcessRatingSerializer(serializers.ModelSerializer):
    process = serializers.SlugRelatedField(slug_field="key", queryset=ChannelProcess.objects.all())
    process_name = serializers.CharField(source="process.name", read_only=True)
    action_owner = serializers.PrimaryKeyRelatedField(
        queryset=selectors.action_owner_choices(), required=False, allow_null=True
    )

    class Meta:
        model = ProcessRating
        fields = ["id", "process", "process_name", "level", "evidence", "action", "action_owner",
                  "action_due", "action_done_on"]  # fmt: skip
        read_only_fields = ["action_done_on"]
        extra_kwargs = {"action": {"required": False}}


class OperationsAssessmentSerializer(serializers.ModelSerializer):
    assessed_by = serializers.PrimaryKeyRelatedField(read_only=True)
    ratings = ProcessRatingSerializer(many=True)

    class Meta:
        model = OperationsAssessment
        fields = ["id", "assessed_on", "assessed_by", "notes", "ratings", "created_at",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class OperationsAssessmentFilter(FilterSet):
    assessed_by = IdFilter(field_name="assessed_by_id")
    assessed_after = DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = DateFilter(field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = OperationsAssessment
        fields = ["assessed_by", "assessed_on"]


class OperationsAssessmentViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaff]
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = OperationsAssessmentSerializer
    create_service = services.assessment_create
    filterset_class = OperationsAssessmentFilter
    ordering_fields = ["assessed_on", "created_at"]
    ordering = ["-assessed_on", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if is_schema_request(self):
            return OperationsAssessment.objects.none()
        return selectors.assessments_with_ratings()

    def create_data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        data["ratings"] = [dict(rating) for rating in data.get("ratings", [])]
        return data


def register(router) -> None:
    router.register(
        "operations-assessments", OperationsAssessmentViewSet, basename="operations-assessment"
    )
