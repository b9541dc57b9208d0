"""`/api/v1/underperformer-reviews/`: under-performer reviews, for vendor staff only (partner
users are refused: 403). A review is created on a candidate (its under-performer alert) and
decided with the `decide` action; both through the services. Reviews are never updated or
deleted through the API (the follow-up job closes them)."""

from django_filters import rest_framework as django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from performance.models import AlertKind
from performance.selectors.alerts import alerts
from prm.lib.access import IsVendorStaff
from prm.lib.api import (
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
)
from prm.lib.list_filters import IdOrSlugFilter
from prm.models import SHORT_TEXT

from ..models import ReviewDecision, UnderperformerReview
from ..selectors.review import reviews_visible_to
from ..services import review as services

CREATE_AND_READ = ["get", "post", "head", "options"]


class UnderperformerReviewSerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    decided_by = serializers.StringRelatedField(allow_null=True)
    alert = serializers.PrimaryKeyRelatedField(
        queryset=alerts().filter(kind=AlertKind.UNDERPERFORMER),
        help_text="The candidate: an open under-performer alert.",
    )

    class Meta:
        model = UnderperformerReview
        fields = [
            "id", "partner", "partner_name", "alert", "candidate_reason", "opened_on", "status",
            "decision", "reason", "remediation_deadline", "remediation_plan", "exit_on",
            "decided_by", "decided_at", "outcome", "closed_on", "follow_up_note", "version",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [name for name in fields if name != "alert"]


class DecideSerializer(StrictSerializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    reason = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True)
    remediation_deadline = serializers.DateField(required=False, allow_null=True)
    exit_on = serializers.DateField(required=False, allow_null=True)
    actions = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False,
        help_text="The remediation plan's actions, one title each.",
    )  # fmt: skip


class UnderperformerReviewFilter(django_filters.FilterSet):
    partner = IdOrSlugFilter(field_name="partner")

    class Meta:
        model = UnderperformerReview
        fields = ["partner", "status", "decision", "outcome"]


class UnderperformerReviewViewSet(ServiceModelViewSet):
    http_method_names = CREATE_AND_READ
    serializer_class = UnderperformerReviewSerializer
    permission_classes = [IsVendorStaff]
    create_service = services.underperformer_review_open
    filterset_class = UnderperformerReviewFilter
    search_fields = ["partner__name", "reason"]
    ordering_fields = ["opened_on", "decided_at", "remediation_deadline", "exit_on"]

    def get_queryset(self):
        if is_schema_request(self):  # schema generation: no user
            return UnderperformerReview.objects.none()
        return reviews_visible_to(user=self.request.user).order_by("-opened_on", "-pk")

    @extend_schema(request=DecideSerializer, responses=UnderperformerReviewSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        review = self.get_object()
        arguments = action_arguments(request, DecideSerializer)
        review = call_service(
            services.underperformer_review_decide, actor=request.user, review=review, **arguments
        )
        return Response(self.get_serializer(review).data)


def register(router) -> None:
    router.register("underperformer-reviews", UnderperformerReviewViewSet,
                    basename="underperformer-review")  # fmt: skip
