"""Forms of the notification pages: the list's filters, the preferences page, unsubscribing."""

import functools
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Channel, kind_choices

STATES = [("", "All"), ("unread", "Unread"), ("read", "Read")]


class NotificationFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=(), required=False)
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kind_choices(user)]

    def choice(self, name, default=""):
        """The cleaned value of a filter, or its default when it was missing or invalid."""
        self.is_valid()
        value = self.cleaned_data.get(name) if name not in self.errors else None
        return value or default


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    # Read once per process: listing the zones walks the tz database on disk.
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


class PreferencesForm(forms.Form):
    """A channel per kind offered to the user, grouped as the registry groups them, and the
    user's time zone (the daily digest leaves at 07:00 there)."""

    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_("Your daily digest is sent at 07:00 in this time zone."),
    )

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.groups: dict[str, list] = {}
        for kind, channel in preferences:
            # Not required: a kind left out of the post keeps its channel.
            field = forms.ChoiceField(
                label=kind.label, choices=Channel.choices, initial=channel, required=False
            )
            self.fields[f"kind_{kind.key}"] = field
            self.groups.setdefault(kind.group, []).append(f"kind_{kind.key}")

    def grouped_fields(self) -> list[tuple[str, list]]:
        return [(group, [self[name] for name in names]) for group, names in self.groups.items()]

    def service_data(self) -> dict:
        channels = {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_") and value
        }
        return {"channels": channels, "time_zone": self.cleaned_data["time_zone"]}


class UnsubscribeForm(forms.Form):
    # "delivery", not "channel": a channel is how an interaction with a partner took place.
    delivery = forms.ChoiceField(
        label=_("From now on"), choices=Channel.choices, widget=forms.RadioSelect
    )
