"""The search's query string, for the page and the dropdown (the API has its serializer)."""

from django import forms

from .terms import MAX_LENGTH, MIN_LENGTH, SearchTerms

EMPTY_MESSAGE = "Type a name, an email, a customer or a claim reference to search."
SHORT_MESSAGE = f"Type at least {MIN_LENGTH} characters to search."
LONG_MESSAGE = f"Only the first {MAX_LENGTH} characters of your search were used."


class SearchForm(forms.Form):
    """`q` is never refused for being long: a page shortens it and says so."""

    q = forms.CharField(required=False, strip=True)
    kind = forms.ChoiceField(required=False)

    def __init__(self, data, *, kinds):
        super().__init__(data)
        self.fields["kind"].choices = [("", "Everything"), *((k.key, k.label) for k in kinds)]

    def search_terms(self) -> SearchTerms | None:
        """The query to run, or None when there is too little to search for."""
        self.is_valid()
        text = " ".join((self.cleaned_data.get("q") or "").split())
        return SearchTerms.parse(text) if len(text) >= MIN_LENGTH else None

    def only_kind(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("kind") or ""

    def message(self) -> str:
        """What to tell the user about their query, if anything."""
        self.is_valid()
        text = " ".join((self.cleaned_data.get("q") or "").split())
        if not text:
            return EMPTY_MESSAGE
        if len(text) < MIN_LENGTH:
            return SHORT_MESSAGE
        if len(text) > MAX_LENGTH:
            return LONG_MESSAGE
        return ""
