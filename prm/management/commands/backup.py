from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from prm.lib.postgres import run_client


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database to one file (pg_dump custom format), to be read back "
        "with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="The file to write (default: var/backups/prm-<time>.dump)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, output, database, **options):
        output = Path(output) if output else self._default_output()
        output.parent.mkdir(parents=True, exist_ok=True)
        run_client(
            "pg_dump", connections[database].settings_dict, "--format=custom", f"--file={output}"
        )
        self.stdout.write(f"Backed up to {output} ({output.stat().st_size:,} bytes).")

    @staticmethod
    def _default_output() -> Path:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return Path(settings.VAR_DIR) / "backups" / f"prm-{stamp}.dump"
