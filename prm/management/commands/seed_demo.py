import time
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from random import Random

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction


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


class Command(BaseCommand):
    help = (
        "Create realistic, deterministic demo data and the demo logins (admin, manager, "
        "portal-a, portal-b). Running it again adds nothing that is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=300, help="How many partners.")
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed (same seed, same data)."
        )
        parser.add_argument("--password", default="demo", help="Password of the demo logins.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when partners already exist."
        )

    def handle(self, *args, partners, seed, password, if_empty, **options):
        if partners < 2:
            self.stderr.write("--partners must be at least 2 (the two portal demo partners).")
            raise SystemExit(2)
        if if_empty and apps.get_model("partners", "Partner").objects.exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        started = time.monotonic()
        state = DemoState(partners=partners, seed=seed, password=password, stdout=self.stdout)
        self.stdout.write(f"Seeding demo data ({partners:,} partners, seed {seed})…")
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.path.startswith(str(settings.BASE_DIR)) or ".venv" in config.path:
                    continue  # only the project's own apps seed demo data
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(state)
        with connection.cursor() as cursor:
            # Bulk inserts leave the planner's statistics stale until autovacuum catches up.
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f}s. Logins (password "
                f"{password!r}): admin, manager, portal-a, portal-b."
            )
        )
