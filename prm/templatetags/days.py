"""`{{ deal.created_at|days_ago }}` → "today", "yesterday", "12 days ago": whole days as people
say them, where Django's timesince says "0 minutes ago" for something done this morning."""

import datetime

from django import template
from django.utils import timezone

from prm.lib.dates import day_label
from prm.lib.days import days_ago_text

register = template.Library()


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


@register.filter
def day(value) -> str:
    """`{{ deal.created_at|day }}` → "5 Mar 2027" (German "5. März 2027"): a date, or a datetime
    on its local day, in the reader's language (prm.lib.dates.day_label); "" for anything else."""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    return day_label(value)
