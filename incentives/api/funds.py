"""`/api/v1/fund-requests/`: market development funds.

A partner user reads and requests their own partner's fund requests (the partner comes from
their membership; a read-only portal role reads only), claims approved funds with the `claim`
action (multipart: `amount`, `description`, `attributed_revenue`, one or more `files` of proof)
and cancels with `cancel`. Staff read every request and decide with `approve` (optionally a
lower `approved_amount`) and `reject` (a `reason`). More proof for a claim not decided yet goes
to `/api/v1/incentive-claims/{id}/proof/` (multipart `files`). Proof files are downloaded
through the pages' permission-checked views (`download` of each proof).
"""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from partners import selectors as partner_selectors
from partners.models import PartnerMembership
from prm.lib.access import IsVendorStaffOrPartnerUser
from prm.lib.api import (
    IdFilter,
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
)
from prm.models import SHORT_TEXT

from ..models import FundRequest, IncentiveClaim, IncentiveProgram, ProofOfPerformance
from ..selectors import funds as selectors
from ..services import funds as services


class ProofSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ProofOfPerformance
        fields = ["id", "original_name", "kind", "size", "created_at", "download"]
        read_only_fields = fields

    def get_download(self, proof) -> str:
        request = self.context.get("request")
        staff = bool(request and request.user.is_vendor_staff)
        name = "incentives:proof-download" if staff else "incentives-portal:proof-download"
        url = reverse(name, args=[proof.pk])
        return request.build_absolute_uri(url) if request else url


class FundClaimSerializer(serializers.ModelSerializer):
    proofs = ProofSerializer(many=True, read_only=True)

    class Meta:
        model = IncentiveClaim
        fields = [
            "id", "amount", "currency", "description", "attributed_revenue", "status",
            "decided_at", "rejection_reason", "paid_at", "payment_reference", "created_at",
            "proofs",
        ]  # fmt: skip
        read_only_fields = fields


class FundRequestSerializer(serializers.ModelSerializer):
    """`partner` is required from staff; a partner user may leave it out (it is their own)."""

    partner = serializers.PrimaryKeyRelatedField(
        queryset=partner_selectors.partners(), required=False
    )
    program = serializers.PrimaryKeyRelatedField(queryset=IncentiveProgram.objects.all())
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    program_name = serializers.CharField(source="program.name", read_only=True)
    requested_by = serializers.StringRelatedField()
    claims = FundClaimSerializer(many=True, read_only=True)
    # Let the service say what is missing, at its field, like the pages do.
    activity = serializers.CharField(max_length=200, allow_blank=True, required=False)
    expected_results = serializers.CharField(max_length=10_000, allow_blank=True, required=False)
    description = serializers.CharField(max_length=10_000, allow_blank=True, required=False)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False,
                                      allow_null=True)  # fmt: skip

    class Meta:
        model = FundRequest
        fields = [
            "id", "partner", "partner_name", "program", "program_name", "activity",
            "description", "starts_on", "ends_on", "expected_results", "amount", "currency",
            "status", "approved_amount", "claimed_total", "reason", "requested_by",
            "decided_at", "claims", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "currency", "status", "approved_amount", "claimed_total", "reason", "decided_at",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        membership = self.context.get("membership")
        if membership is not None:
            # A partner user's choices: their own partner and the MDF programs open to it.
            fields["partner"].queryset = partner_selectors.partners().filter(
                pk=membership.partner_id
            )
            fields["program"].queryset = selectors.mdf_programs_for(partner=membership.partner)
        return fields


class FundRequestApproveSerializer(StrictSerializer):
    approved_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True,
        help_text="Leave out to approve the amount asked.",
    )  # fmt: skip
    reason = serializers.CharField(allow_blank=True, required=False, max_length=SHORT_TEXT)


class FundRequestRejectSerializer(StrictSerializer):
    reason = serializers.CharField(
        allow_blank=True, max_length=SHORT_TEXT, help_text="Shown to the partner."
    )


class ProofFilesSerializer(StrictSerializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), allow_empty=True, required=False,
        help_text="Proof of performance: PDF, PNG, JPEG or CSV files.",
    )  # fmt: skip


class FundClaimRequestSerializer(ProofFilesSerializer):
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    description = serializers.CharField(allow_blank=True, required=False, max_length=10_000)
    attributed_revenue = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )


class FundRequestFilter(django_filters.FilterSet):
    # By id, not by choice among all rows: a partner user must not learn which ids exist.
    program = IdFilter(field_name="program")
    partner = IdFilter(field_name="partner")

    class Meta:
        model = FundRequest
        fields = ["status", "program", "partner", "currency"]


class FundRequestViewSet(ServiceModelViewSet):
    """Partner users request and claim their own partner's funds; staff decide."""

    serializer_class = FundRequestSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    # Requested here, then changed only through the actions: never edited or deleted.
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.fund_request_create
    filterset_class = FundRequestFilter
    search_fields = ["activity", "expected_results", "partner__name", "program__name"]
    ordering_fields = ["created_at", "amount", "starts_on", "status", "decided_at"]

    def get_queryset(self):
        if is_schema_request(self):
            return FundRequest.objects.none()
        return selectors.fund_requests_visible_to(user=self.request.user)

    @cached_property
    def membership(self) -> PartnerMembership | None:
        user = self.request.user
        if not getattr(user, "is_partner_user", False):
            return None
        return partner_selectors.membership_of(user=user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "membership": self.membership}

    def create_data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        partner = data.pop("partner", None)
        if not self.request.user.is_vendor_staff:
            if self.membership is None:
                raise exceptions.PermissionDenied("You have no partner to request funds for.")
            partner = self.membership.partner
        elif partner is None:
            raise exceptions.ValidationError({"partner": "Choose the partner who requests."})
        return {**data, "partner": partner}

    def _fresh(self, fund_request):
        return self.get_serializer(self.get_queryset().get(pk=fund_request.pk)).data

    def _decide(self, request, service, payload_class):
        fund_request = self.get_object()  # another partner's request: 404 before anything else
        if not request.user.is_vendor_staff:
            raise exceptions.PermissionDenied("Only the vendor's channel team decides requests.")
        arguments = action_arguments(request, payload_class)
        fund_request = call_service(
            service, actor=request.user, fund_request=fund_request, **arguments
        )
        return Response(self._fresh(fund_request))

    @extend_schema(request=FundRequestApproveSerializer, responses=FundRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.fund_request_approve, FundRequestApproveSerializer)

    @extend_schema(request=FundRequestRejectSerializer, responses=FundRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.fund_request_reject, FundRequestRejectSerializer)

    @extend_schema(request=None, responses=FundRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        fund_request = self.get_object()
        call_service(services.fund_request_cancel, actor=request.user, fund_request=fund_request)
        return Response(self._fresh(fund_request))

    @extend_schema(request=FundClaimRequestSerializer, responses={201: FundClaimSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def claim(self, request, pk=None):
        fund_request = self.get_object()
        arguments = action_arguments(request, FundClaimRequestSerializer)
        claim = call_service(
            services.fund_request_claim, actor=request.user, fund_request=fund_request,
            **arguments,
        )  # fmt: skip
        return Response(FundClaimSerializer(claim, context=self.get_serializer_context()).data,
                        status=201)  # fmt: skip


def register(router) -> None:
    """API resources of market development funds."""
    router.register("fund-requests", FundRequestViewSet, basename="fund-request")
