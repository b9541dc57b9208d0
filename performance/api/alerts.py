"""`/api/v1/alerts/`: what scoring runs found that needs a person. Vendor staff read them,
assign them, dismiss them with a reason and reopen them; alerts are never created, edited
or deleted through the API (runs raise and resolve them)."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.selectors import channel_managers
from prm.lib.access import IsVendorStaff
from prm.lib.api import (
    FILTER_BACKENDS,
    IdFilter,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
)
from prm.lib.exports import ExportListMixin
from prm.lib.list_filters import IdOrSlugFilter
from prm.models import SHORT_TEXT

from ..forms.alerts import ABOUT, STATUSES, WHOSE
from ..models import Alert, AlertKind
from ..selectors.alerts import alerts_visible_to, narrow_about, narrow_status, narrow_whose
from ..services import alerts as services


class AlertSerializer(serializers.ModelSerializer):
    """A program-wide alert has no partner: `partner` and `partner_name` are null and
    `program_wide` is true."""

    partner_name = serializers.SerializerMethodField()
    program_wide = serializers.BooleanField(source="is_program_wide", read_only=True)
    assigned_to = serializers.StringRelatedField(allow_null=True)
    dismissed_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Alert
        fields = [
            "id", "partner", "partner_name", "program_wide", "kind", "subject", "message", "fix",
            "status", "raised_on", "last_seen_on", "resolved_on", "assigned_to", "dismissed_by",
            "dismissed_reason", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_partner_name(self, alert) -> str | None:
        return None if alert.is_program_wide else alert.partner.name


class AssignSerializer(StrictSerializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=channel_managers(), allow_null=True)


class DismissSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=SHORT_TEXT)


class AlertFilter(filters.FilterSet):
    """The alert list page's filters (status, kind, whose, about, partner by id or slug) with
    the page's meanings, and the API's own (assigned_to, program_wide). Without `status` every
    alert is listed (the page starts at the open ones)."""

    partner = IdOrSlugFilter(field_name="partner")
    assigned_to = IdFilter(field_name="assigned_to")
    status = filters.ChoiceFilter(choices=STATUSES, method="filter_status")
    kind = filters.ChoiceFilter(choices=AlertKind.choices)
    whose = filters.ChoiceFilter(choices=WHOSE, method="filter_whose")
    about = filters.ChoiceFilter(choices=ABOUT[1:], method="filter_about")
    program_wide = filters.BooleanFilter(
        field_name="partner", lookup_expr="isnull", label="Program-wide (true) or about a partner"
    )

    class Meta:
        model = Alert
        fields = ["partner", "assigned_to", "status", "kind", "whose", "about", "program_wide"]

    def filter_status(self, queryset, name, value):
        return narrow_status(queryset, value)

    def filter_whose(self, queryset, name, value):
        return narrow_whose(queryset, user=self.request.user, whose=value)

    def filter_about(self, queryset, name, value):
        return narrow_about(queryset, value)


class AlertViewSet(ExportListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AlertSerializer
    permission_classes = [IsVendorStaff]
    filter_backends = FILTER_BACKENDS
    filterset_class = AlertFilter
    ordering_fields = ["raised_on", "last_seen_on", "kind", "status"]
    search_fields = ["message", "partner__name"]

    def get_queryset(self):
        if is_schema_request(self):  # schema generation: no user
            return Alert.objects.none()
        return alerts_visible_to(user=self.request.user).order_by("-last_seen_on", "-pk")

    def _act(self, request, service, payload=None):
        alert = self.get_object()
        alert = call_service(service, actor=request.user, alert=alert,
                             **action_arguments(request, payload))  # fmt: skip
        return Response(self.get_serializer(alert).data)

    @extend_schema(request=AssignSerializer, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._act(request, services.alert_assign, AssignSerializer)

    @extend_schema(request=DismissSerializer, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self._act(request, services.alert_dismiss, DismissSerializer)

    @extend_schema(request=None, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._act(request, services.alert_reopen)


def register(router) -> None:
    router.register("alerts", AlertViewSet, basename="alert")
