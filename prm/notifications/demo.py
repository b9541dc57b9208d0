"""Demo notifications: each app's demo seeder replays what its demo users were told through
its own event functions, with `replay`; the core ages the rows (spread over the last days,
the older ones partly read) and gives the demo users time zones around the world."""

import datetime
from collections.abc import Callable
from random import Random

from django.utils import timezone

from prm.models import Notification, User

from . import without_email

TIME_ZONES = {
    "admin": "Europe/London",
    "manager": "Europe/Berlin",
    "manager2": "Asia/Kolkata",
    "manager3": "Europe/Stockholm",
    "manager4": "America/New_York",
    "portal-a": "Europe/Berlin",
    "portal-a-member": "Europe/Berlin",
    "portal-b": "Africa/Lagos",
}
READ_SHARE = 0.4


def seed_time_zones() -> None:
    for username, zone in TIME_ZONES.items():
        User.objects.filter(username=username, time_zone="UTC").update(time_zone=zone)


def replay(state, *, what: str, kinds: tuple[str, ...], events: Callable[[], None]) -> int:
    """Run `events` (calls of the app's event functions) in the app only, unless notifications
    of these `kinds` exist already (a second seed_demo adds none); age what they created."""
    seed_time_zones()
    if Notification.objects.filter(kind__in=kinds).exists():
        return 0
    first_pk = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with without_email():
        events()
    replayed = list(Notification.objects.filter(pk__gt=first_pk).order_by("pk"))
    _age(state, replayed)
    state.report(f"notifications ({what})", len(replayed))
    return len(replayed)


def _age(state, notifications: list[Notification], *, days: int = 10) -> None:
    # A generator of its own: drawing from the shared one would change what later seeders make.
    rng = Random(f"{state.seed}:notifications:{len(notifications)}")
    now = timezone.now()
    count = len(notifications)
    for index, notification in enumerate(notifications):
        hours_ago = (count - index) * days * 24 / max(count, 1) + rng.uniform(0, 3)
        notification.created_at = now - datetime.timedelta(hours=hours_ago)
        # The older 70 % are partly read; the newest stay unread, as after a few days away.
        read = index < count * 0.7 and rng.random() < READ_SHARE / 0.7
        notification.read_at = (
            notification.created_at + datetime.timedelta(hours=2) if read else None
        )
    Notification.objects.bulk_update(notifications, ["created_at", "read_at"], batch_size=500)
