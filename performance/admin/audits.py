"""Admin of performance audits: the area weights (exactly one current set) and audits."""

from django import forms
from django.contrib import admin

from prm.lib.versioning import VersionedAdmin

from ..models.audits import AuditWeights, PerformanceAudit, PerformanceAuditAction
from ..services.audits import audit_weights_set


class AuditWeightsForm(forms.ModelForm):
    class Meta:
        model = AuditWeights
        fields = ["deliver", "sweet_spot", "territory", "revenue"]

    def clean(self):
        data = super().clean()
        if sum(data.get(name) or 0 for name in self.Meta.fields) != 100:
            raise forms.ValidationError("The four weights must add up to 100.")
        return data


@admin.register(AuditWeights)
class AuditWeightsAdmin(VersionedAdmin, admin.ModelAdmin):
    """Saving weights makes a new current set (the old one stays as history)."""

    list_display = ["__str__", "is_current", "created_at"]
    form = AuditWeightsForm
    fields = AuditWeightsForm.Meta.fields

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        weights = {name: form.cleaned_data[name] for name in self.fields}
        saved = audit_weights_set(actor=request.user, **weights)
        obj.pk, obj.is_current = saved.pk, True


class ActionInline(admin.TabularInline):
    model = PerformanceAuditAction
    extra = 0


@admin.register(PerformanceAudit)
class PerformanceAuditAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["partner", "audited_on", "audited_by", "share_with_partner"]
    list_filter = ["share_with_partner", "audited_on"]
    search_fields = ["partner__name"]
    autocomplete_fields = ["partner"]
    raw_id_fields = ["audited_by"]
    inlines = [ActionInline]
