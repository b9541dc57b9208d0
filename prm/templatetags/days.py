"""`{{ deal.created_at|days_ago }}` → "today", "yesterday", "12 days ago": whole days as people
say them, where Django's timesince says "0 minutes ago" for something done this morning."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def days_ago_text(days: int) -> str:
    """A whole number of days back in words; a future day reads "in 3 days"."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    return f"{days} days ago" if days > 1 else f"in {-days} days"


@register.filter
def days_ago(value, today=None) -> str:
    """A date, a datetime (in the local time zone) or a number of days; "" for anything else.
    `today` (a date) is the day counted from, by default the local date."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return days_ago_text(value)
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    if isinstance(today, datetime.datetime):
        today = timezone.localdate(today) if timezone.is_aware(today) else today.date()
    today = today if isinstance(today, datetime.date) else timezone.localdate()
    return days_ago_text((today - value).days)
