"""REST resources of the partner registry. Staff read and write; partner users read their own."""

from functools import partial

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django_countries.serializer_fields import CountryField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, serializers, viewsets

from prm.lib.access import IsVendorStaffOrPartnerReadOnly

from . import selectors, services
from .models import Partner, ProgramTier, Segment, Territory


def _is_vendor_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_vendor_staff)


def call_service(function, **kwargs):
    """Run a service, turning its Django errors into DRF's 400 and 403 answers."""
    try:
        return function(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error)) from error


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "name", "code", "capacity", "description", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class SegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Segment
        fields = ["id", "name", "is_sweet_spot", "description", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class PartnerSerializer(serializers.ModelSerializer):
    """The whole partner, internal fields included: vendor staff only."""

    country = CountryField()
    tier = serializers.PrimaryKeyRelatedField(
        queryset=ProgramTier.objects.all(), allow_null=True, required=False
    )
    territories = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), many=True, required=False
    )
    segments = serializers.PrimaryKeyRelatedField(
        queryset=Segment.objects.all(), many=True, required=False
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=selectors.channel_managers(), allow_null=True, required=False
    )
    annual_revenue = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, allow_null=True, required=False
    )

    class Meta:
        model = Partner
        fields = [
            "id", "name", "slug", "website", "country", "partner_type", "synergy_type", "status",
            "tier", "owner", "territories", "segments", "employee_count", "annual_revenue",
            "product_position", "joined_on", "description", "phone", "business_drivers",
            "revenue_model", "differentiation", "internal_notes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["slug", "created_at", "updated_at"]
        validators = []  # uniqueness of name per country is checked by the service, at `name`


class PartnerPortalSerializer(serializers.ModelSerializer):
    """What a partner user may read about their own company: no internal field."""

    country = CountryField()
    tier = serializers.StringRelatedField()
    territories = serializers.StringRelatedField(many=True)
    segments = serializers.StringRelatedField(many=True)

    class Meta:
        model = Partner
        fields = ["id", *Partner.PORTAL_FIELDS]
        read_only_fields = fields


def visible_references(model, request):
    """Territories or segments a user may see: all for staff, their partner's for a partner user."""
    user = getattr(request, "user", None)
    if _is_vendor_staff(user):
        return model.objects.all()
    if user is None or not user.is_authenticated:
        return model.objects.none()
    partners = selectors.partners_visible_to(user=user)
    return model.objects.filter(partners__in=partners).distinct()


class PartnerFilter(django_filters.FilterSet):
    # Choices depend on who asks: the browsable API lists them in its filter form.
    territory = django_filters.ModelChoiceFilter(
        field_name="territories", queryset=partial(visible_references, Territory)
    )
    segment = django_filters.ModelChoiceFilter(
        field_name="segments", queryset=partial(visible_references, Segment)
    )

    class Meta:
        model = Partner
        fields = ["status", "partner_type", "tier", "owner", "country", "territory", "segment"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if not _is_vendor_staff(getattr(request, "user", None)):
            # A filter on an internal field would answer yes/no questions about its value.
            for name in set(self.filters) - set(Partner.PORTAL_FIELDS) - {"territory", "segment"}:
                del self.filters[name]


class StableOrderingFilter(filters.OrderingFilter):
    """Ends every ordering with the primary key: rows that tie must not move between pages."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


FILTER_BACKENDS = [DjangoFilterBackend, filters.SearchFilter, StableOrderingFilter]


class PartnerViewSet(viewsets.ModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filter_backends = FILTER_BACKENDS
    filterset_class = PartnerFilter
    search_fields = ["name", "slug", "website"]
    ordering_fields = ["name", "country", "status", "annual_revenue", "joined_on", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Partner.objects.none()
        return (
            selectors.partners_visible_to(user=self.request.user)
            .select_related("tier", "owner")
            .prefetch_related("territories", "segments")
            .order_by("name", "pk")
        )

    def get_serializer_class(self):
        # The schema documents the staff resource, whoever asks for it.
        if getattr(self, "swagger_fake_view", False) or _is_vendor_staff(self.request.user):
            return PartnerSerializer
        return PartnerPortalSerializer

    def perform_create(self, serializer):
        serializer.instance = call_service(
            services.partner_create, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = call_service(
            services.partner_update,
            partner=serializer.instance,
            actor=self.request.user,
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        call_service(services.reference_delete, instance=instance, actor=self.request.user)


class _ReferenceViewSet(viewsets.ModelViewSet):
    """Territories and segments: staff manage them; a partner user reads their partner's."""

    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    filter_backends = FILTER_BACKENDS
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    create_service = update_service = None
    instance_argument = ""

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        if getattr(self, "swagger_fake_view", False):
            return model.objects.none()
        return visible_references(model, self.request).order_by("name")

    def perform_create(self, serializer):
        serializer.instance = call_service(
            type(self).create_service, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = call_service(
            type(self).update_service,
            actor=self.request.user,
            **{self.instance_argument: serializer.instance},
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        call_service(services.reference_delete, instance=instance, actor=self.request.user)


class TerritoryViewSet(_ReferenceViewSet):
    serializer_class = TerritorySerializer
    filterset_fields = ["code"]
    create_service = staticmethod(services.territory_create)
    update_service = staticmethod(services.territory_update)
    instance_argument = "territory"


class SegmentViewSet(_ReferenceViewSet):
    serializer_class = SegmentSerializer
    filterset_fields = ["is_sweet_spot"]
    create_service = staticmethod(services.segment_create)
    update_service = staticmethod(services.segment_update)
    instance_argument = "segment"


def register(router) -> None:
    router.register("partners", PartnerViewSet, basename="partner")
    router.register("territories", TerritoryViewSet, basename="territory")
    router.register("segments", SegmentViewSet, basename="segment")
