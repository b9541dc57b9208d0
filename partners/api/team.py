"""REST resources of the portal team: `/api/v1/memberships/` and `/api/v1/invitations/`.

Staff see and manage every partner's; a partner admin their own partner's; a member or viewer
reads their own partner's memberships and is refused (403) any change. Writes go through the
team services; what they refuse is a 400 with field errors, or a 403.
"""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from prm.lib.access import IsVendorStaffOrPartnerUser, is_vendor_staff
from prm.lib.api import (
    IdFilter,
    ServiceModelViewSet,
    call_service,
    is_schema_request,
)

from .. import selectors, services
from ..models import Invitation, Partner, PartnerMembership


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    last_login = serializers.DateTimeField(
        source="user.last_login", read_only=True, allow_null=True
    )

    class Meta:
        model = PartnerMembership
        fields = [
            "id", "partner", "user", "username", "name", "email", "role", "is_active",
            "last_login", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["partner", "user", "created_at", "updated_at"]


class MembershipFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner")
    is_active = django_filters.BooleanFilter(field_name="user__is_active")

    class Meta:
        model = PartnerMembership
        fields = ["partner", "role", "is_active"]


# A partner's portal users. Created by accepting an invitation (`/api/v1/invitations/`), never
# here; `PATCH {"role": …}` changes a role, `POST …/deactivate/` and `…/reactivate/` end and
# restore someone's access. Staff and partner admins only; the last active partner admin stays.
# (POST to the list answers 405 and is left out of the schema; PUT is not offered: PATCH.)
@extend_schema_view(create=extend_schema(exclude=True))
class MembershipViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerUser]
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    ordering_fields = ["user__username", "role", "created_at", "user__last_login"]
    ordering = ["user__username"]
    http_method_names = ["get", "patch", "post", "head", "options"]
    update_service = staticmethod(services.membership_set_role)
    instance_argument = "membership"

    def get_queryset(self):
        if is_schema_request(self):
            return PartnerMembership.objects.none()
        return selectors.visible_memberships(user=self.request.user).order_by(*self.ordering, "pk")

    def create(self, request, *args, **kwargs):
        return Response(
            {"detail": "Portal users join through an invitation: POST /api/v1/invitations/."},
            status=405,
        )

    def update_data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        if "role" not in data:
            raise serializers.ValidationError({"role": ["This field is required."]})
        return data

    def _toggle(self, request, service):
        membership = call_service(service, actor=request.user, membership=self.get_object())
        membership.user.refresh_from_db(fields=["is_active"])
        return Response(MembershipSerializer(membership, context={"request": request}).data)

    @extend_schema(request=None, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._toggle(request, services.membership_deactivate)

    @extend_schema(request=None, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        return self._toggle(request, services.membership_reactivate)


class InvitationSerializer(serializers.ModelSerializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(), required=False)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id", "partner", "email", "role", "status", "invited_by", "sent_at", "expires_at",
            "accepted_at", "revoked_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "invited_by", "sent_at", "expires_at", "accepted_at", "revoked_at",
            "created_at", "updated_at",
        ]  # fmt: skip
        validators = []  # one open invitation per address: the service says so at `email`


class InvitationFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner")
    open = django_filters.BooleanFilter(method="filter_open", label="Neither accepted nor revoked")

    class Meta:
        model = Invitation
        fields = ["partner", "role", "open"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.open() if value else queryset.exclude(pk__in=queryset.open().values("pk"))


class IsStaffOrPartnerAdmin(BasePermission):
    """Invitations are the business of vendor staff and partner admins."""

    message = "Only vendor staff and partner admins manage invitations."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if is_vendor_staff(user):
            return True
        if not user.is_partner_user:
            return False
        membership = selectors.membership_of(user=user)
        return bool(membership and membership.is_partner_admin)


# Invitations to a partner's portal. `POST {"email", "role"}` invites (staff also name the
# `partner`; a partner admin invites to their own) and emails the link; `POST …/resend/` sends a
# fresh link, `POST …/revoke/` withdraws it. Invitations are not edited or deleted.
class InvitationViewSet(ServiceModelViewSet):
    permission_classes = [IsStaffOrPartnerAdmin]
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    search_fields = ["email"]
    ordering_fields = ["created_at", "expires_at", "email"]
    ordering = ["-created_at"]
    http_method_names = ["get", "post", "head", "options"]
    create_service = staticmethod(services.invitation_create)

    def get_queryset(self):
        if is_schema_request(self):
            return Invitation.objects.none()
        queryset = selectors.visible_invitations(user=self.request.user)
        return queryset.order_by(*self.ordering, "-pk")

    def create_data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        if is_vendor_staff(self.request.user):
            if data.get("partner") is None:
                raise serializers.ValidationError({"partner": ["Name the partner to invite to."]})
        else:
            data["partner"] = selectors.membership_for_user(user=self.request.user).partner
        return data

    def _act(self, request, service):
        invitation = call_service(service, actor=request.user, invitation=self.get_object())
        return Response(InvitationSerializer(invitation, context={"request": request}).data)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        return self._act(request, services.invitation_resend)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._act(request, services.invitation_revoke)


def register(router) -> None:
    router.register("memberships", MembershipViewSet, basename="membership")
    router.register("invitations", InvitationViewSet, basename="invitation")
