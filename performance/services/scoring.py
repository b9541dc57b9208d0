"""Writes of scoring: start a run for a date (one at a time per date), score its chunks, finish
or fail it, and the foreground run the `score_partners` command uses.

A run is idempotent: starting one for a date that has one resets it and its rows are replaced,
chunk by chunk (a chunk deletes its partners' rows before writing them, so a chunk retried
after a lost worker never duplicates). A run that made no progress for
SCORING_STALE_AFTER_MINUTES counts as abandoned, and a new start takes it over.
"""

import datetime
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone

from partners import selectors as partner_selectors
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.jobs import enqueue_on_commit
from prm.lib.postgres import session_settings

from ..models import PartnerScore, ScoreRun, ScoringWeights
from ..scoring.alerts import program_causes
from ..scoring.run import counting_statements, raises_alerts, score_chunk
from .alerts import alerts_sync, program_alerts_sync

Status = ScoreRun.Status
WEIGHT_KEYS = ("relationship", "performance", "engagement")
# A chunk's joins of interactions and their links hash ~400,000 rows: in memory, not on disk.
WORK_MEM = "64MB"


def chunks(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or settings.SCORING_CHUNK_SIZE
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _validated_as_of(as_of) -> datetime.date:
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise ValidationError(f"Scores can't be computed as of a future date ({as_of}).")
    return as_of


def _locked_run(as_of: datetime.date, weights: ScoringWeights) -> ScoreRun:
    """The run of `as_of`, created if needed, locked for this transaction."""
    try:
        with transaction.atomic():
            ScoreRun.objects.get_or_create(as_of=as_of, defaults={"weights": weights})
    except IntegrityError:  # another start created it first: lock theirs
        pass
    return ScoreRun.objects.select_for_update().get(as_of=as_of)


def current_scoring_weights() -> ScoringWeights:
    """The current weights; the defaults (as the first migration adds them) when there are
    none, e.g. in a database emptied without its migrations' rows."""
    weights = ScoringWeights.objects.filter(is_current=True).first()
    if weights is None:
        weights = ScoringWeights.objects.create(
            is_current=True, note="The defaults: relationship 40, performance 35, engagement 25."
        )
    return weights


@transaction.atomic
def score_run_prepare(*, actor=None, as_of=None, partner_id=None) -> tuple[ScoreRun, list[int]]:
    """Create or reset the run of `as_of` and clear the rows it will write again; the partners
    to score with it. Refused (ValidationError) while another start for that date is running."""
    as_of = _validated_as_of(as_of)
    weights = current_scoring_weights()
    run = _locked_run(as_of, weights)
    if run.is_in_progress and run.started_at is not None:
        raise ValidationError(
            f"Scores as of {as_of:%d %b %Y} are being computed already "
            f"({run.partners_done} of {run.partners_total} partners); try again when it ends."
        )
    partner_ids = partner_selectors.partner_ids_to_score(as_of=as_of, partner_id=partner_id)
    if partner_id is not None and not partner_ids:
        raise ValidationError(f"There is no partner {partner_id} known on {as_of}.")
    rows = PartnerScore.objects.filter(run=run)
    (rows.filter(partner_id=partner_id) if partner_id is not None else rows).delete()
    ScoreRun.objects.filter(pk=run.pk).update(
        status=Status.PENDING, weights=weights, started_by=actor, started_at=timezone.now(),
        finished_at=None, partners_total=len(partner_ids), partners_done=0, statements=0,
        error="", updated_at=timezone.now(),
    )  # fmt: skip
    run.refresh_from_db()
    return run, partner_ids


def score_run_start(*, actor=None, as_of=None, partner_id=None) -> ScoreRun:
    """Start (or restart) the run of `as_of` on the workers: chunks of partners as a Celery
    group, a chord callback finishing the run. Sent once the transaction commits. A person
    starting it must be vendor staff (PermissionDenied otherwise)."""
    from ..tasks import score_run_dispatch

    if actor is not None:  # None: the schedule
        require_vendor_staff(actor, "Only the channel team recomputes scores.")
    run, _ = score_run_prepare(actor=actor, as_of=as_of, partner_id=partner_id)
    enqueue_on_commit(
        score_run_dispatch, run.pk, partner_id=partner_id,
        on_error=lambda reason: score_run_fail(run_id=run.pk, reason=reason),
    )  # fmt: skip
    return run


def score_run_begin(*, run_id: int) -> None:
    ScoreRun.objects.filter(pk=run_id).update(status=Status.RUNNING, updated_at=timezone.now())


def score_run_chunk(*, run_id: int, partner_ids: list[int]) -> int:
    """Score these partners in the run, replacing their rows; the rows written. The run's
    progress and statement count grow by this chunk's."""
    run = ScoreRun.objects.select_related("weights").get(pk=run_id)
    with counting_statements() as statements, session_settings(connection, work_mem=WORK_MEM):
        scores, causes = score_chunk(run=run, partner_ids=partner_ids)
        with transaction.atomic():
            PartnerScore.objects.filter(run=run, partner_id__in=partner_ids).delete()
            PartnerScore.objects.bulk_create(scores)
            if causes is not None:
                alerts_sync(partner_ids=partner_ids, causes_by_partner=causes, run=run,
                            today=run.as_of)  # fmt: skip
    ScoreRun.objects.filter(pk=run_id).update(
        status=Status.RUNNING,
        # Capped: a chunk run twice (a worker lost after writing) must not overshoot.
        partners_done=Least(F("partners_done") + len(scores), F("partners_total")),
        statements=F("statements") + statements[0],
        updated_at=timezone.now(),
    )
    return len(scores)


def score_run_finish(*, run_id: int) -> None:
    """Mark the run done, unless it failed meanwhile (a failed chunk keeps the run failed).
    A run as of today then raises and resolves the program-wide alerts: here, once per run,
    not in every chunk (a fixed number of statements)."""
    finished = ScoreRun.objects.filter(pk=run_id).exclude(status=Status.FAILED).update(
        status=Status.DONE, finished_at=timezone.now(), partners_done=F("partners_total"),
        updated_at=timezone.now(),
    )  # fmt: skip
    if not finished:
        return
    run = ScoreRun.objects.select_related("weights").get(pk=run_id)
    if raises_alerts(run):
        causes = program_causes(as_of=run.as_of, weights=run.weights)
        program_alerts_sync(causes=causes, run=run, today=run.as_of)


def score_run_fail(*, run_id: int, reason: str) -> None:
    ScoreRun.objects.filter(pk=run_id).update(
        status=Status.FAILED, error=reason[:500], updated_at=timezone.now()
    )


def score_run_foreground(
    *, actor=None, as_of=None, partner_id=None, on_chunk: Callable[[ScoreRun], None] | None = None
) -> ScoreRun:
    """The whole run in this process, chunk by chunk (no broker): the `score_partners` command."""
    run, partner_ids = score_run_prepare(actor=actor, as_of=as_of, partner_id=partner_id)
    score_run_begin(run_id=run.pk)
    try:
        for chunk in chunks(partner_ids):
            score_run_chunk(run_id=run.pk, partner_ids=chunk)
            if on_chunk is not None:
                run.refresh_from_db()
                on_chunk(run)
    except Exception as error:
        score_run_fail(run_id=run.pk, reason=f"{type(error).__name__}: {error}")
        raise
    score_run_finish(run_id=run.pk)
    run.refresh_from_db()
    return run


def scoring_weights_set(*, actor, note: str = "", **values: int) -> ScoringWeights:
    """Replace the current scoring weights; the previous set stays as history (and the runs
    that used it keep pointing at it)."""
    require_vendor_staff(actor, "Only the channel team sets the scoring weights.")
    if sum(values.get(key, 0) for key in WEIGHT_KEYS) != 100:
        raise ValidationError("The relationship, performance and engagement weights must add "
                              "up to 100.")  # fmt: skip
    with transaction.atomic(), acting_as(actor):
        ScoringWeights.objects.filter(is_current=True).update(is_current=False)
        weights = ScoringWeights(is_current=True, note=note, created_by=actor, **values)
        weights.full_clean()
        weights.save()
        return weights
