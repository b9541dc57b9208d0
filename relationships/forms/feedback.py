"""Forms of partners' feedback: sending it (portal), the staff list's filters, assigning and
answering. They validate input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.selectors import channel_managers, partners
from prm.models import SHORT_TEXT

from ..models import FeedbackCategory, FeedbackStatus
from ..models.feedback import PAGE_PATH_MAX

STATUSES = [("open", _("Waiting for an answer")), *FeedbackStatus.choices, ("all", _("Any status"))]


def _person(user) -> str:
    return user.get_full_name() or user.username


class FeedbackSendForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("Choose a topic")), *FeedbackCategory.choices]
    )
    text = forms.CharField(
        label=_("What is in your way?"), max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell us what slows you down or what you miss. We answer here."),
    )  # fmt: skip
    page_path = forms.CharField(max_length=PAGE_PATH_MAX, required=False, widget=forms.HiddenInput)


class FeedbackFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    partner = forms.ModelChoiceField(
        queryset=partners(), to_field_name="slug", required=False, widget=forms.HiddenInput
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Anyone or nobody")), ("mine", _("Mine (and my partners' unassigned)")),
            ("me", _("Me")), ("none", _("Nobody")),
            *((str(user.pk), _person(user)) for user in people),
        ]  # fmt: skip

    def choice(self, name, default=""):
        """The cleaned value of a filter, or its default when it was missing or invalid."""
        self.is_valid()
        value = self.cleaned_data.get(name) if name not in self.errors else None
        return value or default


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return _person(user)


class FeedbackAssignForm(forms.Form):
    assignee = PersonChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = channel_managers()


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The partner reads this on their portal."),
    )  # fmt: skip
