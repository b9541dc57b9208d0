from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prm.lib.versioning import VersionedAdmin

from . import services
from .forms.registry import ExitDateFormMixin
from .models import (
    Announcement,
    Contact,
    ContactCorrection,
    Invitation,
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (ExitDateFormMixin, form), {})

    def save_model(self, request, obj, form, change):
        # As partner_update does (the form set the date from the status): the partner's users'
        # cached sign-ins are dropped when the exit date changes.
        before = form.initial.get("exited_on") if change else None
        super().save_model(request, obj, form, change)
        if obj.exited_on != before:
            services.partner_exit_date_changed(partner=obj)


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
    list_display = ["user", "partner", "role", "user_active", "last_sign_in", "created_at"]
    list_filter = ["role", "user__is_active"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]

    @admin.display(description=_("active"), boolean=True)
    def user_active(self, membership):
        return membership.user.is_active

    @admin.display(description=_("last sign-in"), ordering="user__last_login")
    def last_sign_in(self, membership):
        return membership.user.last_login


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


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made from the team pages (the link is emailed then, never shown here);
    the admin lists them, and revokes or resends them through the services."""

    list_display = ["email", "partner", "role", "invited_by", "sent_at", "expires_at", "status"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter),
                   ("revoked_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["email", "partner__name"]
    list_select_related = ["partner", "invited_by"]
    readonly_fields = [
        "partner", "email", "role", "invited_by", "sent_at", "expires_at", "accepted_at",
        "accepted_by", "revoked_at", "created_at", "updated_at",
    ]  # fmt: skip
    exclude = ["token_hash"]
    actions = ["revoke", "resend"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("status"))
    def status(self, invitation):
        return invitation.status_label

    def _each(self, request, queryset, service, done):
        count = 0
        for invitation in queryset:
            try:
                service(actor=request.user, invitation=invitation)
            except ValidationError as error:
                self.message_user(request, f"{invitation}: {' '.join(error.messages)}",
                                  messages.WARNING)  # fmt: skip
            else:
                count += 1
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        self._each(request, queryset, services.invitation_revoke, _("%(count)s revoked."))

    @admin.action(description=_("Send the selected invitations again"))
    def resend(self, request, queryset):
        self._each(request, queryset, services.invitation_resend, _("%(count)s sent again."))


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

    @admin.display(description=_("status"))
    def status(self, invitation):
        return invitation.status_label

    def _each(self, request, queryset, service, done):
        count = 0
        for invitation in queryset:
            try:
                service(actor=request.user, invitation=invitation)
            except ValidationError as error:
                self.message_user(request, f"{invitation}: {' '.join(error.messages)}",
                                  messages.WARNING)  # fmt: skip
            else:
                count += 1
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        self._each(request, queryset, services.invitation_revoke, _("%(count)s revoked."))

    @admin.action(description=_("Send the selected invitations again"))
    def resend(self, request, queryset):
        self._each(request, queryset, services.invitation_resend, _("%(count)s sent again."))
