from django import forms

from partners.models import ProgramTier

from ..models import Resource


class TierChangeForm(forms.Form):
    to_tier = forms.ModelChoiceField(
        queryset=ProgramTier.objects.order_by("rank"), label="New tier", empty_label="Choose a tier"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the tier history, e.g. “Met the Gold requirements in Q3”.",
    )

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partner is not None and partner.tier_id:
            self.fields["to_tier"].queryset = ProgramTier.objects.exclude(
                pk=partner.tier_id
            ).order_by("rank")


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    category = forms.ChoiceField(choices=[("", "Choose a category"), *Resource.Category.choices])
    minimum_tier = forms.ModelChoiceField(
        queryset=ProgramTier.objects.order_by("rank"),
        required=False,
        empty_label="Every partner",
        label="Minimum tier",
    )
    file = forms.FileField(
        required=False,
        help_text="PDF, PNG, JPG, DOCX, XLSX, PPTX, ZIP, TXT or CSV, at most 20 MB.",
    )
    link = forms.URLField(required=False, assume_scheme="https", help_text="Or a link instead.")


class ResourceFilterForm(forms.Form):
    category = forms.ChoiceField(
        choices=[("", "All categories"), *Resource.Category.choices], required=False
    )
