"""Admin of escalations: read-only (they are logged, changed and resolved on the escalation
pages and through the API, whose services check them and tell the partner)."""

from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models import Escalation


@admin.register(Escalation)
class EscalationAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["customer", "partner", "severity", "opened_on", "resolved_on",
                    "effort_hours", "outcome"]  # fmt: skip
    list_filter = ["severity", "outcome"]
    search_fields = ["customer", "summary", "partner__name"]
    list_select_related = ["partner"]
    date_hierarchy = "opened_on"
    readonly_fields = [field.name for field in Escalation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
