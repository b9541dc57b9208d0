"""`/api/v1/deal-registrations/`: staff see and decide all; partner users see and register
their own partner's only (deciding is 403 for them). Writes go through the services."""

import django_filters
from django.db.models import Prefetch
from django_countries.serializer_fields import CountryField
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.selectors import membership_of, partners
from prm.lib.access import IsVendorStaffOrPartnerUser
from prm.lib.api import (
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.lib.list_filters import IdOrSlugFilter
from prm.models import SHORT_TEXT

from ..models import DEFAULT_PROTECTION_DAYS, DealRegistration
from ..selectors.deals import deals_visible_to
from ..services import deals as services
from ..services.deals import MAX_PROTECTION_DAYS, MIN_PROTECTION_DAYS
from . import CREATE_AND_READ


class DealRegistrationSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=partners(), required=False)
    country = CountryField()
    registered_by = serializers.StringRelatedField(allow_null=True)
    decided_by = serializers.StringRelatedField(allow_null=True)
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


class PartnerDealRegistrationSerializer(DealRegistrationSerializer):
    """A partner user's view of their registrations: how many other registrations compete for
    the customer, never which (their ids belong to other partners)."""

    conflicts = None
    conflict_count = serializers.SerializerMethodField()

    class Meta(DealRegistrationSerializer.Meta):
        fields = [
            *(name for name in DealRegistrationSerializer.Meta.fields if name != "conflicts"),
            "conflict_count",
        ]
        read_only_fields = [
            name for name in DealRegistrationSerializer.Meta.read_only_fields if name != "conflicts"
        ]

    def get_conflict_count(self, deal) -> int:
        return len(deal.conflicts.all())  # prefetched


class ApproveSerializer(StrictSerializer):
    protection_days = serializers.IntegerField(
        min_value=MIN_PROTECTION_DAYS, max_value=MAX_PROTECTION_DAYS,
        default=DEFAULT_PROTECTION_DAYS,
    )  # fmt: skip


class RejectSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=SHORT_TEXT)


class DealRegistrationFilter(django_filters.FilterSet):
    partner = IdOrSlugFilter(field_name="partner")

    class Meta:
        model = DealRegistration
        fields = ["partner", "status"]


class DealRegistrationViewSet(ServiceModelViewSet):
    # Registrations are decided through their actions (approve, reject, won, lost), never
    # updated or deleted. (A comment, not a docstring: the schema would show it.)
    http_method_names = CREATE_AND_READ
    permission_classes = [IsVendorStaffOrPartnerUser]
    create_service = services.deal_submit
    filterset_class = DealRegistrationFilter
    search_fields = ["customer_name", "customer_domain"]
    ordering_fields = ["created_at", "expected_close_on", "value", "status"]

    def get_serializer_class(self):
        if serves_partner_user(self):
            return PartnerDealRegistrationSerializer
        return DealRegistrationSerializer

    def get_queryset(self):
        if is_schema_request(self):  # schema generation: no user
            return DealRegistration.objects.none()
        return (
            deals_visible_to(user=self.request.user)
            .select_related("partner", "registered_by", "decided_by")
            # Only the ids: a page of 50 popular customers carries ~1,500 conflicts.
            .prefetch_related(Prefetch("conflicts", queryset=DealRegistration.objects.only("pk")))
            .order_by("-created_at", "-pk")
        )

    def create_data(self, serializer) -> dict:
        """A partner user registers for their own partner unless they name it; staff name it."""
        data = dict(serializer.validated_data)
        if data.get("partner") is None:
            user = self.request.user
            if user.is_vendor_staff:
                raise exceptions.ValidationError({"partner": "Choose the partner."})
            membership = membership_of(user=user)
            if membership is None:
                raise exceptions.PermissionDenied("You have no partner to register deals for.")
            data["partner"] = membership.partner
        return data

    def _decide(self, request, service, payload=None):
        # The registration first: another partner's is a 404 whatever the body says.
        deal = self.get_object()
        deal = call_service(service, actor=request.user, deal=deal,
                            **action_arguments(request, payload))  # fmt: skip
        return Response(self.get_serializer(deal).data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.deal_approve, ApproveSerializer)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.deal_reject, RejectSerializer)

    @action(detail=True, methods=["post"])
    def won(self, request, pk=None):
        return self._decide(request, services.deal_mark_won)

    @action(detail=True, methods=["post"])
    def lost(self, request, pk=None):
        return self._decide(request, services.deal_mark_lost)


def register(router) -> None:
    router.register("deal-registrations", DealRegistrationViewSet, basename="deal-registration")
