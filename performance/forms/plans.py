"""Forms of business plans, their actions and reviews."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.selectors import channel_managers, contacts, partner_contacts

from ..models.plans import BusinessPlan, PlanAction, Review

DATE = forms.DateInput(attrs={"type": "date"})
QUARTERS = [("", "Whole year")] + [(str(q), f"Q{q}") for q in range(1, 5)]


def _freeze_choices(form, *names) -> None:
    """Read each choice list once, however often the form is rendered (one per plan)."""
    for name in names:
        form.fields[name].choices = list(form.fields[name].choices)


class BusinessPlanForm(forms.Form):
    title = forms.CharField(max_length=200)
    year = forms.IntegerField(min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(choices=QUARTERS, coerce=int, empty_value=None,
                                     required=False)  # fmt: skip
    status = forms.ChoiceField(choices=BusinessPlan.Status.choices,
                               initial=BusinessPlan.Status.ACTIVE)  # fmt: skip
    objectives = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlanActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner_side = forms.ChoiceField(label=_("Owned by"), choices=PlanAction.Side.choices)
    owner_user = forms.ModelChoiceField(label=_("Our owner"), required=False, queryset=None)
    owner_contact = forms.ModelChoiceField(label=_("Their owner"), required=False,
                                           queryset=contacts().none())  # fmt: skip
    owner_name = forms.CharField(label=_("Or owner's name"), max_length=150, required=False)
    due = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = channel_managers()
        if partner is not None:
            self.fields["owner_contact"].queryset = partner_contacts(partner=partner)
        _freeze_choices(self, "owner_user", "owner_contact")


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=PlanAction.Status.choices)


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(choices=Review.Kind.choices, initial=Review.Kind.QBR)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    our_attendees = forms.ModelMultipleChoiceField(label=_("Our attendees"), required=False,
                                                   queryset=None)  # fmt: skip
    their_attendees = forms.ModelMultipleChoiceField(label=_("Their attendees"), required=False,
                                                     queryset=contacts().none())  # fmt: skip
    done_vs_planned = forms.CharField(label=_("Done versus planned"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    outcomes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_review_on = forms.DateField(label=_("Next review on"), required=False, widget=DATE)
    shared_with_partner = forms.BooleanField(label=_("Share this review with the partner"),
                                             required=False)  # fmt: skip

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["our_attendees"].queryset = channel_managers()
        if partner is not None:
            self.fields["their_attendees"].queryset = partner_contacts(partner=partner)
        _freeze_choices(self, "our_attendees", "their_attendees")
