"""Forms of the escalation pages: log or edit one, resolve one, and the list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.selectors import partner_options_key, partners
from prm.lib.forms import LongSelect
from prm.lib.validators import plausible_date
from prm.lib.versioning import VersionedForm

from ..models import Escalation, EscalationOutcome, EscalationSeverity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIELDS = ["customer", "summary", "severity", "opened_on", "resolved_on", "effort_hours",
          "outcome", "partner_notes", "internal_notes"]  # fmt: skip


def _partner_field(**kwargs):
    return forms.ModelChoiceField(
        # Only what an option shows: a thousand whole partners cost more than the page.
        queryset=partners().order_by("name").only("pk", "slug", "name"),
        to_field_name="slug", widget=LongSelect(options_key=partner_options_key),
        label=_("Partner"), **kwargs,
    )  # fmt: skip


class EscalationForm(VersionedForm, forms.ModelForm):
    """Log an escalation (with its partner) or change one (its partner stays)."""

    class Meta:
        model = Escalation
        fields = FIELDS
        widgets = {
            "opened_on": DATE,
            "resolved_on": DATE,
            "partner_notes": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, with_partner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_partner:
            self.fields = {"partner": _partner_field(), **self.fields}
        for name in ("opened_on", "resolved_on"):
            self.fields[name].validators.append(plausible_date)

    def _post_clean(self):
        # The service checks the row (at each field) and saves it: not the ModelForm.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class EscalationResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in EscalationOutcome.choices if c[0] != EscalationOutcome.OPEN],
    )
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE, validators=[plausible_date])
    effort_hours = forms.DecimalField(
        label=_("Hours of our effort, in all"), max_digits=7, decimal_places=1, required=False,
        help_text=_("Leave empty to keep the hours logged so far."),
    )  # fmt: skip
    partner_notes = forms.CharField(
        label=_("Notes for the partner"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, help_text=_("Shown to the partner's users in the portal."),
    )  # fmt: skip

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("partner_notes"):
            data.pop("partner_notes", None)
        return data


class EscalationFilterForm(forms.Form):
    partner = _partner_field(required=False, empty_label=_("Any partner"))
    severity = forms.ChoiceField(
        label=_("Severity"), required=False,
        choices=[("", _("Any severity")), *EscalationSeverity.choices],
    )  # fmt: skip
    state = forms.ChoiceField(
        label=_("State"), required=False,
        choices=[("", _("Open and resolved")), ("open", _("Open")), ("resolved", _("Resolved"))],
    )  # fmt: skip
    since = forms.DateField(label=_("Opened from"), required=False, widget=DATE)
    until = forms.DateField(label=_("Opened until"), required=False, widget=DATE)
