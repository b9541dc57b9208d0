"""Forms of the engagement plan and log. They validate input; the services decide and write."""

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from partners import selectors as partner_selectors
from prm import columns
from prm.lib.versioning import VersionedForm

from ..models import EngagementAction, Interaction, RelationshipObjective, Stakeholder
from ..selectors.portfolio import PORTFOLIO_SECTIONS
from ..selectors.timeline import TIMELINE_KINDS, TIMELINE_MAX, TIMELINE_PAGE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StakeholderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, stakeholder):
        title = stakeholder.contact.title
        return f"{stakeholder.contact}{f' · {title}' if title else ''}"


class StakeholderSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, stakeholder):
        title = stakeholder.contact.title
        return f"{stakeholder.contact}{f' · {title}' if title else ''}"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


def _partner_people(partner, current=()):
    """The partner's people still there, plus any already linked who have since left."""
    still_there = Q(contact__left_on__isnull=True) | Q(pk__in=[s.pk for s in current])
    return (
        Stakeholder.objects.filter(partner=partner)
        .filter(still_there)
        .select_related("contact")
        .order_by("-influence", "contact__last_name", "contact__first_name")
    )


class ActionForm(VersionedForm, forms.ModelForm):
    stakeholders = StakeholderChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="For whom",
        help_text="The partner's people this action is meant to reach.",
    )
    owner = UserChoiceField(queryset=None, help_text="Who on our side does it.")

    class Meta:
        model = EngagementAction
        fields = ["title", "stakeholders", "owner", "due_on", "status", "notes"]
        widgets = {"due_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": "What"}

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        current = list(self.instance.stakeholders.all()) if self.instance.pk else []
        self.fields["stakeholders"].queryset = _partner_people(partner, current)
        self.fields["owner"].queryset = partner_selectors.channel_managers()
        self.fields["title"].widget.attrs["placeholder"] = "e.g. Invite the CFO to the QBR"


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=EngagementAction.Status.choices)


class ContactChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, contact):
        return f"{contact}{f' · {contact.title}' if contact.title else ''}"


class InteractionForm(forms.Form):
    occurred_on = forms.DateField(label="Date", widget=DateInput())
    # Any of the partner's people, analysed or not; a searchable list (static/js/ui.js).
    contacts = ContactChoiceField(
        queryset=None,
        widget=forms.SelectMultiple(attrs={"data-searchable": "Type a name…", "size": 8}),
        label="With whom",
        help_text="Anyone at the partner. Only the people we have analysed count in the scores.",
        error_messages={"required": "Say who the interaction was with."},
    )
    channel = forms.ChoiceField(choices=Interaction.Channel.choices)
    sentiment = forms.TypedChoiceField(
        choices=Interaction.Sentiment.choices,
        coerce=int,
        initial=Interaction.Sentiment.NEUTRAL,
        widget=forms.RadioSelect,
        help_text="How did it go, from our side?",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was discussed, what was agreed, what comes next.",
    )

    def __init__(self, *args, partner, **kwargs):
        kwargs.setdefault("initial", {"occurred_on": timezone.localdate(), "sentiment": 0})
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = partner_selectors.partner_contacts(partner=partner)


class ObjectiveForm(VersionedForm, forms.ModelForm):
    stakeholder = StakeholderSingleChoiceField(
        queryset=None,
        required=False,
        empty_label="— not about one person —",
        help_text="Link a person to follow their stance and level against the targets.",
    )
    owner = UserChoiceField(queryset=None)

    class Meta:
        model = RelationshipObjective
        fields = [
            "title", "stakeholder", "target_stance", "target_level", "due_on", "status",
            "owner", "notes",
        ]  # fmt: skip
        widgets = {"due_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"target_stance": "Target stance", "target_level": "Target relationship level"}

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.stakeholder] if self.instance.stakeholder_id else []
        self.fields["stakeholder"].queryset = _partner_people(partner, current)
        self.fields["owner"].queryset = partner_selectors.channel_managers()
        self.fields["target_stance"].choices = [("", "— no stance target —")] + [
            c for c in self.fields["target_stance"].choices if c[0]
        ]
        self.fields["target_level"].choices = [("", "— no level target —")] + [
            c for c in self.fields["target_level"].choices if c[0]
        ]


class ListFilterForm(forms.Form):
    show = forms.ChoiceField(
        required=False,
        choices=[("all", "All"), ("open", "Open"), ("overdue", "Overdue"), ("closed", "Closed")],
    )
    page = forms.IntegerField(required=False, min_value=1)

    def value(self, name, default):
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Everything"), *TIMELINE_KINDS.items()])
    limit = forms.IntegerField(required=False, min_value=1, max_value=TIMELINE_MAX)

    def choice(self) -> tuple[str, int]:
        """The kind and the number of events asked for; invalid values fall back to defaults."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return data.get("kind") or "", data.get("limit") or TIMELINE_PAGE


PORTFOLIO_PAGE_KEYS = {key: f"{key.replace('-', '_')}_page" for key in PORTFOLIO_SECTIONS}


class PortfolioFilterForm(columns.ColumnFilterForm, forms.Form):
    """Whose portfolio, its order, the filters of the columns other apps add (prm.columns) and
    each section's page."""

    column_slot = "portfolio"
    owner = forms.ChoiceField(required=False, label="Whose")
    sort = forms.ChoiceField(required=False, label="Order")
    section = forms.ChoiceField(
        required=False, choices=[("", "")] + [(k, k) for k in PORTFOLIO_SECTIONS]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = [
            ("", "Most urgent first"), *columns.sort_choices(self.column_slot)
        ]  # fmt: skip
        self.user = user
        self.users = {str(u.pk): u for u in partner_selectors.channel_managers()}
        others = [
            (pk, u.get_full_name() or u.username) for pk, u in self.users.items() if u != user
        ]
        self.fields["owner"].choices = [("mine", "Mine"), ("all", "All partners"), *others]
        for name in PORTFOLIO_PAGE_KEYS.values():
            self.fields[name] = forms.IntegerField(required=False, min_value=1)

    def _clean(self, name, default):
        self.is_valid()
        if name in self.errors:
            return default
        return self.cleaned_data.get(name) or default

    def owner_user(self):
        """None for everyone's, else the user whose partners and people to show."""
        choice = self._clean("owner", "mine")
        if choice == "all":
            return None
        if choice == "mine":
            return self.user
        return self.users[choice]

    def owner_choice(self) -> str:
        return self._clean("owner", "mine")

    def page_number(self, section) -> int:
        return self._clean(PORTFOLIO_PAGE_KEYS[section], 1)

    def section_key(self) -> str:
        return self._clean("section", "")

    def sort_choice(self) -> str:
        return self._clean("sort", "")

    def base_query(self) -> str:
        """What every section's links keep: whose, the order and the column filters."""
        self.is_valid()
        query = QueryDict(mutable=True)
        if (owner := self.owner_choice()) != "mine":
            query["owner"] = owner
        if sort := self.sort_choice():
            query["sort"] = sort
        for name in self.column_values():
            query[name] = self.data[name]
        return query.urlencode()
