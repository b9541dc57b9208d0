"""The partner filters of the performance portfolios (targets, audits): the partner list's main
filters with the same names, choices and selector (`partners.selectors.partner_list`), so a
filter means the same on every page and a URL can be carried from one list to another."""

from django import forms
from django.http import QueryDict

from partners.models import Partner
from partners.selectors import channel_managers, partner_ids_matching, tiers
from prm.lib.forms import LongSelect


class PartnerScopeForm(forms.Form):
    """Search, owner, tier and status of the partners listed. Invalid values narrow nothing
    (the form shows what was wrong)."""

    scope_fields = ("q", "owner", "tier", "status")

    q = forms.CharField(required=False, max_length=100, label="Partner")
    owner = forms.ModelChoiceField(
        required=False, queryset=channel_managers(), empty_label="Any owner", widget=LongSelect
    )
    tier = forms.ModelChoiceField(
        required=False, queryset=tiers(), empty_label="Any tier", widget=LongSelect
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Partner.Status.choices], widget=LongSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_valid():
            self.cleaned_data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def filters(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.scope_fields}

    def partner_ids(self) -> set[int] | None:
        """The partners these filters keep, or None when none is set."""
        return partner_ids_matching(filters=self.filters())

    def canonical_query(self) -> str:
        """The valid, non-empty values of this form, as a query string."""
        query = QueryDict(mutable=True)
        for key in self.fields:
            value = self.data.get(key)
            if value not in ("", None) and key not in self.errors:
                query[key] = value
        return query.urlencode()
