"""Celery tasks of performance. Each calls a service."""

import logging

from celery import chord, group, shared_task
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


@shared_task(name="performance.lapse_expired_deal_protections")
def lapse_expired_deal_protections() -> int:
    """Daily: approved deal registrations whose protection has ended become lapsed."""
    from .services.deals import deals_lapse_expired

    return deals_lapse_expired()


@shared_task(name="performance.run_actuals_import")
def run_actuals_import(import_id: int) -> None:
    """An uploaded actuals CSV: validate every row, then write all or none."""
    from .services.targets import actuals_import_run

    actuals_import_run(import_id=import_id)


# --- Scoring ---------------------------------------------------------------------------------
# A database or broker hiccup is retried with backoff; a chunk is safe to run twice (it
# replaces its partners' rows), which acks_late and reject_on_worker_lost rely on.
RETRYABLE = (OperationalError, InterfaceError)
CHUNK_SOFT_LIMIT_SECONDS = 10 * 60


@shared_task(name="performance.score_partners")
def score_partners() -> int | None:
    """Nightly (beat): score every partner as of today. A run already going is left alone."""
    from .services.scoring import score_run_start

    try:
        return score_run_start().pk
    except ValidationError as error:
        logger.warning("Nightly scoring not started: %s", " ".join(error.messages))
        return None


@shared_task(name="performance.score_run_dispatch", autoretry_for=RETRYABLE, retry_backoff=True,
             max_retries=3)  # fmt: skip
def score_run_dispatch(run_id: int, partner_id: int | None = None) -> None:
    """Split the run into chunks of partners: a group of chunk tasks, then the finishing one."""
    from partners import selectors as partner_selectors

    from .models import ScoreRun
    from .services.scoring import chunks, score_run_begin

    run = ScoreRun.objects.get(pk=run_id)
    partner_ids = partner_selectors.partner_ids_to_score(as_of=run.as_of, partner_id=partner_id)
    score_run_begin(run_id=run_id)
    work = [score_run_chunk.si(run_id, chunk) for chunk in chunks(partner_ids)]
    if not work:
        score_run_finished.delay(None, run_id)
        return
    chord(group(work))(score_run_finished.s(run_id))


@shared_task(
    name="performance.score_run_chunk", bind=True, autoretry_for=RETRYABLE, retry_backoff=True,
    max_retries=3, soft_time_limit=CHUNK_SOFT_LIMIT_SECONDS,
    time_limit=CHUNK_SOFT_LIMIT_SECONDS + 60,
)  # fmt: skip
def score_run_chunk(self, run_id: int, partner_ids: list[int]) -> int:
    """Score one chunk of partners. An error that retries cannot cure fails the run, with the
    reason, so the page never waits for a run that will not finish."""
    from .services.scoring import score_run_chunk as score
    from .services.scoring import score_run_fail

    try:
        return score(run_id=run_id, partner_ids=partner_ids)
    except RETRYABLE:
        if self.request.retries >= self.max_retries:
            score_run_fail(run_id=run_id, reason="The database kept failing; run it again.")
        raise
    except Exception as error:
        score_run_fail(run_id=run_id, reason=f"{type(error).__name__}: {error}")
        raise


@shared_task(name="performance.score_run_finished")
def score_run_finished(rows_per_chunk, run_id: int) -> None:
    """The chord's callback: every chunk is written, so the run is done."""
    from .services.scoring import score_run_finish

    score_run_finish(run_id=run_id)


@shared_task(name="performance.notify_reminders")
def notify_reminders() -> dict:
    """Daily (beat): deal protection ending, plan actions overdue, reviews due. Each reminder
    is sent once per object and date, so a rerun or a second worker adds none."""
    from .notifications import reminders_send

    return reminders_send()
