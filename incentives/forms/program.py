from decimal import Decimal

from django import forms

from partners import selectors as partner_selectors
from prm.lib.money import default_currency
from prm.lib.versioning import VersionedForm

from ..models import Benefit, Resource


class TierChangeForm(forms.Form):
    to_tier = forms.ModelChoiceField(
        queryset=partner_selectors.tiers(), label="New tier", empty_label="Choose a tier"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the tier history, e.g. “Met the Gold requirements in Q3”.",
    )

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partner is not None and partner.tier_id:
            self.fields["to_tier"].queryset = partner_selectors.tiers().exclude(pk=partner.tier_id)


class ResourceForm(VersionedForm, forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    category = forms.ChoiceField(choices=[("", "Choose a category"), *Resource.Category.choices])
    minimum_tier = forms.ModelChoiceField(
        queryset=partner_selectors.tiers(),
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


class TierRequirementForm(VersionedForm, forms.Form):
    """Types only: the ranges are the service's to check, with its messages at the fields."""

    min_annual_revenue = forms.DecimalField(
        required=False, max_digits=14, decimal_places=2, label="Revenue with us",
        widget=forms.NumberInput(attrs={"min": 0}),
        help_text="From actuals, over the last four quarters (not their company revenue). "
        "Empty: not required.",
    )  # fmt: skip
    min_certified_people = forms.IntegerField(
        required=False, label="Certified people", widget=forms.NumberInput(attrs={"min": 0}),
        help_text="With a current certification. Empty: not required.",
    )  # fmt: skip
    min_audit_score = forms.IntegerField(
        required=False, label="Audit score",
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
        help_text="Latest audit total, 0–100. Empty: not required.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_annual_revenue"].label = f"Revenue with us ({default_currency()})"

    @classmethod
    def initial_for(cls, requirement) -> dict:
        if requirement is None:
            return {}
        return {name: _plain(getattr(requirement, name)) for name in cls.base_fields}


class BenefitForm(VersionedForm, forms.Form):
    kind = forms.ChoiceField(choices=[("", "Choose a kind"), *Benefit.Kind.choices])
    value = forms.CharField(
        max_length=200,
        label="What partners get",
        help_text="As partners see it, e.g. “15% off list”.",
    )
    amount = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2,
        help_text="Optional, for reports: percent, days or money.",
    )  # fmt: skip

    @classmethod
    def initial_for(cls, benefit) -> dict:
        return {name: _plain(getattr(benefit, name)) for name in cls.base_fields}


def _plain(value):
    """250000, not 250000.00, in a form field: whole amounts are typed without cents."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value
