"""`/api/v1/contact-corrections/`: a partner user reads their partner's people corrections and
(a partner admin) proposes new ones; staff read every partner's and decide them with the
`accept` and `reject` actions. A correction is never edited or deleted: it changes only
through its decision."""

import django_filters
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

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

from .. import selectors, services
from ..models import Contact, ContactCorrection, OrgUnit


class ContactCorrectionSerializer(serializers.ModelSerializer):
    contact = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.none(), required=False, allow_null=True
    )
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.none(), required=False, allow_null=True
    )
    # Not `left_on`: that name is the contacts' internal history of who left (staff only); this
    # is the day the partner says the person left.
    left_date = serializers.DateField(source="left_on", required=False, allow_null=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    person_name = serializers.CharField(read_only=True)
    proposed_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = ContactCorrection
        fields = [
            "id", "partner", "partner_name", "kind", "contact", "person_name", "first_name",
            "last_name", "title", "email", "org_unit", "left_date", "note", "status",
            "proposed_by", "decided_by", "decided_at", "rejection_reason", "created_contact",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "partner", "status", "decided_at", "rejection_reason", "created_contact",
            "created_at", "updated_at",
        ]  # fmt: skip
        validators = []  # one open correction per person and kind: the service says so

    def get_fields(self):
        fields = super().get_fields()
        membership = self.context.get("membership")
        if membership is not None:
            # A partner user names only their own partner's people and units: any other id is
            # unknown, existing or not.
            fields["contact"].queryset = selectors.portal_people(partner=membership.partner)
            fields["org_unit"].queryset = selectors.org_units(partner=membership.partner)
        return fields


class CorrectionRejectSerializer(StrictSerializer):
    reason = serializers.CharField(
        allow_blank=True, max_length=SHORT_TEXT, help_text="Shown to the partner."
    )


class ContactCorrectionFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner")
    contact = IdFilter(field_name="contact")

    class Meta:
        model = ContactCorrection
        fields = ["status", "kind", "partner", "contact"]


class ContactCorrectionViewSet(ServiceModelViewSet):
    serializer_class = ContactCorrectionSerializer
    permission_classes = [IsVendorStaffOrPartnerUser]
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.contact_correction_propose
    filterset_class = ContactCorrectionFilter
    search_fields = ["first_name", "last_name", "title", "contact__first_name",
                     "contact__last_name", "partner__name"]  # fmt: skip
    ordering_fields = ["created_at", "decided_at", "status", "kind"]

    def get_queryset(self):
        if is_schema_request(self):  # no user
            return ContactCorrection.objects.none()
        return selectors.corrections_visible_to(user=self.request.user)

    @cached_property
    def membership(self):
        user = self.request.user
        if not getattr(user, "is_partner_user", False):
            return None
        return selectors.membership_of(user=user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "membership": self.membership}

    def create_data(self, serializer) -> dict:
        if self.membership is None:
            raise exceptions.PermissionDenied("Partner admins propose corrections of their people.")
        return {**serializer.validated_data, "partner": self.membership.partner}

    def perform_create(self, serializer):
        try:
            super().perform_create(serializer)
        except exceptions.ValidationError as error:
            # The service names the model's field; the resource calls it `left_date`.
            if isinstance(error.detail, dict) and "left_on" in error.detail:
                error.detail["left_date"] = error.detail.pop("left_on")
            raise

    def _decide(self, request, service, payload_class=None):
        correction = self.get_object()  # another partner's: 404 before anything else
        if not request.user.is_vendor_staff:
            raise exceptions.PermissionDenied("Only the vendor's channel team decides corrections.")
        arguments = action_arguments(request, payload_class)
        correction = call_service(service, actor=request.user, correction=correction, **arguments)
        return Response(self.get_serializer(correction).data)

    @extend_schema(request=None, responses=ContactCorrectionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, services.contact_correction_accept)

    @extend_schema(request=CorrectionRejectSerializer, responses=ContactCorrectionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.contact_correction_reject, CorrectionRejectSerializer)
