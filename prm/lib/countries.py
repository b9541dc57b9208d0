"""Country names for pages that show many: one dictionary per language, built once per process
(`Country.name` looks each code up and translates it again, ~20 µs a row)."""

from functools import cache

from django.utils.translation import get_language
from django_countries import countries


@cache
def _names(language: str | None) -> dict[str, str]:
    return dict(countries)  # iterated in the active language, which is `language`


def country_name(code) -> str:
    """What `country.name` shows for a `CountryField` value: its name, or "" if unknown."""
    return _names(get_language()).get(str(code), "")
