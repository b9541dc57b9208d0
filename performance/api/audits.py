"""`/api/v1/performance-audits/`: staff CRUD through the services; partner users read only their
own partner's shared audits, scores only (no notes), and cannot write."""

from django_filters.rest_framework import FilterSet, NumberFilter
from rest_framework import serializers, viewsets

from partners.models import Partner
from partners.selectors import membership_for_user
from prm.lib.access import IsVendorStaffOrPartnerReadOnly
from prm.lib.api import FILTER_BACKENDS, call_service

from ..models.audits import CRITERIA, PerformanceAudit
from ..selectors import audits as selectors
from ..services import audits as services

NOTE_FIELDS = [f"{name}_note" for name in CRITERIA]


class PerformanceAuditSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all())
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

    def validate(self, attrs):
        changed = self.instance is not None and "partner" in attrs
        if changed and attrs.pop("partner") != self.instance.partner:
            raise serializers.ValidationError(
                {"partner": "This cannot be changed; create a new audit instead."}
            )
        return attrs


class SharedAuditSerializer(PerformanceAuditSerializer):
    """What a partner user sees: scores and the result, never notes, summary or the auditor."""

    class Meta(PerformanceAuditSerializer.Meta):
        fields = ["id", "partner", "audited_on", *CRITERIA, "total", "classification",
                  "area_scores"]  # fmt: skip


class PerformanceAuditFilter(FilterSet):
    partner = NumberFilter(field_name="partner_id")

    class Meta:
        model = PerformanceAudit
        fields = ["partner", "share_with_partner", "audited_on"]


class PerformanceAuditViewSet(viewsets.ModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filter_backends = FILTER_BACKENDS
    filterset_class = PerformanceAuditFilter
    ordering_fields = ["audited_on", "created_at"]
    ordering = ["-audited_on", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = PerformanceAudit.objects.select_related("partner")
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        user = self.request.user
        if user.is_vendor_staff:
            return queryset.order_by("-audited_on", "-pk")
        membership = membership_for_user(user=user)
        return queryset.filter(partner_id=membership.partner_id, share_with_partner=True).order_by(
            "-audited_on", "-pk"
        )

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return PerformanceAuditSerializer  # one documented schema, whoever asks
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated and not user.is_vendor_staff:
            return SharedAuditSerializer
        return PerformanceAuditSerializer

    def get_serializer_context(self):
        return super().get_serializer_context() | {"weights": selectors.current_weights()}

    def perform_create(self, serializer):
        serializer.instance = call_service(
            services.audit_create, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = call_service(
            services.audit_update, actor=self.request.user, audit=serializer.instance,
            **serializer.validated_data,
        )  # fmt: skip

    def perform_destroy(self, instance):
        call_service(services.audit_delete, actor=self.request.user, audit=instance)


def register(router) -> None:
    router.register("performance-audits", PerformanceAuditViewSet, basename="performance-audit")
