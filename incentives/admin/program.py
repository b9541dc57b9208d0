from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from prm.lib.forms import https_formfield
from prm.lib.versioning import VersionedAdmin

from ..models import Benefit, Resource, TierChange, TierRequirement
from ..services.program import validate_upload

__all__ = []


@admin.register(TierRequirement)
class TierRequirementAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["tier", "min_annual_revenue", "min_certified_people", "min_audit_score"]


@admin.register(Benefit)
class BenefitAdmin(VersionedAdmin, admin.ModelAdmin):
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


class ResourceAdminForm(forms.ModelForm):
    """The same upload check as the resource pages: type by extension and content, and size."""

    class Meta:
        model = Resource
        fields = ["title", "description", "category", "minimum_tier", "file", "link"]
        formfield_callback = https_formfield

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new upload; not the file already stored
            try:
                validate_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.message_dict["file"]) from error
        return upload


@admin.register(Resource)
class ResourceAdmin(VersionedAdmin, admin.ModelAdmin):
    form = ResourceAdminForm

    list_display = ["title", "category", "minimum_tier"]
    list_filter = ["category", "minimum_tier"]
    search_fields = ["title", "description"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The admin builds its own form fields; a bare domain typed as the link means https://.
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
