from django.contrib import admin

from .models import Benefit, Resource, TierChange, TierRequirement

__all__ = []


@admin.register(TierRequirement)
class TierRequirementAdmin(admin.ModelAdmin):
    list_display = ["tier", "min_annual_revenue", "min_certified_people", "min_audit_score"]


@admin.register(Benefit)
class BenefitAdmin(admin.ModelAdmin):
    list_display = ["tier", "kind", "value", "amount"]
    list_filter = ["tier", "kind"]


@admin.register(TierChange)
class TierChangeAdmin(admin.ModelAdmin):
    """History: read only here; tier changes are made on the partner page (with the service)."""

    list_display = ["partner", "from_tier", "to_tier", "changed_by", "changed_at"]
    list_filter = ["to_tier"]
    search_fields = ["partner__name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "minimum_tier"]
    list_filter = ["category", "minimum_tier"]
    search_fields = ["title", "description"]
