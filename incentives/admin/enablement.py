from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models import Acknowledgement, Certification, Course, RulesOfEngagement

__all__ = []


@admin.register(Course)
class CourseAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "product", "level", "validity_months"]
    list_filter = ["level", "product"]
    search_fields = ["name", "product"]


@admin.register(Certification)
class CertificationAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["contact", "course", "earned_on", "expires_on", "status"]
    list_filter = ["status", "course"]
    search_fields = ["contact__first_name", "contact__last_name", "contact__partner__name"]
    list_select_related = ["contact__partner", "course"]
    raw_id_fields = ["contact"]
    readonly_fields = ["expires_on", "requested_by", "decided_by", "decided_at"]

    def has_add_permission(self, request):
        return False  # the expiry date is derived by the service: record through the app or API


@admin.register(RulesOfEngagement)
class RulesOfEngagementAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["version", "effective_on", "significant", "published_by", "published_at"]
    readonly_fields = ["version", "published_by", "published_at"]

    def has_add_permission(self, request):
        return False  # versions are numbered by the service


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["partner", "rules", "acknowledged_by", "acknowledged_at"]
    list_filter = ["rules"]
    list_select_related = ["partner", "rules", "acknowledged_by"]

    def has_change_permission(self, request, obj=None):
        return False
