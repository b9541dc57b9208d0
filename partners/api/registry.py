"""REST resources of the partner registry. Staff read and write; partner users read their own."""

from functools import partial

import django_filters
from django_countries.serializer_fields import CountryField
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from prm.lib.access import IsVendorStaffOrPartnerReadOnly, is_vendor_staff
from prm.lib.api import (
    FixedOnUpdate,
    IdFilter,
    ServiceModelViewSet,
    StrictSerializer,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.lib.validators import plausible_date

from .. import selectors, services
from ..models import Contact, OrgUnit, Partner, ProgramTier, Segment, Territory


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
            "product_position", "joined_on", "exited_on", "description", "phone",
            "business_drivers", "revenue_model", "differentiation", "internal_notes",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["slug", "created_at", "updated_at"]
        validators = []  # uniqueness of name per country is checked by the service, at `name`


class PartnerPortalSerializer(serializers.ModelSerializer):
    """What a partner user may read about their own company: no internal field."""

    country = CountryField()
    tier = serializers.StringRelatedField(allow_null=True)
    territories = serializers.StringRelatedField(many=True)
    segments = serializers.StringRelatedField(many=True)

    class Meta:
        model = Partner
        fields = ["id", *Partner.PORTAL_FIELDS]
        read_only_fields = fields


def visible_references(model, request):
    """Territories or segments a user may see: all for staff, their partner's for a partner user."""
    user = getattr(request, "user", None)
    if is_vendor_staff(user):
        return model.objects.all()
    if user is None or not user.is_authenticated:
        return model.objects.none()
    partners = selectors.partners_visible_to(user=user)
    return model.objects.filter(partners__in=partners).distinct()


class PartnerFilter(django_filters.FilterSet):
    # The partner list's search box (`?q=`): name or website, as on the page.
    q = django_filters.CharFilter(method="filter_q", label="Name or website contains")
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

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.partner_list(filters={"q": value}).values("pk"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if not is_vendor_staff(getattr(request, "user", None)):
            # A filter on an internal field would answer yes/no questions about its value.
            allowed = {*Partner.PORTAL_FIELDS, "territory", "segment", "q"}
            for name in set(self.filters) - allowed:
                del self.filters[name]


class PartnerPortalFilter(PartnerFilter):
    """The filters a partner user has (the schema generated for them shows only these)."""

    class Meta(PartnerFilter.Meta):
        fields = [name for name in PartnerFilter.Meta.fields if name in Partner.PORTAL_FIELDS]


def _reference_delete(*, actor, **instance):
    """Deletes a partner, territory or segment, whichever the viewset passes."""
    (target,) = instance.values()
    services.reference_delete(instance=target, actor=actor)


class PartnerViewSet(ServiceModelViewSet):
    """Partners: staff read and write every field; a partner user reads its own company."""

    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    search_fields = ["name", "slug", "website"]
    ordering_fields = ["name", "country", "status", "annual_revenue", "joined_on", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        if is_schema_request(self):
            return Partner.objects.none()
        return (
            selectors.partners_visible_to(user=self.request.user)
            .select_related("tier", "owner")
            .prefetch_related("territories", "segments")
            .order_by("name", "pk")
        )

    @property
    def filterset_class(self):
        return PartnerPortalFilter if serves_partner_user(self) else PartnerFilter

    def get_serializer_class(self):
        return PartnerPortalSerializer if serves_partner_user(self) else PartnerSerializer

    create_service = staticmethod(services.partner_create)
    update_service = staticmethod(services.partner_update)
    delete_service = staticmethod(_reference_delete)
    instance_argument = "partner"


class _ReferenceViewSet(ServiceModelViewSet):
    """Territories and segments: staff manage them; a partner user reads their partner's."""

    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    delete_service = staticmethod(_reference_delete)

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        if is_schema_request(self):
            return model.objects.none()
        return visible_references(model, self.request).order_by("name")


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


# --- org units and contacts: facts of a partner's organisation ------------------------------


class OrgUnitSerializer(FixedOnUpdate, serializers.ModelSerializer):
    """A unit is a fact the partner may see: the same fields for staff and partner users."""

    fixed_on_update = ("partner",)

    class Meta:
        model = OrgUnit
        fields = ["id", "partner", "name", "parent", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # unique names under a parent are checked by the service at `name`


class ContactSerializer(FixedOnUpdate, serializers.ModelSerializer):
    """Staff: a contact's facts. Leaving is recorded with the `mark-left` action, not a field."""

    fixed_on_update = ("partner",)

    class Meta:
        model = Contact
        fields = [
            "id", "partner", "first_name", "last_name", "title", "org_unit", "reports_to",
            "email", "phone", "left_on", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["left_on", "created_at", "updated_at"]
        validators = []  # one email per partner is checked by the service at `email`


class ContactPortalSerializer(serializers.ModelSerializer):
    """What a partner user may read about their colleagues: Contact.PORTAL_FIELDS, nothing else."""

    class Meta:
        model = Contact
        fields = list(Contact.PORTAL_FIELDS)
        read_only_fields = fields


class ContactLeftSerializer(StrictSerializer):
    left_on = serializers.DateField(validators=[plausible_date])


def _scoped(queryset, user):
    """Staff see every partner's organisation; a partner user only their own partner's."""
    if user.is_vendor_staff:
        return queryset  # every row belongs to a partner: no filter to plan around
    return queryset.filter(partner__in=selectors.partners_visible_to(user=user))


class OrgUnitFilter(django_filters.FilterSet):
    # By id, not by choice among partners: a partner user must not learn which ids exist.
    partner = IdFilter(field_name="partner")
    parent = IdFilter(field_name="parent")

    class Meta:
        model = OrgUnit
        fields = ["partner", "parent"]


class ContactFilter(django_filters.FilterSet):
    partner = IdFilter(field_name="partner")
    org_unit = IdFilter(field_name="org_unit")
    reports_to = IdFilter(field_name="reports_to")
    left = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", exclude=True, label="Has left"
    )

    class Meta:
        model = Contact
        fields = ["partner", "org_unit", "reports_to", "left"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if not is_vendor_staff(getattr(request, "user", None)):
            del self.filters["left"]  # partner users only ever see current people


class _PartnerFactsViewSet(ServiceModelViewSet):
    """Staff read and write (through the services); a partner user reads their own partner's."""

    permission_classes = [IsVendorStaffOrPartnerReadOnly]

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        if is_schema_request(self):
            return model.objects.none()
        return _scoped(model.objects.all(), self.request.user).order_by(*self.ordering, "pk")


class OrgUnitViewSet(_PartnerFactsViewSet):
    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilter
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]
    create_service = staticmethod(services.org_unit_create)
    update_service = staticmethod(services.org_unit_update)
    delete_service = staticmethod(services.org_unit_delete)
    instance_argument = "unit"


# People are never deleted (reviews, certifications and our history point at them): a person
# who leaves is marked with `POST /contacts/{id}/mark-left/ {"left_on": …}` (staff only; a
# comment, not a docstring, so partner users' schema does not describe it).
class ContactViewSet(_PartnerFactsViewSet):
    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    search_fields = ["first_name", "last_name", "email", "title"]
    ordering_fields = ["last_name", "first_name", "title", "created_at", "left_on"]
    ordering = ["last_name", "first_name"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_service = staticmethod(services.contact_create)
    update_service = staticmethod(services.contact_update)
    instance_argument = "contact"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not is_vendor_staff(self.request.user):
            # Who left, and when, is our history; the portal lists the people there today.
            queryset = queryset.filter(left_on__isnull=True)
        return queryset

    def get_serializer_class(self):
        if self.action == "mark_left":
            return ContactLeftSerializer
        return ContactPortalSerializer if serves_partner_user(self) else ContactSerializer

    @action(detail=True, methods=["post"], url_path="mark-left")
    def mark_left(self, request, pk=None):
        contact = self.get_object()
        serializer = ContactLeftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = call_service(
            services.contact_mark_left,
            actor=request.user,
            contact=contact,
            left_on=serializer.validated_data["left_on"],
        )
        return Response(ContactSerializer(contact, context={"request": request}).data)


def register(router) -> None:
    router.register("partners", PartnerViewSet, basename="partner")
    router.register("territories", TerritoryViewSet, basename="territory")
    router.register("segments", SegmentViewSet, basename="segment")
    router.register("org-units", OrgUnitViewSet, basename="org-unit")
    router.register("contacts", ContactViewSet, basename="contact")
