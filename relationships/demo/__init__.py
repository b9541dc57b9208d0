"""Demo relationship plans for the people of every seeded partner, in bulk.

The people are partners' (its seeder makes each partner's org chart); here, per partner whose
people nobody has analysed yet: a stakeholder analysis for most, at most one champion, plans
for the key people, engagement actions (some overdue), objectives and a year of interactions
(~500). `--partners 2000` gives ~50,000 analyses and ~1,000,000 interactions. A rerun adds
nothing. Each partner draws from its own generator (the run's seed and its slug), so its data
does not depend on which other partners a run skips.

The big organisation (the partners' seeder makes one of over 500 people) gets exactly
BIG_ORG_STAKEHOLDERS analyses: the benchmark finds it as the partner with the most.
"""

import datetime
from random import Random

from partners import selectors as partner_selectors

from ..models import Stakeholder
from . import culture, feedback, surveys
from .generate import BIG_ORG_STAKEHOLDERS, partner_plan
from .people import people_by_partner
from .rows import insert

__all__ = ["BIG_ORG_STAKEHOLDERS", "seed"]

PARTNERS_PER_ROUND = 100  # bounds memory: ~50,000 interactions in flight at most


def _partners_to_analyse() -> list:
    """Partners with people of whom none is analysed yet, in a stable order."""
    with_people = partner_selectors.contacts().values("partner_id")
    analysed = Stakeholder.objects.values("partner_id")
    return list(
        partner_selectors.partners()
        .filter(pk__in=with_people)
        .exclude(pk__in=analysed)
        .only("pk", "slug", "status", "owner_id")
        .order_by("pk")
    )


def seed(state) -> None:
    base_seed = state.random.randrange(2**32)
    today = state.extra.get("today") or datetime.date.today()
    managers = [u for name, u in sorted(state.users.items()) if name.startswith("manager")]
    todo = _partners_to_analyse()
    totals: dict = {}
    for start in range(0, len(todo), PARTNERS_PER_ROUND):
        batch = todo[start : start + PARTNERS_PER_ROUND]
        people = people_by_partner([partner.pk for partner in batch])
        plans = [
            partner_plan(
                partner,
                people.get(partner.pk, []),
                Random(f"{base_seed}:{partner.slug}"),
                today=today,
                managers=managers,
            )  # fmt: skip
            for partner in batch
        ]
        _add(totals, insert(plans))
    for what, count in totals.items():
        state.report(what, count)
    culture.seed(state, base_seed=base_seed, today=today, managers=managers)
    surveys.seed(state, today=today)
    feedback.seed(state, managers=managers)


def _add(totals: dict, rows: dict) -> None:
    for key, value in rows.items():
        totals[key] = totals.get(key, 0) + value
