"""`/api/v1/incentive-programs/` and `/api/v1/incentive-claims/`.

Programs: staff read and write them (through the services), with their spending (`committed`,
`remaining`); a partner user reads only the programs open to their tier today, without any
spending figure: what other partners claimed is not theirs to see. Only a program without
claims can be deleted: one that has claims is financial history (the service refuses).

Claims: staff read all and decide them with the `approve`, `reject` and `pay` actions; a
partner user reads and requests their own partner's only (the partner comes from their
membership). A claim is never edited or deleted: it changes only through its decisions.
"""

from decimal import Decimal

import django_filters
from django.utils import timezone
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from partners import selectors as partner_selectors
from partners.models import PartnerMembership
from prm.lib.access import IsVendorStaffOrPartnerReadOnly
from prm.lib.api import (
    IdFilter,
    ServiceModelViewSet,
    StrictSerializer,
    action_arguments,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.models import SHORT_TEXT

from ..models import IncentiveClaim, IncentiveProgram, TargetedBehaviour
from ..selectors import claims as selectors
from ..selectors.claims import PROGRAM_STATES
from ..services import claims as services
from ..services import funds as fund_services
from .enablement import IsVendorStaffOrPartnerUser
from .funds import ProofFilesSerializer, ProofSerializer

MONEY = {"max_digits": 16, "decimal_places": 2}
_money = serializers.DecimalField(**MONEY)  # formats a sum as the API writes amounts

# --- programs ---------------------------------------------------------------------------------


class IncentiveProgramPortalSerializer(serializers.ModelSerializer):
    """What a partner user reads about a program: no spending figure."""

    eligible_tiers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = IncentiveProgram
        fields = [
            "id", "name", "kind", "targeted_behaviour", "behaviour_description", "budget",
            "currency", "starts_on", "ends_on", "eligible_tiers",
        ]  # fmt: skip
        read_only_fields = fields


class IncentiveProgramSerializer(serializers.ModelSerializer):
    """The staff resource: `committed` is what approved and paid claims spend of the budget."""

    eligible_tiers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=partner_selectors.tiers(), required=False,
        help_text="Tier ids; empty opens the program to every tier.",
    )  # fmt: skip
    committed = serializers.SerializerMethodField()
    remaining = serializers.SerializerMethodField()

    class Meta:
        model = IncentiveProgram
        fields = [*IncentiveProgramPortalSerializer.Meta.fields, "committed", "remaining",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        # The service checks the name's uniqueness (ignoring case) and says so at `name`.
        extra_kwargs = {"name": {"validators": []}}

    def _committed(self, program) -> Decimal:
        # Annotated by the selector (`programs_with_usage`): no query per row.
        return program.committed or Decimal("0")

    @extend_schema_field(serializers.DecimalField(**MONEY))
    def get_committed(self, program) -> str:
        return _money.to_representation(self._committed(program))

    @extend_schema_field(serializers.DecimalField(**MONEY))
    def get_remaining(self, program) -> str:
        return _money.to_representation(program.budget - self._committed(program))


class IncentiveProgramFilter(django_filters.FilterSet):
    active = django_filters.BooleanFilter(method="filter_active", label="Running today")
    # The program list page's names for these: ?behaviour= and ?state=running|upcoming|ended.
    behaviour = django_filters.ChoiceFilter(
        field_name="targeted_behaviour", choices=TargetedBehaviour.choices
    )
    state = django_filters.ChoiceFilter(choices=PROGRAM_STATES, method="filter_state")

    class Meta:
        model = IncentiveProgram
        fields = ["kind", "targeted_behaviour", "behaviour", "state", "currency", "active"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.program_list(state=value).values("pk"))

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        if value:
            return queryset.active_on(today)
        return queryset.exclude(starts_on__lte=today, ends_on__gte=today)


class IncentiveProgramViewSet(ServiceModelViewSet):
    """Staff manage programs and read their spending; partner users read those open to them."""

    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filterset_class = IncentiveProgramFilter
    search_fields = ["name", "behaviour_description"]
    ordering_fields = ["name", "starts_on", "ends_on", "budget", "created_at"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    create_service = services.incentive_program_create
    update_service = services.incentive_program_update
    delete_service = services.incentive_program_delete
    instance_argument = "program"

    def get_queryset(self):
        if is_schema_request(self):  # no user
            return IncentiveProgram.objects.none()
        return selectors.programs_visible_to(user=self.request.user)

    def get_serializer_class(self):
        if serves_partner_user(self):
            return IncentiveProgramPortalSerializer
        return IncentiveProgramSerializer

    def _with_usage(self, serializer):
        """The saved program as the list shows it, with its spending."""
        serializer.instance = selectors.programs_with_usage().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        self._with_usage(serializer)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._with_usage(serializer)


# --- claims -----------------------------------------------------------------------------------


class IncentiveClaimSerializer(serializers.ModelSerializer):
    """`partner` is required from staff; a partner user may leave it out (it is their own)."""

    partner = serializers.PrimaryKeyRelatedField(
        queryset=partner_selectors.partners(), required=False
    )
    program = serializers.PrimaryKeyRelatedField(queryset=IncentiveProgram.objects.all())
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    program_name = serializers.CharField(source="program.name", read_only=True)
    requested_by = serializers.StringRelatedField(allow_null=True)
    decided_by = serializers.StringRelatedField(allow_null=True)
    proofs = ProofSerializer(many=True, read_only=True)

    class Meta:
        model = IncentiveClaim
        fields = [
            "id", "program", "program_name", "partner", "partner_name", "amount", "currency",
            "description", "attributed_revenue", "status", "requested_by", "decided_by",
            "decided_at", "rejection_reason", "paid_at", "payment_reference", "fund_request",
            "proofs", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "currency", "status", "decided_at", "rejection_reason", "paid_at",
            "payment_reference", "fund_request", "created_at", "updated_at",
        ]  # fmt: skip

    def get_fields(self):
        fields = super().get_fields()
        membership = self.context.get("membership")
        if membership is not None:
            # A partner user's choices are what the portal offers them: their own partner and
            # the programs open to it today. Any other id is unknown, existing or not.
            fields["partner"].queryset = partner_selectors.partners().filter(
                pk=membership.partner_id
            )
            fields["program"].queryset = selectors.programs_eligible_for(partner=membership.partner)
        return fields


class ClaimRejectSerializer(StrictSerializer):
    reason = serializers.CharField(
        allow_blank=True, max_length=SHORT_TEXT, help_text="Shown to the partner."
    )


class ClaimPaySerializer(StrictSerializer):
    payment_reference = serializers.CharField(max_length=80, allow_blank=True)


class IncentiveClaimFilter(django_filters.FilterSet):
    # By id, not by choice among all rows: a partner user must not learn which ids exist.
    program = IdFilter(field_name="program")
    partner = IdFilter(field_name="partner")

    class Meta:
        model = IncentiveClaim
        fields = ["status", "program", "partner"]


class IncentiveClaimViewSet(ServiceModelViewSet):
    """Staff read and decide every claim; a partner user reads and requests their partner's."""

    serializer_class = IncentiveClaimSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    # Requested here, then changed only through the decision actions: never edited or deleted.
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.claim_request
    filterset_class = IncentiveClaimFilter
    search_fields = ["description", "partner__name", "program__name", "payment_reference"]
    ordering_fields = ["created_at", "amount", "status", "decided_at", "paid_at"]

    def get_queryset(self):
        if is_schema_request(self):  # no user
            return IncentiveClaim.objects.none()
        return selectors.claims_visible_to(user=self.request.user)

    @cached_property
    def membership(self) -> PartnerMembership | None:
        user = self.request.user
        if not getattr(user, "is_partner_user", False):
            return None
        return partner_selectors.membership_of(user=user)

    def get_serializer_context(self):
        # Every action, not only create: the browsable API renders the create form on the list.
        return {**super().get_serializer_context(), "membership": self.membership}

    def create_data(self, serializer) -> dict:
        """Staff name the partner who claims; a partner user claims for their own."""
        data = dict(serializer.validated_data)
        partner = data.pop("partner", None)
        if not self.request.user.is_vendor_staff:
            if self.membership is None:
                raise exceptions.PermissionDenied("You have no partner to claim incentives for.")
            partner = self.membership.partner
        elif partner is None:
            raise exceptions.ValidationError({"partner": "Choose the partner who claims."})
        return {**data, "partner": partner}

    def _decide(self, request, service, payload_class=None):
        claim = self.get_object()  # another partner's claim: 404 before anything else
        if not request.user.is_vendor_staff:
            raise exceptions.PermissionDenied("Only the vendor's channel team decides claims.")
        arguments = action_arguments(request, payload_class)
        claim = call_service(service, actor=request.user, claim=claim, **arguments)
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=None, responses=IncentiveClaimSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.claim_approve)

    @extend_schema(request=ClaimRejectSerializer, responses=IncentiveClaimSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.claim_reject, ClaimRejectSerializer)

    @extend_schema(request=ClaimPaySerializer, responses=IncentiveClaimSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        return self._decide(request, services.claim_pay, ClaimPaySerializer)

    @extend_schema(request=ProofFilesSerializer, responses={201: ProofSerializer(many=True)})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def proof(self, request, pk=None):
        """Attach proof of performance (multipart `files`) to a claim not decided yet."""
        claim = self.get_object()
        arguments = action_arguments(request, ProofFilesSerializer)
        proofs = call_service(
            fund_services.proof_attach, actor=request.user, claim=claim,
            files=arguments.get("files", []),
        )  # fmt: skip
        context = self.get_serializer_context()
        return Response(ProofSerializer(proofs, many=True, context=context).data, status=201)


def register(router) -> None:
    """API resources of the claims area."""
    router.register("incentive-programs", IncentiveProgramViewSet, basename="incentive-program")
    router.register("incentive-claims", IncentiveClaimViewSet, basename="incentive-claim")
