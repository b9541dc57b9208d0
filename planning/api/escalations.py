"""`/api/v1/escalations/`: staff read, log, change and resolve (through the services); partner
users read their own partner's only, without our internal notes, and write nothing (403)."""

import django_filters
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.selectors import membership_of, partners
from prm.lib.access import IsVendorStaffOrPartnerReadOnly, is_vendor_staff
from prm.lib.api import (
    FixedOnUpdate,
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.lib.list_filters import IdOrSlugFilter
from prm.models import LONG_TEXT

from ..models import Escalation, EscalationOutcome
from ..selectors.escalations import escalations
from ..services import escalations as services

PORTAL_FIELDS = ["id", "partner", "customer", "summary", "severity", "opened_on",
                 "resolved_on", "effort_hours", "outcome", "partner_notes", "created_at",
                 "updated_at"]  # fmt: skip


class EscalationSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    logged_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Escalation
        fields = [*PORTAL_FIELDS[:-2], "internal_notes", "logged_by", "version", "created_at",
                  "updated_at"]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]
        validators = []  # the service checks the row, each error at its field


class PortalEscalationSerializer(serializers.ModelSerializer):
    """What a partner user reads: the facts and our hours, never our internal notes."""

    class Meta:
        model = Escalation
        fields = PORTAL_FIELDS
        read_only_fields = PORTAL_FIELDS


class ResolveSerializer(StrictSerializer):
    outcome = serializers.ChoiceField(
        choices=[c for c in EscalationOutcome.choices if c[0] != EscalationOutcome.OPEN]
    )
    resolved_on = serializers.DateField()
    effort_hours = serializers.DecimalField(max_digits=7, decimal_places=1, required=False)
    partner_notes = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)


class EscalationFilter(django_filters.FilterSet):
    partner = IdOrSlugFilter(field_name="partner")
    opened_after = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_before = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte")
    open = django_filters.BooleanFilter(method="filter_open", label="Open (true) or resolved")

    class Meta:
        model = Escalation
        fields = ["partner", "severity", "outcome"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(outcome=EscalationOutcome.OPEN)
        return queryset.exclude(outcome=EscalationOutcome.OPEN)


class EscalationViewSet(ServiceModelViewSet):
    # No delete: an escalation is history (405). (A comment: the schema would show a docstring.)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    create_service = services.escalation_log
    update_service = services.escalation_update
    instance_argument = "escalation"
    filterset_class = EscalationFilter
    search_fields = ["customer", "summary"]
    ordering_fields = ["opened_on", "resolved_on", "effort_hours", "severity", "created_at"]
    ordering = ["-opened_on", "-id"]
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        if serves_partner_user(self):
            return PortalEscalationSerializer
        return EscalationSerializer

    def get_queryset(self):
        if is_schema_request(self):
            return Escalation.objects.none()
        queryset = escalations()
        user = self.request.user
        if not is_vendor_staff(user):
            membership = membership_of(user=user)
            if membership is None:
                return queryset.none()
            queryset = queryset.filter(partner_id=membership.partner_id)
        return queryset.order_by("-opened_on", "-pk")

    def update_data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        data.pop("partner", None)
        return data

    @action(detail=True, methods=["post"], serializer_class=EscalationSerializer)
    def resolve(self, request, pk=None):
        escalation = self.get_object()  # another partner's: 404 whatever the body says
        escalation = call_service(services.escalation_resolve, actor=request.user,
                                  escalation=escalation,
                                  **action_arguments(request, ResolveSerializer))  # fmt: skip
        return Response(EscalationSerializer(escalation).data)


def register(router) -> None:
    router.register("escalations", EscalationViewSet, basename="escalation")
