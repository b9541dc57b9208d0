"""Who may still sign in: the core knows no partner, so apps register what ends a user's access.

An app registers a function `access_ends_on(user) -> date | None` (partners: the exit date of
the user's partner). From that day on the user cannot sign in with a password, their sessions
end (the signed-in user is read again on each request) and their API tokens are refused. The
answer is kept with the cached signed-in user (prm.auth), so a request costs no query for it;
an app that changes what its function answers calls `forget_signed_in_users`.
"""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ACCESS_ENDED_MESSAGE = _(
    "Your company's partnership with us has ended, so its portal accounts are closed. "
    "If you think this is a mistake, contact your channel manager."
)

_limits: dict[str, Callable] = {}


def register_access_end(key: str, function: Callable) -> None:
    """`function(user)` returns the first day `user` may no longer sign in, or None."""
    _limits[key] = function


def access_ends_on(user) -> datetime.date | None:
    """The earliest day any app ends `user`'s access (None: no end)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    days = [day for function in _limits.values() if (day := function(user)) is not None]
    return min(days, default=None)


def has_ended(ends_on: datetime.date | None, today: datetime.date | None = None) -> bool:
    return ends_on is not None and (today or timezone.localdate()) >= ends_on


def access_ended(user) -> bool:
    """Whether `user`'s access has ended today (one query per registered app at most)."""
    return has_ended(access_ends_on(user))


def forget_signed_in_users(user_ids: Iterable[int]) -> None:
    """Their cached copies are dropped: the next request reads their access again."""
    from prm.auth import forget_cached_user

    for user_id in user_ids:
        forget_cached_user(user_id)
