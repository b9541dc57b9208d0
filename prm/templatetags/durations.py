"""`{{ run.elapsed|duration }}` → "1 min 12 s": a time span as people say it."""

import datetime

from django import template

register = template.Library()


@register.filter
def duration(span) -> str:
    """A timedelta (or seconds) in words: "0.4 s", "45 s", "1 min 12 s", "2 h 5 min"; "" for
    anything else."""
    if isinstance(span, datetime.timedelta):
        seconds = span.total_seconds()
    elif isinstance(span, int | float):
        seconds = float(span)
    else:
        return ""
    seconds = max(seconds, 0.0)
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        minutes, rest = divmod(whole, 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, rest = divmod(whole, 3600)
    minutes = rest // 60
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
