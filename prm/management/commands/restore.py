from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from prm.lib.postgres import client_command, run_client


class Command(BaseCommand):
    help = (
        "Restore a file written by `manage.py backup` into the configured PostgreSQL database, "
        "replacing what is there (pg_restore --clean --if-exists --no-owner, in one "
        "transaction). Stop the web app and the workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup file (pg_dump custom format).")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, file, interactive, database, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        settings_dict = connections[database].settings_dict
        client_command("pg_restore", settings_dict)  # PostgreSQL and pg_restore, before asking
        if interactive:
            answer = input(
                f"This replaces every table of database {settings_dict['NAME']!r} with the "
                f"contents of {path}. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        connections[database].close()
        run_client(
            "pg_restore", settings_dict,
            "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", str(path),
        )  # fmt: skip
        self.stdout.write(f"Restored {path} into {settings_dict['NAME']}.")
