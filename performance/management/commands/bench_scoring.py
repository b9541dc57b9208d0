"""Benchmark of the scoring engine, on PostgreSQL (`make bench-scoring`).

python manage.py bench_scoring [--partners 2000] [--sample 100] [--repeat 3] [--workers N]

Seeds the data set if the database has fewer partners (`seed_demo --partners N` in a child
process, timed: its memory is not this process's), then prints in one run:

- the floor: one aggregating scan of the interactions table grouped by partner, straight on
  the database (the median of --repeat);
- the full scoring run as of today, in this process (the `score_partners` command's path:
  every chunk, alerts included), the median of --repeat, and its ratio to the floor;
- the same engine one partner at a time over --sample partners (a query per input per
  partner: what a per-partner loop costs), extrapolated to every partner, and the speed-up of
  the set-based run over it; the sample's scores are checked equal to the set-based run's;
- the statements the run issued, per chunk and in all;
- this process's peak memory (resident set);
- with --workers N: the same run on N Celery worker processes (Redis broker, the chunks as a
  group and a chord), from the start to the last row written.

The machine is shared and noisy: the ratios to the floor, measured in the same run, are what
the targets hold (≤ 3x the floor, ≥ 20x the per-partner loop, ≤ 300 MB).
"""

import os
import re
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from partners import selectors as partner_selectors
from performance.models import PartnerScore, ScoreRun
from performance.scoring.run import counting_statements
from performance.services.scoring import (
    score_run_chunk,
    score_run_finish,
    score_run_foreground,
    score_run_start,
)
from relationships.selectors import scoring as relationship_reads

M_PARTNERS = 2000
TARGET_SEED_M_SECONDS = 300
TARGET_FLOOR_RATIO = 3
TARGET_SPEEDUP = 20
TARGET_PEAK_MB = 300
SCORES = ("relationship", "performance", "engagement", "health")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"')


def timing(spent: dict):
    """An execute wrapper adding each statement's time to `spent[<verb> <first table>]`."""

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            table = TABLE.search(sql)
            key = f"{sql.split(None, 1)[0].upper()} {table.group(1) if table else ''}".strip()
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

    return wrapper


def timed(function, repeat: int) -> tuple[float, list[float], object]:
    """The median of `repeat` timings of function() in seconds, all of them, the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


class Command(BaseCommand):
    help = "Measure the scoring engine against its floor and a per-partner loop (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=2000,
                            help="Data set size: 2000 is M, 20000 is L.")  # fmt: skip
        parser.add_argument("--sample", type=int, default=100,
                            help="Partners scored one at a time (0: skip).")  # fmt: skip
        parser.add_argument("--repeat", type=int, default=3, help="Timings per measurement.")
        parser.add_argument("--workers", type=int, default=0,
                            help="Also run it on this many Celery processes (Redis).")  # fmt: skip
        parser.add_argument("--skip-foreground", action="store_true",
                            help="Only the worker run (with --workers).")  # fmt: skip

    def handle(self, *args, partners, sample, repeat, workers, skip_foreground, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The scoring benchmark runs on PostgreSQL: set DATABASE_URL to a "
                               "postgres:// URL (make bench-scoring does).")  # fmt: skip
        if workers and not settings.REDIS_URL:
            raise CommandError("--workers needs Redis as the broker: set REDIS_URL.")
        self.line(f"Scoring benchmark on {connection.settings_dict['NAME']} "
                  f"({os.cpu_count()} cores), {timezone.now():%Y-%m-%d %H:%M %Z}")  # fmt: skip
        self.ensure_data(partners)
        start_mb = peak_mb()
        floor, floor_times, groups = timed(relationship_reads.interactions_scan, repeat)
        self.line(f"floor: one aggregating scan of interactions by partner ({groups:,} partners): "
                  f"{floor * 1000:.0f} ms (median of {self.ms(floor_times)})")  # fmt: skip
        if not skip_foreground:
            self.foreground(floor, sample=sample, repeat=repeat, start_mb=start_mb)
        if workers:
            self.on_workers(workers, floor)

    # --- data ---------------------------------------------------------------------------------

    def ensure_data(self, partners: int) -> None:
        have = partner_selectors.partners().count()
        if have >= partners:
            self.line(f"data: {have:,} partners present (seeding not timed; drop the database "
                      f"to time it)")  # fmt: skip
        else:
            if have:
                raise CommandError(
                    f"The database has {have:,} partners, fewer than {partners:,}: drop it (or "
                    f"use an empty one) to seed the set afresh."
                )
            self.line(f"seeding {partners:,} partners (seed_demo, a child process)…")
            started = time.perf_counter()
            seeded = subprocess.run(
                [sys.executable, "manage.py", "seed_demo", "--partners", str(partners), "--force"],
                cwd=Path(settings.BASE_DIR), check=True, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            # seed_demo prints each app's seeder time as "  (app: 12.3 s)".
            lines = seeded.stdout.splitlines()
            each = [line.strip("() ") for line in lines if line.startswith("  (")]
            self.line(f"seeding: {seconds:.1f} s ({', '.join(each)})")
            if partners == M_PARTNERS:
                self.verdict("  seeding M", seconds, TARGET_SEED_M_SECONDS, " s", below=True)
        self.line(f"data: {relationship_reads.size_summary()}")

    # --- in this process ----------------------------------------------------------------------

    def foreground(self, floor: float, *, sample: int, repeat: int, start_mb: float) -> None:
        statements = [0]
        sql: dict = {}

        def run_once():
            sql.clear()
            with counting_statements() as count, connection.execute_wrapper(timing(sql)):
                run = score_run_foreground()
            statements[0] = count[0]
            return run

        seconds, times, run = timed(run_once, repeat)
        per_chunk = run.statements / max(1, -(-run.partners_total // settings.SCORING_CHUNK_SIZE))
        self.line(f"full scoring as of {run.as_of}: {run.partners_total:,} partners in "
                  f"{seconds:.2f} s (median of {self.s(times)}); "
                  f"{run.partners_total / seconds:,.0f} partners/s")  # fmt: skip
        self.verdict("  ratio to the floor", seconds / floor, TARGET_FLOOR_RATIO, "x", below=True)
        self.line(f"statements: {statements[0]:,} in all, {run.statements:,} scoring "
                  f"({per_chunk:.0f} per chunk of {settings.SCORING_CHUNK_SIZE})")  # fmt: skip
        in_sql = sum(sql.values())
        top = sorted(sql.items(), key=lambda item: -item[1])[:4]
        self.line(f"  where the last run's time went: {in_sql:.2f} s waiting on the database, "
                  f"{max(0.0, times[-1] - in_sql):.2f} s in Python; slowest statements: "
                  + "; ".join(f"{what} {spent:.2f} s" for what, spent in top))  # fmt: skip
        if sample:
            self.per_partner_loop(run, seconds, sample)
        peak = peak_mb()
        self.verdict(f"peak memory (this process, {start_mb:.0f} MB before scoring)", peak,
                     TARGET_PEAK_MB, " MB", below=True)  # fmt: skip

    def per_partner_loop(self, run, seconds: float, sample: int) -> None:
        ids = partner_selectors.partner_ids_to_score(as_of=run.as_of)
        step = max(1, len(ids) // sample)
        sampled = ids[::step][:sample]
        before = self.scores_of(run, sampled)
        started = time.perf_counter()
        with counting_statements() as count:
            for partner_id in sampled:
                score_run_chunk(run_id=run.pk, partner_ids=[partner_id])
        loop = time.perf_counter() - started
        score_run_finish(run_id=run.pk)
        extrapolated = loop / len(sampled) * len(ids)
        same = self.scores_of(run, sampled) == before
        self.line(f"per-partner loop: {len(sampled)} partners in {loop:.2f} s, "
                  f"{count[0] / len(sampled):.0f} statements each; for {len(ids):,}: "
                  f"{extrapolated:.1f} s; same scores as the set-based run: "
                  f"{'yes' if same else 'NO'}")  # fmt: skip
        self.verdict("  speed-up of the set-based run", extrapolated / seconds, TARGET_SPEEDUP,
                     "x", below=False)  # fmt: skip

    @staticmethod
    def scores_of(run, partner_ids) -> dict:
        rows = PartnerScore.objects.filter(run=run, partner_id__in=partner_ids)
        return {row[0]: row[1:] for row in rows.values_list("partner_id", *SCORES)}

    # --- on workers ---------------------------------------------------------------------------

    def on_workers(self, workers: int, floor: float) -> None:
        from celery import current_app as celery_app  # the project's app, prm.celery

        queue = f"bench-scoring-{uuid.uuid4().hex[:8]}"
        log = Path(settings.BASE_DIR) / "var" / "bench" / "scoring-worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CELERY_TASK_DEFAULT_QUEUE": queue,
               "CELERY_TASK_ALWAYS_EAGER": "false"}  # fmt: skip
        command = [sys.executable, "-m", "celery", "-A", "prm", "worker", "-Q", queue,
                   "--concurrency", str(workers), "--loglevel", "INFO", "--without-mingle",
                   "--without-gossip", "--without-heartbeat"]  # fmt: skip
        celery_app.conf.task_default_queue = queue
        with log.open("w") as output:
            process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=output,
                                       stderr=output)  # fmt: skip
        try:
            self.wait_ready(log, process)
            started = time.perf_counter()
            run = score_run_start()
            while True:
                run.refresh_from_db()
                if run.status in (ScoreRun.Status.DONE, ScoreRun.Status.FAILED):
                    break
                if process.poll() is not None:
                    raise CommandError(f"The worker stopped; see {log}.")
                time.sleep(0.2)
            seconds = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
        if run.status == ScoreRun.Status.FAILED:
            raise CommandError(f"The run failed: {run.error}")
        chunk_count = -(-run.partners_total // settings.SCORING_CHUNK_SIZE)
        self.line(f"on {workers} worker processes: {run.partners_total:,} partners in "
                  f"{seconds:.2f} s ({chunk_count} chunks of {settings.SCORING_CHUNK_SIZE}), "
                  f"{seconds / floor:.1f}x the floor; target for L (20,000 partners): "
                  f"< 60 s: {'met' if seconds < 60 else 'MISSED'}")  # fmt: skip

    @staticmethod
    def wait_ready(log: Path, process) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if " ready." in log.read_text():
                return
            if process.poll() is not None:
                raise CommandError(f"The worker did not start; see {log}.")
            time.sleep(0.2)
        raise CommandError(f"The worker was not ready within 60 s; see {log}.")

    # --- output -------------------------------------------------------------------------------

    def line(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def verdict(self, label: str, value: float, target: float, unit: str, *, below: bool):
        met = value <= target if below else value >= target
        sign = "≤" if below else "≥"
        style = self.style.SUCCESS if met else self.style.ERROR
        self.line(style(f"{label}: {value:,.1f}{unit} (target {sign} {target}{unit}: "
                        f"{'met' if met else 'MISSED'})"))  # fmt: skip

    @staticmethod
    def ms(times) -> str:
        return ", ".join(f"{t * 1000:.0f}" for t in times) + " ms"

    @staticmethod
    def s(times) -> str:
        return ", ".join(f"{t:.2f}" for t in times) + " s"
