import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from prm import demo


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
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (creates the demo logins with a known password).",
        )

    def handle(self, *args, partners, seed, password, if_empty, force, **options):
        if not settings.DEBUG and not force:
            # The demo logins have a known password: never in production by accident.
            raise CommandError(
                "Refusing to seed demo data with DEBUG off: it creates the logins admin, "
                "manager, portal-a and portal-b with a known password. Use --force if this "
                "is not a production database."
            )
        if partners < 2:
            self.stderr.write("--partners must be at least 2 (the two portal demo partners).")
            raise SystemExit(2)
        if if_empty and demo.demo_data_present():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        started = time.monotonic()
        state = demo.DemoState(partners=partners, seed=seed, password=password, stdout=self.stdout)
        self.stdout.write(f"Seeding demo data ({partners:,} partners, seed {seed})…")
        with transaction.atomic():
            demo.seed_all(state)
        with connection.cursor() as cursor:
            # Bulk inserts leave the planner's statistics stale until autovacuum catches up.
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f}s. Logins (password "
                f"{password!r}): admin, manager, portal-a, portal-b."
            )
        )
