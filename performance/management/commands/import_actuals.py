"""Import actuals from a CSV file: all rows or none, with a per-row error report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.imports import COLUMNS, import_actuals


class Command(BaseCommand):
    help = f"Import actuals from a CSV with the columns {', '.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        result = import_actuals(file.read_bytes())
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"row {error.row or 0}: {error.message}")
            raise CommandError(f"Nothing imported: {len(result.errors)} error(s).")
        self.stdout.write(
            self.style.SUCCESS(f"{result.rows} rows valid, {result.written} changed.")
        )
