"""`{{ partner.country|country_name }}`: the name `country.name` shows, from a dictionary built
once per process and language (prm.lib.countries)."""

from django import template

from prm.lib.countries import country_name as name_of

register = template.Library()


@register.filter
def country_name(code) -> str:
    return name_of(code)
