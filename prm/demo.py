"""Demo data: the registry of the apps' seeders, what they share, and the staff logins.

Each app registers its seeder in `AppConfig.ready()` (through its `panels` module):

    demo.register_seeder("relationships", "relationships.demo.seed", after=("partners",))

`seed_demo` runs every seeder once, each after those it names in `after` (dependency order,
ties by key), passing one shared `DemoState`. `present`, if given, tells whether that app's
demo data is already there (`seed_demo --if-empty` then does nothing).
"""

import graphlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from random import Random

from django.contrib.auth import get_user_model
from django.db import connection


@dataclass
class DemoState:
    """What every app's demo seeder shares: options, the generator and what earlier apps made."""

    partners: int
    seed: int
    password: str
    stdout: object
    random: Random = field(init=False)
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.random = Random(self.seed)

    def report(self, what: str, count: int) -> None:
        self.stdout.write(f"  {what}: {count:,}")


@dataclass(frozen=True)
class Seeder:
    key: str
    seed: str | Callable  # a function of the DemoState, or its dotted path
    after: tuple[str, ...] = ()
    present: str | Callable | None = None  # () -> bool, or its dotted path


_seeders: dict[str, Seeder] = {}


def register_seeder(key, seed, *, after=(), present=None) -> None:
    # Registering a key again replaces it, so a re-run `ready()` does not seed twice.
    _seeders[key] = Seeder(key, seed, tuple(after), present)


def _resolve(function):
    if isinstance(function, str):
        module_name, name = function.rsplit(".", 1)
        return getattr(import_module(module_name), name)
    return function


def seeders() -> list[Seeder]:
    """Every registered seeder, each after the ones it depends on."""
    unknown = {dep for s in _seeders.values() for dep in s.after if dep not in _seeders}
    if unknown:
        raise ValueError(f"Demo seeders depend on unregistered ones: {', '.join(sorted(unknown))}.")
    sorter = graphlib.TopologicalSorter({key: _seeders[key].after for key in sorted(_seeders)})
    sorter.prepare()
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered += ready
        sorter.done(*ready)
    return [_seeders[key] for key in ordered]


def demo_data_present() -> bool:
    return any(s.present is not None and _resolve(s.present)() for s in _seeders.values())


def seed_all(state: DemoState) -> None:
    """Every seeder in order, inside the caller's transaction. Between seeders the planner's
    statistics are refreshed: rows just bulk-inserted are invisible to autovacuum until commit,
    and a later seeder's aggregating reads (the scoring backfill's) would be planned as if
    those tables were empty."""
    for seeder in seeders():
        started = time.monotonic()
        _resolve(seeder.seed)(state)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        state.stdout.write(f"  ({seeder.key}: {time.monotonic() - started:.1f} s)")


STAFF = [
    # username, first, last, role, superuser
    ("admin", "Ada", "Admin", "administrator", True),
    ("manager", "Morgan", "Reyes", "channel_manager", False),
    ("manager2", "Priya", "Natarajan", "channel_manager", False),
    ("manager3", "Lukas", "Berg", "channel_manager", False),
    ("manager4", "Chloé", "Martin", "channel_manager", False),
]


def ensure_user(
    username, *, password, first_name="", last_name="", role, superuser=False, email=""
):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email or f"{username}@example.com",
            "role": role,
            "is_staff": superuser or role == "administrator",
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def seed(state) -> None:
    state.users = {
        username: ensure_user(
            username,
            password=state.password,
            first_name=first,
            last_name=last,
            role=role,
            superuser=superuser,
        )
        for username, first, last, role, superuser in STAFF
    }
    state.report("staff users", len(STAFF))
