"""Signing in with a username and password, and reading the signed-in user on each request.

Every request of a signed-in user reads their row; it changes rarely. `CachedModelBackend`
keeps a copy in the cache for a few minutes, and any save or delete of the user drops it
(at once and again when the transaction commits, so a request running alongside cannot put
the old row back): a deactivation, a new password or a new role applies to the next request.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

USER_CACHE_SECONDS = 300


def _key(user_id) -> str:
    return f"prm:signed-in-user:{user_id}"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = cache.get(_key(user_id))
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(_key(user_id), user, USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None


def forget_cached_user(user_id) -> None:
    """Drop the cached copy now and when the transaction commits (prm.signals calls it)."""
    cache.delete(_key(user_id))
    transaction.on_commit(lambda: cache.delete(_key(user_id)))
