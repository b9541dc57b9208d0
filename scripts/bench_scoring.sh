#!/usr/bin/env bash
# `make bench-scoring`: the scoring engine's benchmark on PostgreSQL (see
# performance/management/commands/bench_scoring.py). The data set lives in its own database,
# seeded on the first run (and timed) and kept for the next ones; drop the database to seed
# and time it again.
#
# Settings (environment): BENCH_SCORING_DATABASE_URL (postgres://…/prm_bench_scoring for the M
# set; use another database per size), BENCH_SCORING_REDIS_URL (the broker of --workers),
# and the command's own arguments in BENCH_SCORING_ARGS, e.g.
#   make bench-scoring BENCH_SCORING_ARGS="--partners 20000 --workers 2 --sample 0" \
#     BENCH_SCORING_DATABASE_URL=postgres://postgres@127.0.0.1:5432/prm_bench_scoring_l
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"

export DATABASE_URL=${BENCH_SCORING_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/prm_bench_scoring}
export REDIS_URL=${BENCH_SCORING_REDIS_URL:-redis://127.0.0.1:6379/12}
# Production settings (DEBUG off: no query log in memory), on loopback.
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')

"$PY" - <<'PYEOF'
import os, urllib.parse, psycopg2
url = urllib.parse.urlparse(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
conn = psycopg2.connect(host=url.hostname, port=url.port or 5432, user=url.username,
                        password=url.password, dbname="postgres")
conn.autocommit = True
with conn.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(f'CREATE DATABASE "{name}"')
PYEOF
"$PY" manage.py migrate --no-input -v 0
# shellcheck disable=SC2086
exec "$PY" manage.py bench_scoring ${BENCH_SCORING_ARGS:-}
