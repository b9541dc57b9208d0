"""`/api/v1/performance-audits/`: staff CRUD through the services; partner users read only their
own partner's shared audits, scores only (no notes), and cannot write."""

from django_filters.rest_framework import FilterSet
from rest_framework import serializers

from partners.selectors import membership_for_user, partners
from prm.lib.access import IsVendorStaffOrPartnerReadOnly
from prm.lib.api import (
    FixedOnUpdate,
    IdFilter,
    ServiceModelViewSet,
    is_schema_request,
    serves_partner_user,
)

from ..models.audits import CRITERIA, PerformanceAudit
from ..selectors import audits as selectors
from ..services import audits as services

NOTE_FIELDS = [f"{name}_note" for name in CRITERIA]


class PerformanceAuditSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    audited_by = serializers.PrimaryKeyRelatedField(read_only=True)
    total = serializers.SerializerMethodField()
    classification = serializers.SerializerMethodField()
    area_scores = serializers.SerializerMethodField()

    class Meta:
        model = PerformanceAudit
        fields = ["id", "partner", "audited_on", "audited_by", "share_with_partner", "summary",
                  *CRITERIA, *NOTE_FIELDS, "total", "classification", "area_scores",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def _result(self, audit):
        cache = self.context.setdefault("results", {})
        if audit.pk not in cache:
            cache[audit.pk] = selectors.result_for(audit, self.context.get("weights"))
        return cache[audit.pk]

    def get_total(self, audit) -> float:
        return self._result(audit).total

    def get_classification(self, audit) -> str:
        return self._result(audit).classification

    def get_area_scores(self, audit) -> dict[str, float]:
        return {area.key: area.average for area in self._result(audit).areas}


class SharedAuditSerializer(PerformanceAuditSerializer):
    """What a partner user sees: scores and the result, never notes, summary or the auditor."""

    class Meta(PerformanceAuditSerializer.Meta):
        fields = ["id", "partner", "audited_on", *CRITERIA, "total", "classification",
                  "area_scores"]  # fmt: skip


class PerformanceAuditFilter(FilterSet):
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = PerformanceAudit
        fields = ["partner", "share_with_partner", "audited_on"]


class PerformanceAuditViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    create_service = services.audit_create
    update_service = services.audit_update
    delete_service = services.audit_delete
    instance_argument = "audit"
    filterset_class = PerformanceAuditFilter
    ordering_fields = ["audited_on", "created_at"]
    ordering = ["-audited_on", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = PerformanceAudit.objects.select_related("partner")
        if is_schema_request(self):
            return queryset.none()
        user = self.request.user
        if user.is_vendor_staff:
            return queryset.order_by("-audited_on", "-pk")
        membership = membership_for_user(user=user)
        return queryset.filter(partner_id=membership.partner_id, share_with_partner=True).order_by(
            "-audited_on", "-pk"
        )

    def get_serializer_class(self):
        return SharedAuditSerializer if serves_partner_user(self) else PerformanceAuditSerializer

    def get_serializer_context(self):
        if is_schema_request(self):  # the schema needs the fields, not the weights
            return super().get_serializer_context()
        return super().get_serializer_context() | {"weights": selectors.current_weights()}


def register(router) -> None:
    router.register("performance-audits", PerformanceAuditViewSet, basename="performance-audit")
