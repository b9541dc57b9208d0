"""Scoring one chunk of partners: gather every input with a fixed number of set-based queries,
compute the four scores in memory, return unsaved PartnerScore rows for one bulk_create.

The statement count of a chunk does not depend on its size: each family's `gather` issues a
fixed number of aggregating queries over the chunk's ids (see their docstrings), and no code
here touches the database per partner.
"""

import contextlib
import datetime

from django.db import connection
from django.utils import timezone

from ..models import PartnerScore, ScoreRun, ScoringWeights
from . import alerts, engagement, health, performance, relationship
from .components import total

FAMILIES = (("relationship", relationship), ("performance", performance),
            ("engagement", engagement))  # fmt: skip


@contextlib.contextmanager
def counting_statements():
    """Counts the SQL statements run inside the block: `with counting_statements() as count:`
    then `count[0]`."""
    count = [0]

    def counted(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        yield count


def gather_inputs(*, partner_ids, as_of: datetime.date, weights: ScoringWeights) -> dict:
    return {
        "relationship": relationship.gather(
            partner_ids=partner_ids,
            as_of=as_of,
            half_life_days=weights.interaction_half_life_days,
        ),  # fmt: skip
        "performance": performance.gather(partner_ids=partner_ids, as_of=as_of),
        "engagement": engagement.gather(partner_ids=partner_ids, as_of=as_of),
    }


def partner_score(*, run, partner_id: int, inputs: dict, as_of, weights) -> PartnerScore:
    """One partner's four scores from the chunk's inputs: pure computation, no query."""
    parts, scores = [], {}
    for key, family in FAMILIES:
        entries = family.components(partner_id, inputs[key], as_of)
        scores[key] = total(entries)
        parts.extend(entries)
    health_entries = health.components(scores, weights.health_weights())
    parts.extend(health_entries)
    return PartnerScore(run=run, partner_id=partner_id, health=total(health_entries),
                        components=parts, **scores)  # fmt: skip


def raises_alerts(run) -> bool:
    """Alerts are about now: only a run as of today raises and resolves them."""
    return run.as_of >= timezone.localdate()


def previous_health(*, run, partner_ids) -> dict:
    """Each partner's health in the latest finished run before this one: two queries."""
    previous = (
        ScoreRun.objects.filter(as_of__lt=run.as_of, status=ScoreRun.Status.DONE)
        .order_by("-as_of").first()
    )  # fmt: skip
    if previous is None:
        return {}
    return dict(
        PartnerScore.objects.filter(run=previous, partner_id__in=partner_ids).values_list(
            "partner_id", "health"
        )
    )


def score_chunk(*, run, partner_ids: list[int]) -> tuple[list[PartnerScore], dict | None]:
    """Unsaved PartnerScore rows of these partners in `run` (as of its date, with its weights)
    and, in a run that raises alerts, the causes of alerts found per partner (else None)."""
    inputs = gather_inputs(partner_ids=partner_ids, as_of=run.as_of, weights=run.weights)
    scores = [
        partner_score(
            run=run, partner_id=partner_id, inputs=inputs, as_of=run.as_of, weights=run.weights
        )  # fmt: skip
        for partner_id in partner_ids
    ]
    if not raises_alerts(run):
        return scores, None
    before = previous_health(run=run, partner_ids=partner_ids)
    inputs["alerts"] = alerts.gather(partner_ids=partner_ids, as_of=run.as_of)
    causes = {
        score.partner_id: alerts.causes(
            partner_id=score.partner_id,
            inputs=inputs,
            score=score,
            previous_health=before.get(score.partner_id),
            as_of=run.as_of,
            weights=run.weights,
        )  # fmt: skip
        for score in scores
    }
    return scores, causes
