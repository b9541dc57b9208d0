from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from .models import (
    Contact,
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
