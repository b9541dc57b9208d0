from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from prm import columns
from prm.lib.forms import LongSelect, https_formfield
from prm.lib.money import default_currency
from prm.lib.versioning import VersionedForm

from ..models import Partner, ProgramTier, Segment, Territory
from ..selectors import PARTNER_SORTS, channel_managers, partner_name_taken
from ..services.registry import exit_date_for

PAGE_SIZES = (25, 50, 100)


def partner_country_choices():
    """Only the countries partners are in: a short list instead of every country on earth."""
    used = set(Partner.objects.order_by().values_list("country", flat=True).distinct())
    return [("", "Any country"), *((code, name) for code, name in countries if code in used)]


# The list's own filters (the columns other apps add bring theirs: prm.columns).
FILTER_FIELDS = ("q", "status", "partner_type", "tier", "territory", "segment", "owner", "country")


class PartnerFilterForm(columns.ColumnFilterForm, forms.Form):
    """The partner list's query string, validated like any other input: its own filters, the
    sort (by its own fields or by a registered column), and the registered columns' filters."""

    column_slot = "partner_list"

    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Partner.Status.choices], widget=LongSelect
    )
    partner_type = forms.ChoiceField(
        required=False,
        label=_("Type"),
        choices=[("", "Any type"), *Partner.Type.choices],
        widget=LongSelect,
    )
    tier = forms.ModelChoiceField(
        required=False,
        queryset=ProgramTier.objects.all(),
        empty_label=_("Any tier"),
        widget=LongSelect,
    )
    territory = forms.ModelChoiceField(
        required=False,
        queryset=Territory.objects.all(),
        empty_label=_("Any territory"),
        widget=LongSelect,
    )
    segment = forms.ModelChoiceField(
        required=False,
        queryset=Segment.objects.all(),
        empty_label=_("Any segment"),
        widget=LongSelect,
    )
    owner = forms.ModelChoiceField(
        required=False,
        queryset=channel_managers(),
        empty_label=_("Any owner"),
        widget=LongSelect,
    )
    country = forms.ChoiceField(required=False, widget=LongSelect)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in PARTNER_SORTS] + [(f"-{key}", key) for key in PARTNER_SORTS],
    )
    page = forms.IntegerField(required=False, min_value=1)
    per_page = forms.TypedChoiceField(
        required=False, coerce=int, choices=[(n, n) for n in PAGE_SIZES], empty_value=25
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = partner_country_choices()
        self.fields["sort"].choices += [
            (key, key) for key in columns.sort_keys(self.column_slot)
        ]  # fmt: skip

    def filters(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in FILTER_FIELDS}


class SectionedForm:
    """A form drawn in titled sections (partners/partner_form.html); `WIDE` fields take a row."""

    SECTIONS: list[tuple[str, list[str]]] = []
    WIDE: frozenset = frozenset()

    def sections(self) -> list[dict]:
        return [
            {"title": title, "fields": [(self[name], name in self.WIDE) for name in names]}
            for title, names in self.SECTIONS
        ]


class ExitDateFormMixin:
    """The status decides the exit date as `partner_update` does (an exited partner without a
    date exits today, one back in the program has none), before the form checks constraints."""

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned:
            cleaned["exited_on"] = exit_date_for(
                status=cleaned["status"], exited_on=cleaned.get("exited_on")
            )
        return cleaned


class PartnerForm(ExitDateFormMixin, VersionedForm, SectionedForm, forms.ModelForm):
    SECTIONS = [
        ("Company", ["name", "country", "website", "phone", "partner_type", "synergy_type",
                     "employee_count", "annual_revenue", "description"]),
        ("Place in the program", ["status", "tier", "owner", "joined_on", "exited_on",
                                  "product_position", "territories", "segments"]),
        ("Their business", ["business_drivers", "revenue_model", "differentiation",
                            "internal_notes"]),
    ]  # fmt: skip
    WIDE = frozenset({"description", "territories", "segments"})

    class Meta:
        model = Partner
        formfield_callback = https_formfield
        fields = [
            "name", "website", "country", "partner_type", "synergy_type", "status", "tier",
            "owner", "territories", "segments", "employee_count", "annual_revenue",
            "product_position", "joined_on", "exited_on", "description", "phone",
            "business_drivers", "revenue_model", "differentiation", "internal_notes",
        ]  # fmt: skip
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "exited_on": forms.DateInput(attrs={"type": "date"}),
            "territories": forms.CheckboxSelectMultiple,
            "segments": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "business_drivers": forms.Textarea(attrs={"rows": 3}),
            "revenue_model": forms.Textarea(attrs={"rows": 3}),
            "differentiation": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = channel_managers()
        self.fields["tier"].empty_label = _("No tier")
        self.fields["owner"].empty_label = _("No owner")
        self.fields["synergy_type"].choices = [("", "Not set"), *Partner.Synergy.choices]
        self.fields["product_position"].choices = [
            ("", "Not set"),
            *Partner.ProductPosition.choices,
        ]
        self.fields["annual_revenue"].min_value = 0
        self.fields["annual_revenue"].widget.attrs["min"] = 0
        self.fields["annual_revenue"].label = f"Annual revenue ({default_currency()})"

    def clean_annual_revenue(self):
        value = self.cleaned_data.get("annual_revenue")
        if value is not None and value < 0:
            raise forms.ValidationError("Annual revenue cannot be negative.")
        return value

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        pk = self.instance.pk
        if name and country and partner_name_taken(name=name, country=country, exclude_pk=pk):
            self.add_error("name", f"A partner named “{name}” already exists in this country.")
        return cleaned

    def validate_unique(self):
        # Name-per-country uniqueness is reported at the name field by clean() above.
        pass


class PartnerProfileForm(VersionedForm, SectionedForm, forms.ModelForm):
    """What a partner admin may change about their own company in the portal."""

    SECTIONS = [
        ("", ["website", "phone", "employee_count", "description", "business_drivers",
              "revenue_model", "differentiation"]),
    ]  # fmt: skip
    WIDE = frozenset({"description"})

    class Meta:
        model = Partner
        formfield_callback = https_formfield
        fields = list(Partner.PORTAL_EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "business_drivers": forms.Textarea(attrs={"rows": 3}),
            "revenue_model": forms.Textarea(attrs={"rows": 3}),
            "differentiation": forms.Textarea(attrs={"rows": 3}),
        }
