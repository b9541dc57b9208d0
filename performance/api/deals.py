"""`/api/v1/deal-registrations/`: staff see and decide all; partner users see and register
their own partner's only (deciding is 403 for them). Writes go through the services."""

import django_filters
from django_countries.serializer_fields import CountryField
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.models import Partner, PartnerMembership
from prm.lib.api import FILTER_BACKENDS, call_service

from ..models import DEFAULT_PROTECTION_DAYS, DealRegistration
from ..selectors.deals import deals_visible_to
from ..services import deals as services
from ..services.deals import MAX_PROTECTION_DAYS, MIN_PROTECTION_DAYS


class IsVendorStaffOrPartnerUser(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(
            user and user.is_authenticated and (user.is_vendor_staff or user.is_partner_user)
        )


class DealRegistrationSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(), required=False)
    country = CountryField()
    registered_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    conflicts = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = DealRegistration
        fields = [
            "id", "partner", "registered_by", "customer_name", "customer_domain", "country",
            "value", "currency", "expected_close_on", "products", "notes", "status",
            "decided_by", "decided_at", "rejection_reason", "protection_until", "closed_at",
            "conflicts", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "decided_by", "decided_at", "rejection_reason", "protection_until",
            "closed_at", "conflicts", "created_at", "updated_at",
        ]  # fmt: skip


class ApproveSerializer(serializers.Serializer):
    protection_days = serializers.IntegerField(
        min_value=MIN_PROTECTION_DAYS, max_value=MAX_PROTECTION_DAYS,
        default=DEFAULT_PROTECTION_DAYS,
    )  # fmt: skip


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField()


class DealRegistrationFilter(django_filters.FilterSet):
    class Meta:
        model = DealRegistration
        fields = ["partner", "status"]


class DealRegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DealRegistrationSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    filter_backends = FILTER_BACKENDS
    filterset_class = DealRegistrationFilter
    search_fields = ["customer_name", "customer_domain"]
    ordering_fields = ["created_at", "expected_close_on", "value", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return DealRegistration.objects.none()
        return (
            deals_visible_to(user=self.request.user)
            .select_related("partner", "registered_by", "decided_by")
            .prefetch_related("conflicts")
            .order_by("-created_at", "-pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        partner = data.pop("partner", None)
        if partner is None:
            if user.is_vendor_staff:
                raise exceptions.ValidationError({"partner": "Choose the partner."})
            membership = PartnerMembership.objects.select_related("partner").filter(user=user)
            if not membership:
                raise exceptions.PermissionDenied("You have no partner to register deals for.")
            partner = membership[0].partner
        serializer.instance = call_service(
            services.deal_submit, actor=user, partner=partner, **data
        )

    def _decide(self, request, service, **kwargs):
        deal = self.get_object()
        deal = call_service(service, actor=request.user, deal=deal, **kwargs)
        return Response(self.get_serializer(deal).data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        payload = ApproveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._decide(request, services.deal_approve, **payload.validated_data)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._decide(request, services.deal_reject, **payload.validated_data)

    @action(detail=True, methods=["post"])
    def won(self, request, pk=None):
        return self._decide(request, services.deal_mark_won)

    @action(detail=True, methods=["post"])
    def lost(self, request, pk=None):
        return self._decide(request, services.deal_mark_lost)


def register(router) -> None:
    router.register("deal-registrations", DealRegistrationViewSet, basename="deal-registration")
