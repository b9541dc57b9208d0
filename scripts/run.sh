#!/usr/bin/env bash
# Development run: web + Celery worker with embedded beat, on SQLite and the filesystem broker.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/broker/queue var/broker/processed var/media
[ -s var/secret_key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
export DEBUG="${DEBUG:-1}"
export SECRET_KEY="${SECRET_KEY:-$(cat var/secret_key)}"
PORT="${PORT:-8000}"
PY=.venv/bin/python

$PY manage.py migrate --no-input -v 0
$PY manage.py seed_demo --if-empty

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A prm worker --beat --loglevel INFO --concurrency 1 \
  --without-mingle --without-gossip --schedule var/celerybeat-schedule > var/worker.log 2>&1 &
pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT}" &
pids+=($!)

cat <<MSG

  PRM is running at http://127.0.0.1:${PORT}/
  Demo logins (password "demo"):
    admin      administrator (Django admin at /admin/)
    manager    channel manager who owns most partners
    portal-a   partner admin, sees only their company at /portal/
    portal-b   partner admin of another partner
  Worker and beat log: var/worker.log. Press Ctrl-C to stop everything.

MSG
wait -n "${pids[@]}"
