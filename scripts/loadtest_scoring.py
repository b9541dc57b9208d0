"""During the load test's third phase: scoring runs back to back on the Celery worker, each
started as the "Recompute now" button and the nightly schedule start it (score_run_start),
until stopped (SIGTERM) or --seconds pass. Writes what ran to --out (JSON) as it goes."""

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prm.settings")

import django  # noqa: E402

django.setup()

from performance.models import ScoreRun  # noqa: E402
from performance.services.scoring import score_run_start  # noqa: E402

stopping = False


def stop(*_):
    global stopping
    stopping = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    deadline = time.monotonic() + args.seconds
    runs = []
    while not stopping and time.monotonic() < deadline:
        started = time.monotonic()
        run = score_run_start()
        while not stopping:
            run.refresh_from_db()
            if run.status in (ScoreRun.Status.DONE, ScoreRun.Status.FAILED):
                break
            time.sleep(0.2)
        seconds = round(time.monotonic() - started, 2)
        runs.append({"status": run.status, "partners": run.partners_done, "seconds": seconds,
                     "error": run.error})  # fmt: skip
        Path(args.out).write_text(json.dumps(runs))


if __name__ == "__main__":
    main()
