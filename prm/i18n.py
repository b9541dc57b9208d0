"""The user's language: chosen with the switcher in the top bar, remembered in a cookie and on
the user, so the choice follows them to another browser.

Django's `LocaleMiddleware` reads the cookie (or the browser's Accept-Language);
`UserLanguageMiddleware` (after authentication) falls back to the user's saved language when the
browser has no cookie yet. URLs carry no language prefix: they are contracts.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .models import User


def supported_languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def user_language_set(*, user: User, language: str) -> User:
    """Remember `language` (a code of settings.LANGUAGES, or "" for the browser's) on `user`."""
    if language and language not in supported_languages():
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language", "updated_at"])
    return user


class UserLanguageMiddleware:
    """A signed-in user's saved language, where the browser has not chosen one by cookie.

    Needs no query: the user is loaded for the request anyway (`prm.auth` caches the row)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        has_cookie = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not has_cookie and user is not None and user.is_authenticated:
            language = getattr(user, "language", "")
            if language in supported_languages():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


# Form labels Django derives from field and model field names (`pretty_name`, verbose names
# without gettext): makemessages cannot see them, so they are listed here for the catalog, and
# components/field.html translates every label it shows.
FIELD_LABELS = [
    gettext_noop("About the company"),
    gettext_noop("Amount"),
    gettext_noop("Business drivers"),
    gettext_noop("Comment"),
    gettext_noop("Country"),
    gettext_noop("Course"),
    gettext_noop("Currency"),
    gettext_noop("Description"),
    gettext_noop("Employee count"),
    gettext_noop("How they differentiate"),
    gettext_noop("How they make money"),
    gettext_noop("Metric"),
    gettext_noop("Notes"),
    gettext_noop("Phone"),
    gettext_noop("Products"),
    gettext_noop("Quarter"),
    gettext_noop("Status"),
    gettext_noop("Value"),
    gettext_noop("Website"),
    gettext_noop("Year"),
]
