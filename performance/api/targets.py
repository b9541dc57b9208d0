"""`/api/v1/targets/`, `/api/v1/target-proposals/`, `/api/v1/actuals/`.

Staff see everything; a partner user sees only their own partner's rows. Proposing, countering
and accepting follow the services' rules (staff or the partner's admin; only the other side
accepts). Actuals are written by staff only.
"""

from django_filters.rest_framework import FilterSet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.selectors import membership_for_user, partners
from prm.lib.access import IsVendorStaffOrPartnerReadOnly, IsVendorStaffOrPartnerUser
from prm.lib.api import (
    FILTER_BACKENDS,
    IdFilter,
    ServiceModelViewSet,
    StrictSerializer,
    call_service,
    is_schema_request,
)
from prm.lib.exports import ExportListMixin
from prm.models import SHORT_TEXT

from ..models import Actual, Metric, Target, TargetProposal
from ..services import targets as services
from . import CREATE_AND_READ


def _scope(queryset, request, field="partner_id"):
    user = request.user
    if user.is_vendor_staff:
        return queryset
    return queryset.filter(**{field: membership_for_user(user=user).partner_id})


class TargetProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetProposal
        fields = ["id", "target", "side", "proposed_by", "action", "value", "comment",
                  "challenge_flag", "challenge_reason", "created_at"]  # fmt: skip
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    metric = serializers.SlugRelatedField(slug_field="key", queryset=Metric.objects.all())
    quarter = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=4,
        help_text="1–4, or null for the whole year.",
    )  # fmt: skip
    value = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, write_only=True,
        help_text="The proposed value (on create).",
    )  # fmt: skip
    comment = serializers.CharField(
        required=False, allow_blank=True, write_only=True, default="", max_length=SHORT_TEXT
    )
    proposals = TargetProposalSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = ["id", "partner", "metric", "year", "quarter", "status", "agreed_value",
                  "value", "comment", "proposals", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "agreed_value", "created_at", "updated_at"]
        validators = []  # uniqueness is the service's check, reported at the field


class CounterSerializer(StrictSerializer):
    value = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SHORT_TEXT
    )


class AcceptSerializer(StrictSerializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SHORT_TEXT
    )


class TargetFilter(FilterSet):
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = Target
        fields = ["partner", "year", "quarter", "status"]


class TargetViewSet(ServiceModelViewSet):
    # Targets are negotiated through their actions (counter, accept), never updated.
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerUser]
    serializer_class = TargetSerializer
    create_service = services.target_propose
    filterset_class = TargetFilter
    ordering_fields = ["year", "created_at"]
    ordering = ["-year", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = Target.objects.select_related("metric").prefetch_related("proposals")
        if is_schema_request(self):
            return queryset.none()
        return _scope(queryset, self.request).order_by("-year", "-id")

    @extend_schema(request=CounterSerializer, responses=TargetSerializer)
    @action(detail=True, methods=["post"])
    def counter(self, request, pk=None):
        target = self.get_object()
        data = CounterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(services.target_counter, actor=request.user, target=target,
                     **data.validated_data)  # fmt: skip
        return Response(TargetSerializer(self.get_queryset().get(pk=target.pk)).data)

    @extend_schema(request=AcceptSerializer, responses=TargetSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        target = self.get_object()
        data = AcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(services.target_accept, actor=request.user, target=target,
                     **data.validated_data)  # fmt: skip
        return Response(TargetSerializer(self.get_queryset().get(pk=target.pk)).data)


class TargetProposalViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerUser]
    serializer_class = TargetProposalSerializer
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["target", "side", "action"]
    ordering_fields = ["created_at"]
    ordering = ["created_at", "id"]

    def get_queryset(self):
        queryset = TargetProposal.objects.all()
        if is_schema_request(self):
            return queryset.none()
        return _scope(queryset, self.request, "target__partner_id").order_by("created_at", "id")


class ActualSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    metric = serializers.SlugRelatedField(slug_field="key", queryset=Metric.objects.all())
    quarter = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=4,
        help_text="1–4, or null for the whole year.",
    )  # fmt: skip

    class Meta:
        model = Actual
        fields = ["id", "partner", "metric", "year", "quarter", "value", "source",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["source", "created_at", "updated_at"]
        validators = []  # recording an actual twice overwrites it (the service upserts)


class ActualFilter(FilterSet):
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = Actual
        fields = ["partner", "year", "quarter", "source"]


class ActualViewSet(ServiceModelViewSet):
    # Recording an actual again overwrites it (the service upserts): there is no update.
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    serializer_class = ActualSerializer
    create_service = services.actual_record
    filterset_class = ActualFilter
    ordering_fields = ["year", "created_at"]
    ordering = ["-year", "-id"]

    def get_queryset(self):
        queryset = Actual.objects.select_related("metric")
        if is_schema_request(self):
            return queryset.none()
        return _scope(queryset, self.request).order_by("-year", "-id")


def register(router) -> None:
    router.register("targets", TargetViewSet, basename="target")
    router.register("target-proposals", TargetProposalViewSet, basename="target-proposal")
    router.register("actuals", ActualViewSet, basename="actual")
