"""Admin of alerts, read-only: runs raise and resolve them, and people assign, dismiss and
reopen them on the alert list or through the API (the services). A program-wide alert (no
partner) shows as "Program-wide"."""

from django.contrib import admin

from ..models import PROGRAM_WIDE, Alert
from .scoring import ReadOnlyAdmin


class AboutFilter(admin.SimpleListFilter):
    title = "about"
    parameter_name = "about"

    def lookups(self, request, model_admin):
        return [("partners", "A partner"), ("program", PROGRAM_WIDE)]

    def queryset(self, request, queryset):
        if self.value() in ("partners", "program"):
            return queryset.filter(partner__isnull=self.value() == "program")
        return queryset


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ["kind", "about", "status", "raised_on", "last_seen_on", "assigned_to"]
    list_filter = [AboutFilter, "status", "kind"]
    search_fields = ["message", "partner__name"]
    list_select_related = ["partner", "assigned_to"]
    date_hierarchy = "raised_on"

    @admin.display(description="About", ordering="partner__name")
    def about(self, alert):
        return alert.about
