from django import forms
from django.utils.translation import gettext_lazy as _

from partners import selectors as partner_selectors

from ..models import Certification, Course


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class CertificationRequestForm(forms.Form):
    """Portal: `contacts` is the partner's own people only, so another partner's is refused."""

    contact = forms.ModelChoiceField(
        queryset=partner_selectors.contacts().none(), label=_("Person")
    )
    course = forms.ModelChoiceField(queryset=Course.objects.all())
    earned_on = _date("Earned on")

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts
        self.fields["contact"].empty_label = _("Choose a person")
        self.fields["course"].empty_label = _("Choose a course")


class CertificationQueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "All"), *Certification.Status.choices], required=False)


class RulesPublishForm(forms.Form):
    effective_on = _date("Effective on")
    significant = forms.BooleanField(
        required=False,
        label=_("Significant change"),
        help_text=_(
            "Partners must rethink how they sell with us (territories, margins, deal protection)."
        ),
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("What changed, in partners' terms.")
    )
    full_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label=_("Full text"))
