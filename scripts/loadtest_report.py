"""Reads the load test's locust CSV statistics, prints the figures and judges the targets.

Targets (issue #11, on the 2-core machine): >= 150 requests/s, p95 <= 200 ms, zero errors; and
(issue #12) p95 <= 300 ms for the same mix while scoring runs back to back on a Celery worker.
The floor (a trivial page under the same users, no think time) is printed beside the mix, with
the ratios, because the shared machine is noisy: a ratio holds where the milliseconds do not.
"""

import argparse
import csv
import datetime
import json
import os
import sys

TARGET_RPS = 150
TARGET_P95_MS = 200
TARGET_P95_DURING_SCORING_MS = 300  # issue #12: the mix while scoring runs on the worker


def read(path) -> tuple[dict, list[dict]]:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    # Requests made only while signing in (before the window) have no figures in it.
    return total, [row for row in rows if row["Name"] != "Aggregated" and row["50%"] != "N/A"]


def figures(row) -> dict:
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
    }


def line(label, f) -> str:
    return (
        f"{label[:44]:44} {f['requests']:>8} {f['rps']:>8.1f} {f['p50']:>6.0f} {f['p95']:>6.0f} "
        f"{f['p99']:>6.0f} {f['errors']:>6}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("floor")
    parser.add_argument("mix")
    parser.add_argument("phase", help="the sign-in phase before the window (JSON)")
    for name in ("users", "seconds", "workers", "threads", "partners"):
        parser.add_argument(f"--{name}", type=int, required=True)
    parser.add_argument("--scoring", help="the mix during scoring (locust CSV statistics)")
    parser.add_argument("--scoring-runs", help="the scoring runs during that phase (JSON)")
    args = parser.parse_args()
    floor_total, _ = read(args.floor)
    mix_total, endpoints = read(args.mix)
    floor, mix = figures(floor_total), figures(mix_total)
    header = f"{'':44} {'requests':>8} {'req/s':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}"
    print(
        f"\nLoad test {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores: {args.partners:,} partners, {args.users} users, "
        f"{args.seconds} s, gunicorn {args.workers} workers x {args.threads} threads "
        f"(milliseconds)"
    )
    print(header)
    print("-" * len(header))
    for row in sorted(endpoints, key=lambda row: -float(row["95%"])):
        print(line(f"  {row['Name']}", figures(row)))
    print("-" * len(header))
    print(line("mix (all of the above)", mix))
    with open(args.phase) as handle:
        phase = json.load(handle)
    print(
        f"before the window: {args.users} users signed in (login form + CSRF, or a token) in "
        f"{phase['sign_in_seconds']} s, {phase['sign_in_requests']} requests, "
        f"{phase['sign_in_errors']} errors"
    )
    print(line("floor: trivial page /healthz, no think time", floor))
    print(
        f"mix / floor: {mix['rps'] / floor['rps']:.2f} x the floor's requests/s, "
        f"p50 {mix['p50'] / max(floor['p50'], 1):.1f} x the floor's"
    )
    missed = []
    if mix["rps"] < TARGET_RPS:
        missed.append(f"{mix['rps']:.1f} requests/s < {TARGET_RPS}")
    if mix["p95"] > TARGET_P95_MS:
        missed.append(f"p95 {mix['p95']:.0f} ms > {TARGET_P95_MS} ms")
    if mix["errors"] or phase["sign_in_errors"]:
        missed.append(f"{mix['errors'] + phase['sign_in_errors']} errors")
    targets = f">= {TARGET_RPS} requests/s, p95 <= {TARGET_P95_MS} ms, zero errors"
    if args.scoring:
        missed += during_scoring(args.scoring, args.scoring_runs)
        targets += f"; during scoring p95 <= {TARGET_P95_DURING_SCORING_MS} ms, zero errors"
    print(f"\nTargets: {targets}.")
    print("All targets met." if not missed else "MISSED: " + "; ".join(missed))
    sys.exit(1 if missed else 0)


def during_scoring(stats_path, runs_path) -> list[str]:
    """Prints the mix during scoring and the runs that went on meanwhile; what it missed."""
    total, _ = read(stats_path)
    during = figures(total)
    with open(runs_path) as handle:
        runs = json.load(handle)
    done = [run for run in runs if run["status"] == "done"]
    print(line("mix during scoring on the worker", during))
    seconds = ", ".join(f"{run['seconds']:.1f}" for run in done[:8])
    print(
        f"scoring meanwhile: {len(done)} runs of {done[0]['partners'] if done else 0:,} partners "
        f"completed back to back ({seconds}{', …' if len(done) > 8 else ''} s each), "
        f"{sum(run['status'] == 'failed' for run in runs)} failed"
    )
    missed = []
    if during["p95"] > TARGET_P95_DURING_SCORING_MS:
        missed.append(f"p95 during scoring {during['p95']:.0f} ms > "
                      f"{TARGET_P95_DURING_SCORING_MS} ms")  # fmt: skip
    if during["errors"]:
        missed.append(f"{during['errors']} errors during scoring")
    if not done:
        missed.append("no scoring run completed during the load")
    return missed


if __name__ == "__main__":
    main()
