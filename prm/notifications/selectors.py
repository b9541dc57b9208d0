"""Reads of notifications: always of one user's own rows."""

from django.shortcuts import get_object_or_404

from prm.models import Notification, NotificationPreference

from .kinds import get_kind, kinds_for


def notifications_of(*, user, kind: str = "", state: str = ""):
    """The user's notifications, newest first; `state` is "unread", "read" or "" (all)."""
    queryset = Notification.objects.for_user(user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if state == "unread":
        queryset = queryset.unread()
    elif state == "read":
        queryset = queryset.filter(read_at__isnull=False)
    return queryset.order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    return Notification.objects.for_user(user).unread().count()


def notification_get(*, user, pk) -> Notification:
    """One of the user's own notifications; anyone else's answers 404 (existence not leaked)."""
    return get_object_or_404(Notification.objects.for_user(user), pk=pk)


def channels_for(*, user_ids, kind: str) -> dict[int, str]:
    """`{user id: channel}` for one kind: each user's choice, else the kind's default."""
    default = get_kind(kind).default
    chosen = dict(
        NotificationPreference.objects.filter(user__in=user_ids, kind=kind).values_list(
            "user_id", "channel"
        )
    )
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def preferences_of(*, user) -> list[tuple]:
    """`(kind, channel)` for every kind offered to the user, in the order of the page."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return [(kind, chosen.get(kind.key, kind.default)) for kind in kinds_for(user)]


def channel_of(*, user, kind: str) -> str:
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return chosen.channel if chosen else get_kind(kind).default
