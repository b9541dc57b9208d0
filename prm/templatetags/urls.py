"""`{{ deal_url|url_fill:deal.pk }}`: a row's link from a pattern its page reversed once
(`prm.lib.urls.url_pattern`), quoted as `reverse()` quotes arguments."""

from django import template

from prm.lib.urls import url_fill as fill

register = template.Library()


@register.filter
def url_fill(pattern: str, value) -> str:
    return fill(pattern, value)
