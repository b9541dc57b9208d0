"""`/api/v1/program-tiers/`, `/api/v1/benefits/`, `/api/v1/resources/`.

Staff read everything and manage benefits (through the services); tiers and resources are
read-only here. A partner user reads their own tier, its benefits and the resources their tier
allows. Resources never expose a file URL, only the download view that checks access.
"""

from django.urls import reverse
from rest_framework import permissions, serializers, viewsets

from partners.models import ProgramTier
from prm.lib.access import IsVendorStaffOrPartnerReadOnly
from prm.lib.api import FILTER_BACKENDS, ServiceModelViewSet, is_schema_request
from prm.lib.exports import ExportListMixin

from ..models import Benefit, Resource, TierRequirement
from ..selectors import program as selectors
from ..services import program as services


class TierRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = TierRequirement
        fields = ["min_annual_revenue", "min_certified_people", "min_audit_score"]


class BenefitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benefit
        fields = ["id", "tier", "kind", "value", "amount"]
        validators = []  # one benefit of a kind per tier: checked by the service, at `kind`


class ProgramTierSerializer(serializers.ModelSerializer):
    requirement = serializers.SerializerMethodField()
    benefits = BenefitSerializer(many=True, read_only=True)

    class Meta:
        model = ProgramTier
        fields = ["id", "name", "rank", "review_cadence_days", "description", "requirement",
                  "benefits"]  # fmt: skip

    def get_requirement(self, tier) -> dict | None:
        requirement = getattr(tier, "requirement", None)
        return TierRequirementSerializer(requirement).data if requirement else None


class ResourceSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = ["id", "title", "description", "category", "minimum_tier", "kind",
                  "download_url", "link"]  # fmt: skip

    def get_kind(self, resource) -> str:
        return "file" if resource.file else "link"

    def get_link(self, resource) -> str:
        return resource.link or ""

    def get_download_url(self, resource) -> str | None:
        if not resource.file:
            return None
        user = self.context["request"].user
        name = "incentives:" if user.is_vendor_staff else "incentives-portal:"
        return reverse(f"{name}resource-download", args=[resource.pk])


class ProgramTierViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgramTierSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = FILTER_BACKENDS
    ordering = ["rank"]

    def get_queryset(self):
        if is_schema_request(self):
            return selectors.tiers_with_terms().none()
        return selectors.tiers_visible_to(user=self.request.user)


class BenefitViewSet(ServiceModelViewSet):
    """What each tier gives partners: staff manage them; a partner user reads their tier's."""

    serializer_class = BenefitSerializer
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filterset_fields = ["tier", "kind"]
    ordering = ["tier__rank", "kind"]
    create_service = services.benefit_create
    update_service = services.benefit_update
    delete_service = services.benefit_delete
    instance_argument = "benefit"

    def get_queryset(self):
        if is_schema_request(self):
            return Benefit.objects.none()
        return selectors.benefits_visible_to(user=self.request.user)


class ResourceViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ResourceSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = FILTER_BACKENDS
    filterset_fields = ["category", "minimum_tier"]
    ordering = ["category", "title"]

    def get_queryset(self):
        if is_schema_request(self):
            return Resource.objects.none()
        return selectors.resources_visible_to(user=self.request.user).order_by("category", "title")


def register(router) -> None:
    router.register("program-tiers", ProgramTierViewSet, basename="program-tier")
    router.register("benefits", BenefitViewSet, basename="benefit")
    router.register("resources", ResourceViewSet, basename="resource")
