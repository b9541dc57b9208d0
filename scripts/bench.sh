#!/usr/bin/env bash
# `make bench`: seed 100 and 10,000 partners into separate databases, serve the app with
# gunicorn and print p50/p95, response size and queries per page for each benchmarked page.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/bench.py "$@"
