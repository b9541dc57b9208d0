"""A scoring run through a real Celery worker process and Redis (not eager): the group of chunk
tasks and the chord that finishes the run, as production runs them. PostgreSQL and Redis
only (the worker must see the test database); in CI (CI=true) it is required, not skipped."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from performance.models import PartnerScore, ScoreRun
from performance.services.scoring import score_run_start
from prm.celery import app as celery_app
from tests.factories import InteractionFactory, PartnerFactory, StakeholderFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90


def require_postgresql_and_redis():
    missing = []
    if connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL=postgres://…)")
    if not settings.REDIS_URL:
        missing.append("Redis (REDIS_URL=redis://…)")
    if missing:
        reason = f"a real worker needs {' and '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI has PostgreSQL and Redis: {reason} must run there, not be skipped.")
        pytest.skip(reason)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")  # fmt: skip


@pytest.fixture
def worker(tmp_path):
    """A Celery worker on its own queue, reading the test database; its log on failure."""
    require_postgresql_and_redis()
    queue = f"scoring-test-{uuid.uuid4().hex[:8]}"
    before = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prm.settings",
        "DEBUG": "true",
        "SECRET_KEY": "worker-test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "SCORING_CHUNK_SIZE": "2",
    }
    command = [sys.executable, "-m", "celery", "-A", "prm", "worker", "-Q", queue,
               "--concurrency", "2", "--loglevel", "INFO", "--without-mingle",
               "--without-gossip", "--without-heartbeat"]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    try:
        yield process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = before


@pytest.mark.django_db(transaction=True)
def test_a_run_started_on_the_workers_scores_every_partner_in_chunks(worker):
    process, log = worker
    owner = UserFactory(role="channel_manager")
    partners = [PartnerFactory() for _ in range(5)]
    for partner in partners:
        person = StakeholderFactory(contact__partner=partner, influence=5, owners=[owner])
        InteractionFactory(partner=partner, stakeholders=[person], logged_by=owner)

    run = score_run_start(actor=owner)  # sent at once: no transaction is open

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        run.refresh_from_db()
        if run.status in (ScoreRun.Status.DONE, ScoreRun.Status.FAILED):
            break
        time.sleep(0.5)
    output = log.read_text()
    assert run.status == ScoreRun.Status.DONE, f"run {run.status} {run.error}\n{output[-3000:]}"
    assert run.partners_done == run.partners_total == 5
    assert PartnerScore.objects.filter(run=run).count() == 5
    # Three chunks of at most two partners, each a task of its own, then the chord's callback.
    assert output.count("performance.score_run_chunk[") >= 3, output[-3000:]
    assert "performance.score_run_finished[" in output, output[-3000:]
