"""Forms of people corrections: the portal's proposal and the channel team's decision."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CorrectionKind, CorrectionStatus

DATE = forms.DateInput(attrs={"type": "date"})
# The fields each kind of correction asks for (besides the person it is about).
KIND_FIELDS = {
    CorrectionKind.NEW_PERSON: ("first_name", "last_name", "title", "email", "org_unit", "note"),
    CorrectionKind.LEFT: ("contact", "left_on", "note"),
    CorrectionKind.NEW_TITLE: ("contact", "title", "org_unit", "note"),
}


class CorrectionProposeForm(forms.Form):
    contact = forms.ModelChoiceField(queryset=None, required=False, label=_("Person"))
    first_name = forms.CharField(max_length=80, required=False, label=_("First name"))
    last_name = forms.CharField(max_length=80, required=False, label=_("Last name"))
    title = forms.CharField(max_length=150, required=False, label=_("Job title"))
    email = forms.EmailField(required=False, label=_("Email"))
    org_unit = forms.ModelChoiceField(queryset=None, required=False, label=_("Unit"))
    left_on = forms.DateField(
        required=False, label=_("Left on"), widget=DATE, initial=datetime.date.today
    )
    note = forms.CharField(
        max_length=2000, required=False, label=_("Note for the channel team"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, kind, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["contact"].queryset = people
        self.fields["org_unit"].queryset = units
        if kind == CorrectionKind.NEW_TITLE:
            self.fields["title"].label = _("New job title")
            self.fields["org_unit"].label = _("New unit")
        for name in set(self.fields) - set(KIND_FIELDS[kind]):
            del self.fields[name]

    def service_data(self) -> dict:
        return {"kind": self.kind, **self.cleaned_data}


class CorrectionRejectForm(forms.Form):
    reason = forms.CharField(max_length=2000, required=False, label=_("Reason"))


class CorrectionFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", _("All")), *CorrectionStatus.choices], required=False)
