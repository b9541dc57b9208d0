"""The inbox page's filters, read from the query string (bad values fall back to defaults)."""

from django import forms

from . import sources_for

SCOPES = [("mine", "Mine"), ("team", "My team")]


class InboxFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False)
    scope = forms.ChoiceField(choices=SCOPES, required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args, audience, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Everything")] + [
            (source.key, source.label) for source in sources_for(audience)
        ]

    def choice(self, name, default=""):
        """The cleaned value of a filter, or its default when it was missing or invalid."""
        self.is_valid()
        value = self.cleaned_data.get(name) if name not in self.errors else None
        return value or default
