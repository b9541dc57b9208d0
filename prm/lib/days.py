"""Whole days in words, as people say them: "today", "yesterday", "12 days ago"."""

from django.utils.translation import gettext, ngettext


def days_ago_text(days: int) -> str:
    """A whole number of days back in words; a future day reads "tomorrow" or "in 3 days"."""
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("yesterday")
    if days == -1:
        return gettext("tomorrow")
    if days > 1:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    return ngettext("in %(count)d day", "in %(count)d days", -days) % {"count": -days}
