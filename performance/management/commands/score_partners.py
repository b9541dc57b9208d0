"""Score every partner (or one) as of a date, in the foreground: no broker or worker needed.

python manage.py score_partners [--partner ID] [--as-of YYYY-MM-DD]
"""

import datetime
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from performance.services.scoring import score_run_foreground


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = "Compute every partner's scores as of a date (today by default) in the foreground."

    def add_arguments(self, parser):
        parser.add_argument("--partner", type=int, help="Score only this partner (its id).")
        parser.add_argument("--as-of", help="Score with what was known that day (YYYY-MM-DD).")

    def handle(self, *args, partner=None, as_of=None, **options):
        as_of = _date(as_of) if as_of else None
        started = time.monotonic()
        try:
            run = score_run_foreground(as_of=as_of, partner_id=partner, on_chunk=self._progress)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if run.partners_total:
            self.stdout.write("")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            f"Scored as of {run.as_of}: {run.partners_total} partners, "
            f"{run.scores.count()} rows, {run.statements} statements in {seconds:.1f} s."
        ))  # fmt: skip

    def _progress(self, run) -> None:
        width = 30
        filled = width * run.partners_done // max(run.partners_total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {run.partners_done}/{run.partners_total} partners", ending="")
        self.stdout.flush()
