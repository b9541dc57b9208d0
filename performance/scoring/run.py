"""Scoring one chunk of partners: gather every input with a fixed number of set-based queries,
compute the four scores in memory, return unsaved PartnerScore rows for one bulk_create.

The statement count of a chunk does not depend on its size: each family's `gather` issues a
fixed number of aggregating queries over the chunk's ids (see their docstrings), and no code
here touches the database per partner.
"""

import contextlib
import datetime

from django.db import connection

from ..models import PartnerScore, ScoringWeights
from . import engagement, health, performance, relationship
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


def score_chunk(*, run, partner_ids: list[int]) -> list[PartnerScore]:
    """Unsaved PartnerScore rows of these partners in `run` (as of its date, with its weights)."""
    inputs = gather_inputs(partner_ids=partner_ids, as_of=run.as_of, weights=run.weights)
    return [
        partner_score(
            run=run, partner_id=partner_id, inputs=inputs, as_of=run.as_of, weights=run.weights
        )  # fmt: skip
        for partner_id in partner_ids
    ]
