"""Forms for stakeholder analyses, the champion and individual relationship plans.

The forms validate input and shape it for the services; they never save (the services do).
"""

import datetime

from django import forms

from prm.lib.versioning import VersionedForm

from ..models import RelationshipPlan, Stakeholder

TEXT_AREA = {"rows": 3}
ASSESSMENT_FIELDS = (
    "stance", "influence", "relationship_level", "decision_orientation", "adaptability",
)  # fmt: skip


class StakeholderForm(VersionedForm, forms.ModelForm):
    cadence_days = forms.IntegerField(
        label="Desired contact cadence (days)",
        min_value=1,
        max_value=365,
        help_text="How often someone on our side should be in touch, 1 to 365 days.",
    )

    class Meta:
        model = Stakeholder
        fields = [
            "formal_responsibilities", "business_objectives", "decides_alone", "influences",
            "influence", "decision_orientation", "adaptability", "relationship_level", "stance",
            "owners", "cadence_days",
        ]  # fmt: skip
        labels = {
            "decides_alone": "What they decide alone",
            "influences": "What they influence",
            "influence": "Influence in their organisation",
            "relationship_level": "Relationship level with us",
            "owners": "Relationship owners (coverage)",
        }
        help_texts = {
            "stance": "The strategy follows: supporter → leverage, neutral → motivate, "
            "non-supporter → neutralize.",
            "owners": "Who on our side owns the relationship.",
        }
        widgets = {
            "formal_responsibilities": forms.Textarea(attrs=TEXT_AREA),
            "business_objectives": forms.Textarea(attrs=TEXT_AREA),
            "decides_alone": forms.Textarea(attrs=TEXT_AREA),
            "influences": forms.Textarea(attrs=TEXT_AREA),
            "owners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = self.fields["owners"].queryset.order_by(
            "first_name", "last_name", "username"
        )
        new = self.instance.pk is None
        for name in ASSESSMENT_FIELDS:
            field = self.fields[name]
            choices = [c for c in field.choices if c[0] != ""]
            # A new analysis starts empty: a careless save must not record middling values
            # (the model's defaults) as our judgement of the person.
            field.choices = [("", "— choose —"), *choices] if new else choices
            field.required = True
            label = field.label[0].lower() + field.label[1:]
            field.error_messages = {**field.error_messages, "required": f"Choose the {label}."}
            if new and not self.is_bound:
                self.initial[name] = None


class ChampionForm(forms.Form):
    champion_reason = forms.CharField(
        label="Why this person is our champion",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this person is the champion."},
    )

    def clean_champion_reason(self):
        reason = self.cleaned_data["champion_reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why this person is the champion.")
        return reason


class RelatedStakeholdersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        title = f" — {obj.contact.title}" if obj.contact.title else ""
        return f"{obj.contact.full_name}{title}"


class PlanForm(VersionedForm, forms.ModelForm):
    related_stakeholders = RelatedStakeholdersField(
        queryset=Stakeholder.objects.none(),
        required=False,
        label="Other individuals who need a plan",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RelationshipPlan
        fields = [
            "position_and_responsibilities", "business_objectives", "value_we_provide",
            "how_to_build_more_value", "decisions_and_influence", "current_relationship",
            "communication_frequency", "value_communication", "related_stakeholders", "owner",
            "review_on",
        ]  # fmt: skip
        labels = {
            "value_we_provide": "The value we provide",
            "how_to_build_more_value": "How we build more value",
            "value_communication": "How we will communicate our value from now on",
            "owner": "Plan owner",
        }
        widgets = {
            "position_and_responsibilities": forms.Textarea(attrs=TEXT_AREA),
            "business_objectives": forms.Textarea(attrs=TEXT_AREA),
            "value_we_provide": forms.Textarea(attrs=TEXT_AREA),
            "how_to_build_more_value": forms.Textarea(attrs=TEXT_AREA),
            "decisions_and_influence": forms.Textarea(attrs=TEXT_AREA),
            "current_relationship": forms.Textarea(attrs=TEXT_AREA),
            "value_communication": forms.Textarea(attrs=TEXT_AREA),
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, related_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if related_choices is not None:
            self.fields["related_stakeholders"].queryset = related_choices
        self.fields["owner"].queryset = self.fields["owner"].queryset.order_by(
            "first_name", "last_name", "username"
        )
        self.fields["owner"].empty_label = "Choose the plan's owner"


def plan_initial(stakeholder: Stakeholder, user) -> dict:
    """A new plan starts from what the analysis already says."""
    contact = stakeholder.contact
    parts = [contact.title, stakeholder.formal_responsibilities]
    position = "; ".join(dict.fromkeys(part.strip() for part in parts if part.strip()))
    decisions = "\n".join(
        f"{label}: {text}"
        for label, text in (
            ("Decides alone", stakeholder.decides_alone),
            ("Influences", stakeholder.influences),
        )
        if text
    )
    return {
        "position_and_responsibilities": position,
        "business_objectives": stakeholder.business_objectives,
        "decisions_and_influence": decisions,
        "communication_frequency": f"Every {stakeholder.cadence_days} days",
        "owner": user.pk,
        "review_on": datetime.date.today() + datetime.timedelta(days=90),
    }
