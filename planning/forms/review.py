"""Forms of under-performer reviews: the decision and the portfolio's filters."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from prm.models import SHORT_TEXT

from ..models import ReviewDecision, ReviewOutcome, ReviewStatus


class DateInput(forms.DateInput):
    input_type = "date"


class ReviewDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    actions = forms.CharField(
        label=_("Remediation actions"), required=False, max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One action per line; each goes on the partner's business plan, ours, due "
                    "at the deadline."),
    )  # fmt: skip
    remediation_deadline = forms.DateField(
        label=_("Remediation deadline"), required=False, widget=DateInput
    )
    exit_on = forms.DateField(
        label=_("Exit on"), required=False, widget=DateInput,
        help_text=_("From this day the partner's users cannot sign in; its open deal "
                    "registrations end."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to keep the partner; a note for the other decisions."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = datetime.date.today().isoformat()
        self.fields["exit_on"].widget.attrs["min"] = today
        self.fields["remediation_deadline"].widget.attrs["min"] = today

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["actions"] = (data.get("actions") or "").splitlines()
        return data


YEARS = [("", _("Any year"))] + [
    (str(year), str(year)) for year in range(datetime.date.today().year, 2019, -1)
]


class DecisionFilterForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", _("Any decision")), *ReviewDecision.choices],
        required=False,
    )  # fmt: skip
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Any outcome")), *ReviewOutcome.choices],
        required=False,
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), (ReviewStatus.DECIDED, _("Running")),
                 (ReviewStatus.CLOSED, _("Closed"))],
        required=False,
    )  # fmt: skip
    year = forms.ChoiceField(label=_("Decided in"), choices=YEARS, required=False)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def choice(self, name, default=""):
        """The cleaned value of a filter, or its default when it was missing or invalid."""
        self.is_valid()
        value = self.cleaned_data.get(name) if name not in self.errors else None
        return value or default
