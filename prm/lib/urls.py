"""URLs of many rows, reversed once."""

from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_PLACEHOLDER = 987654321


def url_pattern(name: str, argument: str | None = None, *args) -> str:
    """`name`'s URL with `{}` where the id goes (`pattern.format(pk)`): a page listing a
    thousand people reverses each kind of link once, not once per person. `argument` names a
    keyword argument; without it the id is the positional argument after `args`."""
    if argument is None:
        url = reverse(name, args=[*args, _PLACEHOLDER])
    else:
        url = reverse(name, kwargs={argument: _PLACEHOLDER})
    return url.replace(str(_PLACEHOLDER), "{}")


def url_fill(pattern: str, value) -> str:
    """`url_pattern(...)` with the id filled in, quoted as `reverse()` quotes arguments."""
    return pattern.format(quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@"))
