"""Admin of business plans (with their actions inline) and reviews."""

from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models.plans import BusinessPlan, PlanAction, Review


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0
    autocomplete_fields = []
    raw_id_fields = ["owner_user", "owner_contact"]


@admin.register(BusinessPlan)
class BusinessPlanAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "partner", "year", "quarter", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "partner__name"]
    raw_id_fields = ["partner"]
    inlines = [PlanActionInline]


@admin.register(Review)
class ReviewAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["partner", "kind", "held_on", "next_review_on", "shared_with_partner"]
    list_filter = ["kind", "shared_with_partner"]
    search_fields = ["partner__name", "outcomes"]
    raw_id_fields = ["partner", "our_attendees", "their_attendees"]
