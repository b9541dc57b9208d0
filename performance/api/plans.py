"""`/api/v1/business-plans/`, `/api/v1/plan-actions/`, `/api/v1/reviews/`.

Staff read and write everything through services.plans. Partner users read only their own
partner's plans (never drafts, as in the portal) with their actions, and the reviews shared with
them; the only write they may make is a PATCH of the `status` of one of their partner's side's
actions (the vendor's side → 403, another partner's → 404)."""

from django.db.models import Count, Q
from django_filters.rest_framework import FilterSet
from rest_framework import exceptions, serializers

from partners.models import Contact
from partners.selectors import contacts, membership_for_user, partners
from prm.lib.access import IsVendorStaffOrPartnerReadOnly, is_vendor_staff
from prm.lib.api import (
    FixedOnUpdate,
    IdFilter,
    ServiceModelViewSet,
    call_service,
    is_schema_request,
    serves_partner_user,
)
from prm.models import User

from ..models.plans import BusinessPlan, PlanAction, Review
from ..selectors.plans import plan_progress
from ..services import plans as services


def _partner_id(request) -> int:
    return membership_for_user(user=request.user).partner_id


# --- business plans --------------------------------------------------------------------------


class BusinessPlanSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    progress = serializers.SerializerMethodField()
    period = serializers.CharField(source="period_label", read_only=True)

    class Meta:
        model = BusinessPlan
        fields = ["id", "partner", "year", "quarter", "period", "title", "objectives", "status",
                  "progress", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # one plan per partner and period: checked by the service, at `quarter`

    def get_progress(self, plan) -> int:
        """Share of the (not cancelled) actions done, in percent."""
        return plan_progress(plan)


class BusinessPlanFilter(FilterSet):
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = BusinessPlan
        fields = ["partner", "year", "quarter", "status"]


class BusinessPlanViewSet(ServiceModelViewSet):
    serializer_class = BusinessPlanSerializer
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    create_service = services.plan_create
    update_service = services.plan_update
    delete_service = services.plan_delete
    instance_argument = "plan"
    filterset_class = BusinessPlanFilter
    search_fields = ["title"]
    ordering_fields = ["year", "quarter", "created_at"]
    ordering = ["-year", "-quarter", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = BusinessPlan.objects.all()
        if is_schema_request(self):
            return queryset.none()
        if not is_vendor_staff(self.request.user):
            queryset = queryset.filter(partner_id=_partner_id(self.request)).exclude(
                status=BusinessPlan.Status.DRAFT
            )
        return queryset.annotate(
            action_count=Count("actions", filter=~Q(actions__status=PlanAction.Status.CANCELLED)),
            done_count=Count("actions", filter=Q(actions__status=PlanAction.Status.DONE)),
        ).order_by("-year", "-quarter", "-pk")


# --- plan actions ----------------------------------------------------------------------------


class PlanActionSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("plan",)

    plan = serializers.PrimaryKeyRelatedField(queryset=BusinessPlan.objects.all())
    owner_user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), allow_null=True, required=False
    )
    owner_contact = serializers.PrimaryKeyRelatedField(
        queryset=contacts(), allow_null=True, required=False
    )
    owner = serializers.CharField(source="owner_label", read_only=True)

    class Meta:
        model = PlanAction
        fields = ["id", "plan", "title", "owner_side", "owner_name", "owner_user", "owner_contact",
                  "owner", "due", "status", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]


class PartnerPlanActionSerializer(serializers.ModelSerializer):
    """What a partner user sees of an action; they may change its status only."""

    owner = serializers.CharField(source="owner_label", read_only=True)

    class Meta:
        model = PlanAction
        fields = ["id", "plan", "title", "owner_side", "owner", "due", "status", "created_at",
                  "updated_at"]  # fmt: skip
        read_only_fields = [name for name in fields if name != "status"]


class PlanActionFilter(FilterSet):
    partner = IdFilter(field_name="plan__partner_id")
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = PlanAction
        fields = ["partner", "plan", "owner_side", "status"]


class StaffOrPartnerStatusPatch(IsVendorStaffOrPartnerReadOnly):
    """Staff read and write; partner users read, and PATCH (the status, checked by the view)."""

    def has_permission(self, request, view):
        user = request.user
        if request.method == "PATCH" and user and user.is_authenticated and user.is_partner_user:
            return True
        return super().has_permission(request, view)


class PlanActionViewSet(ServiceModelViewSet):
    permission_classes = [StaffOrPartnerStatusPatch]
    create_service = services.plan_action_create
    update_service = services.plan_action_update
    delete_service = services.plan_action_delete
    instance_argument = "action"
    filterset_class = PlanActionFilter
    search_fields = ["title", "owner_name"]
    ordering_fields = ["due", "status", "created_at"]
    ordering = ["due", "id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = PlanAction.objects.select_related("plan", "owner_user", "owner_contact")
        if is_schema_request(self):
            return queryset.none()
        if not is_vendor_staff(self.request.user):
            queryset = queryset.filter(plan__partner_id=_partner_id(self.request)).exclude(
                plan__status=BusinessPlan.Status.DRAFT
            )
        return queryset.order_by("due", "pk")

    def get_serializer_class(self):
        return PartnerPlanActionSerializer if serves_partner_user(self) else PlanActionSerializer

    def perform_update(self, serializer):
        """Staff update through the service; a partner user may only move the status."""
        user = self.request.user
        if is_vendor_staff(user):
            super().perform_update(serializer)
            return
        if set(self.request.data) - {"status"}:
            raise exceptions.PermissionDenied("You may only change the status of an action.")
        if "status" not in serializer.validated_data:
            raise exceptions.ValidationError({"status": "Give the new status."})
        serializer.instance = call_service(
            services.plan_action_set_status, actor=user, action=serializer.instance,
            status=serializer.validated_data["status"],
        )  # fmt: skip


# --- reviews ---------------------------------------------------------------------------------


class ReviewSerializer(FixedOnUpdate, serializers.ModelSerializer):
    fixed_on_update = ("partner",)

    partner = serializers.PrimaryKeyRelatedField(queryset=partners())
    our_attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), many=True, required=False
    )
    their_attendees = serializers.PrimaryKeyRelatedField(
        queryset=contacts(), many=True, required=False
    )

    class Meta:
        model = Review
        fields = ["id", "partner", "kind", "held_on", "our_attendees", "their_attendees",
                  "done_vs_planned", "outcomes", "next_review_on", "shared_with_partner",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # next after held: checked by the service, at `next_review_on`


def _full_name(person) -> str:
    if isinstance(person, Contact):
        return f"{person.first_name} {person.last_name}".strip()
    return person.get_full_name() or person.username


class SharedReviewSerializer(serializers.ModelSerializer):
    """What a partner user sees of a review shared with them: attendees by name."""

    our_attendees = serializers.SerializerMethodField()
    their_attendees = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "partner", "kind", "held_on", "our_attendees", "their_attendees",
                  "done_vs_planned", "outcomes", "next_review_on"]  # fmt: skip
        read_only_fields = fields

    def get_our_attendees(self, review) -> list[str]:
        return [_full_name(user) for user in review.our_attendees.all()]

    def get_their_attendees(self, review) -> list[str]:
        return [_full_name(contact) for contact in review.their_attendees.all()]


class ReviewFilter(FilterSet):
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = Review
        fields = ["partner", "kind", "shared_with_partner", "held_on"]


class ReviewViewSet(ServiceModelViewSet):
    permission_classes = [IsVendorStaffOrPartnerReadOnly]
    create_service = services.review_log
    update_service = services.review_update
    delete_service = services.review_delete
    instance_argument = "review"
    filterset_class = ReviewFilter
    search_fields = ["outcomes", "done_vs_planned"]
    ordering_fields = ["held_on", "next_review_on", "created_at"]
    ordering = ["-held_on", "-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = Review.objects.prefetch_related("our_attendees", "their_attendees")
        if is_schema_request(self):
            return queryset.none()
        if not is_vendor_staff(self.request.user):
            queryset = queryset.filter(
                partner_id=_partner_id(self.request), shared_with_partner=True
            )
        return queryset.order_by("-held_on", "-pk")

    def get_serializer_class(self):
        return SharedReviewSerializer if serves_partner_user(self) else ReviewSerializer

    def update_data(self, serializer) -> dict:
        """Attendees left out of a PATCH stay as they are (None tells the service so)."""
        return {"our_attendees": None, "their_attendees": None, **serializer.validated_data}


def register(router) -> None:
    router.register("business-plans", BusinessPlanViewSet, basename="business-plan")
    router.register("plan-actions", PlanActionViewSet, basename="plan-action")
    router.register("reviews", ReviewViewSet, basename="review")
