"""Admin of deal registrations: read-only (decisions go through the queue and the services)."""

from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models.deals import DealRegistration


@admin.register(DealRegistration)
class DealRegistrationAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["customer_name", "partner", "value", "currency", "status", "created_at"]
    list_filter = ["status", "currency"]
    search_fields = ["customer_name", "customer_domain", "partner__name"]
    list_select_related = ["partner"]
    raw_id_fields = ["partner", "registered_by", "decided_by"]
    readonly_fields = [field.name for field in DealRegistration._meta.fields] + ["conflicts"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
