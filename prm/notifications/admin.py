"""Admin of notifications: the rows and digests are read-only records (services write them);
preferences may be corrected for a user."""

from django.contrib import admin

from prm.models import DailyDigest, Notification, NotificationPreference

from .kinds import Channel, kind_choices


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kind_choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "actor_label", "verb", "object_label",
                    "read_at", "email_status"]  # fmt: skip
    list_filter = [KindFilter, "email_status", "in_digest", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__username", "recipient__email", "object_label", "partner_label"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient", "actor", "digest"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel", "updated_at"]
    list_filter = [KindFilter, "channel"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            from django import forms

            return forms.ChoiceField(choices=kind_choices(), label="Kind")
        if db_field.name == "channel":
            kwargs["choices"] = Channel.choices
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(DailyDigest)
class DailyDigestAdmin(ReadOnlyAdmin):
    list_display = ["local_date", "user", "status", "unread_count", "sent_at"]
    list_filter = ["status", "local_date"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
