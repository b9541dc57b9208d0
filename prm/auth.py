"""Signing in with a username and password, and reading the signed-in user on each request.

Every request of a signed-in user reads their row; it changes rarely. `CachedModelBackend`
keeps a copy in the cache for a few minutes, and any save or delete of the user drops it
(at once and again when the transaction commits, so a request running alongside cannot put
the old row back): a deactivation, a new password or a new role applies to the next request.

The copy carries the day the user's access ends (prm.lib.sign_in: an exited partner's users),
so a session ends on that day without a query per request.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

from .lib.sign_in import access_ends_on, has_ended

USER_CACHE_SECONDS = 300
_UNKNOWN = object()


def _key(user_id) -> str:
    return f"prm:signed-in-user:{user_id}"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = cache.get(_key(user_id))
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                user.access_ends_on = access_ends_on(user)
                cache.set(_key(user_id), user, USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        ends_on = getattr(user, "access_ends_on", _UNKNOWN)
        if ends_on is _UNKNOWN:
            ends_on = access_ends_on(user)
        return not has_ended(ends_on)


def forget_cached_user(user_id) -> None:
    """Drop the cached copy now and when the transaction commits (prm.signals calls it)."""
    cache.delete(_key(user_id))
    transaction.on_commit(lambda: cache.delete(_key(user_id)))
