"""The channel team's announcement form (the service validates and saves the targets)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Announcement

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "publish_at", "expires_at", "audience", "tiers", "territories",
                  "segments"]  # fmt: skip
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6}),
            "publish_at": DATETIME, "expires_at": DATETIME,
            "audience": forms.RadioSelect,
            "tiers": forms.CheckboxSelectMultiple, "territories": forms.CheckboxSelectMultiple,
            "segments": forms.CheckboxSelectMultiple,
        }  # fmt: skip
        help_texts = {"audience": _("Targeted: partners matching any of the tiers, territories "
                                    "or segments chosen below.")}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("publish_at", "expires_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
                                               "%Y-%m-%d %H:%M"]  # fmt: skip

    def _post_clean(self):
        # The service validates and saves (the targets too): no instance update here.
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
