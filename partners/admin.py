from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from . import services
from .models import (
    Announcement,
    Contact,
    ContactCorrection,
    OrgUnit,
    Partner,
    PartnerMembership,
    ProgramTier,
    Segment,
    Territory,
)


class MembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "country", "partner_type", "status", "tier", "owner", "joined_on"]
    list_filter = ["status", "partner_type", "synergy_type", "tier", "territories", "segments"]
    search_fields = ["name", "slug", "website"]
    autocomplete_fields = ["tier", "owner"]
    filter_horizontal = ["territories", "segments"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["tier", "owner"]
    date_hierarchy = "joined_on"
    inlines = [MembershipInline]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Territory)
class TerritoryAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "capacity"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Segment)
class SegmentAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "is_sweet_spot"]
    list_filter = ["is_sweet_spot"]
    search_fields = ["name"]


@admin.register(ProgramTier)
class ProgramTierAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "rank", "review_cadence_days"]
    search_fields = ["name"]
    ordering = ["rank"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]


@admin.register(OrgUnit)
class OrgUnitAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "partner", "parent"]
    search_fields = ["name", "partner__name"]
    autocomplete_fields = ["partner", "parent"]
    list_select_related = ["partner", "parent"]


@admin.register(Contact)
class ContactAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "title", "partner", "org_unit", "reports_to", "email", "left_on"]
    list_filter = [("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["first_name", "last_name", "email", "title", "partner__name"]
    autocomplete_fields = ["partner", "org_unit", "reports_to"]
    list_select_related = ["partner", "org_unit", "reports_to"]


@admin.register(ContactCorrection)
class ContactCorrectionAdmin(VersionedAdmin, admin.ModelAdmin):
    """Corrections are proposed from the portal and decided through the services (the action
    here, or the queue): the admin reads them and accepts in bulk, never edits them."""

    list_display = ["__str__", "partner", "kind", "status", "proposed_by", "created_at",
                    "decided_by"]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["partner__name", "first_name", "last_name", "contact__last_name"]
    list_select_related = ["partner", "contact", "proposed_by", "decided_by"]
    actions = ["accept"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Accept and apply the selected corrections")
    def accept(self, request, queryset):
        from django.core.exceptions import ValidationError

        done = 0
        for correction in queryset.filter(status="proposed"):
            try:
                services.contact_correction_accept(actor=request.user, correction=correction)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{correction}: {' '.join(error.messages)}", "error")
        self.message_user(request, f"{done} correction(s) accepted.")


@admin.register(Announcement)
class AnnouncementAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "audience", "publish_at", "expires_at", "notified_at", "created_by"]
    list_filter = ["audience"]
    search_fields = ["title", "body"]
    filter_horizontal = ["tiers", "territories", "segments"]
    date_hierarchy = "publish_at"
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "notified_at", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
