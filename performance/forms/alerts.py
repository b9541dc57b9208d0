"""Forms of the alert list: its filters, assigning an alert and dismissing one."""

from django import forms

from partners.selectors import channel_managers, partners
from prm.models import SHORT_TEXT

from ..models import AlertKind

STATUSES = [("open", "Open"), ("active", "Open or dismissed"), ("dismissed", "Dismissed"),
            ("resolved", "Resolved"), ("all", "Any status")]  # fmt: skip
WHOSE = [("all", "Everyone's"), ("mine", "Mine"), ("unassigned", "Unassigned")]
ABOUT = [("", "Partners and the program"), ("partners", "A partner"),
         ("program", "Program-wide")]  # fmt: skip


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUSES, required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *AlertKind.choices], required=False)
    whose = forms.ChoiceField(label="Whose", choices=WHOSE, required=False)
    about = forms.ChoiceField(label="About", choices=ABOUT, required=False)
    partner = forms.ModelChoiceField(
        queryset=partners(), to_field_name="slug", required=False, empty_label="Any partner",
        widget=forms.HiddenInput,
    )  # fmt: skip
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def choice(self, name, default=""):
        """The cleaned value of a filter, or its default when it was missing or invalid."""
        self.is_valid()
        value = self.cleaned_data.get(name) if name not in self.errors else None
        return value or default


class AlertAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Assign to", queryset=None, required=False, empty_label="Nobody"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = channel_managers()


class AlertDismissForm(forms.Form):
    reason = forms.CharField(
        label="Why dismiss it", max_length=SHORT_TEXT,
        widget=forms.TextInput(attrs={"placeholder": "e.g. QBR booked for May"}),
    )  # fmt: skip
