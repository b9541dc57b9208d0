from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners.selectors import partner_options_key, partners
from prm.lib.forms import LongSelect
from prm.lib.money import Currency, default_currency
from prm.lib.validators import plausible_date
from prm.models import SHORT_TEXT

from ..models import DEFAULT_PROTECTION_DAYS, DealStatus
from ..services import deals as checks
from ..services.deals import MAX_PROTECTION_DAYS, MIN_PROTECTION_DAYS


class DealRegisterForm(forms.Form):
    """A plain form (not a ModelForm): the service derives the conflict key and checks it all."""

    customer_name = forms.CharField(max_length=200, label=_("Customer"))
    customer_domain = forms.CharField(
        max_length=200, label=_("Customer web domain"), help_text=_("For example acme.com.")
    )
    country = forms.ChoiceField(choices=[("", "Choose a country"), *countries])
    value = forms.DecimalField(max_digits=14, decimal_places=2, label=_("Deal value"))
    currency = forms.ChoiceField(choices=Currency.choices, initial=default_currency)
    expected_close_on = forms.DateField(
        label=_("Expected close"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[plausible_date],  # the model's check, here so it shows with the others
    )
    products = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Which of our products, how many.")
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    # The service's own checks, field by field: Django runs each clean_<field> whatever the other
    # fields hold, so a missing name and a bad domain and a past date are reported together
    # instead of the service's checks surfacing only once the required fields are filled in.
    def clean_customer_name(self):
        checks.check_customer_name(self.cleaned_data["customer_name"])
        return self.cleaned_data["customer_name"]

    def clean_customer_domain(self):
        return checks.check_customer_domain(self.cleaned_data["customer_domain"])

    def clean_value(self):
        checks.check_value(self.cleaned_data["value"])
        return self.cleaned_data["value"]

    def clean_expected_close_on(self):
        checks.check_expected_close_on(self.cleaned_data["expected_close_on"])
        return self.cleaned_data["expected_close_on"]

    def clean_products(self):
        checks.check_products(self.cleaned_data["products"])
        return self.cleaned_data["products"]


class DealApproveForm(forms.Form):
    protection_days = forms.IntegerField(
        min_value=MIN_PROTECTION_DAYS,
        max_value=MAX_PROTECTION_DAYS,
        initial=DEFAULT_PROTECTION_DAYS,
        label=_("Protection (days)"),
        help_text=_("No other partner can register this customer while protected."),
    )


class DealRejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        label=_("Reason"),
        help_text=_("The partner sees this reason."),
    )


class DealQueueFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *DealStatus.choices])
    # Newest first unless asked: the default stays out of the URL.
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Newest first"),
            ("oldest", "Oldest first"),
            ("waiting", "Awaiting decision first"),
        ],  # fmt: skip
        label=_("Order"),
    )
    partner = forms.ModelChoiceField(
        required=False,
        # Only what an option shows: a thousand whole partners cost more than the page.
        queryset=partners().order_by("name").only("pk", "slug", "name"),
        empty_label=_("Any partner"),
        to_field_name="slug",
        widget=LongSelect(options_key=partner_options_key),
    )
