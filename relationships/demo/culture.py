"""Demo culture assessments, in bulk: most partners assessed, some twice, some validated, and
one current profile of our own culture (with an older one kept as history).

Each partner's ratings come from its own generator (the run's seed and its slug) and lean
towards a "true" culture type, so its data does not depend on which partners a run skips.
Partners that already have an assessment are skipped, and so is our own profile when one
exists: a rerun adds nothing.
"""

import datetime
from dataclasses import dataclass, field
from random import Random

from partners import selectors as partner_selectors

from ..models import CultureAssessment, CultureDimension, CultureRating, CultureType

ASSESSED_SHARE = 0.8
REASSESSED_SHARE = 0.3
VALIDATED_SHARE = 0.45
TACTICS_ONLY_SHARE = 0.2  # tactics planned, not validated yet
MIXED_SHARE = 0.15  # two types about as strong: "mixed"
PARTNERS_PER_ROUND = 500
TYPES = CultureType.values
DIMENSIONS = CultureDimension.values

EVIDENCE = {
    "bureaucratic": {
        "values": "Reliability, compliance and doing things by the book.",
        "behaviours": "Waits for sign-off from the line manager; escalates rather than improvises.",
        "practices": "Formal RFP process, approval matrix, quarterly steering committee.",
        "symbols": "Org chart on the intranet, titles on every signature, ISO certificates.",
    },
    "collaborative": {
        "values": "Team spirit, long-term relationships, customer intimacy.",
        "behaviours": "Brings several colleagues to every meeting; asks for everyone's view.",
        "practices": "Joint account planning, shared Slack channels, weekly team stand-ups.",
        "symbols": "Open-plan office, team photos, 'we' in every presentation.",
    },
    "entrepreneurial": {
        "values": "Speed, growth and seizing opportunities before competitors do.",
        "behaviours": "Decides in the meeting; tries things and adjusts later.",
        "practices": "Small pilots, aggressive targets, founders still close to deals.",
        "symbols": "Growth charts on the wall, start-up vocabulary, hackathon trophies.",
    },
    "individualistic": {
        "values": "Personal achievement, autonomy, rewards for top performers.",
        "behaviours": "Each account manager runs their own book; little sharing between reps.",
        "practices": "Commission-heavy pay, personal targets, leaderboards.",
        "symbols": "President's Club trips, private offices for top sellers.",
    },
}
TACTICS = [
    "Observe a decision meeting on the next joint deal.",
    "Ask two of their sales leads how a discount above 15% gets approved.",
    "Sit in on their quarterly kick-off and note who speaks and who decides.",
    "Compare how they answered our last three escalations.",
    "Interview their partner manager about how targets are set and reviewed.",
]
OUTCOMES = [
    "Confirmed: the decision followed the pattern we expected.",
    "Confirmed, with nuance: the leadership team behaves as rated, regional teams less so.",
    "Mostly confirmed; communication is more formal than we rated it.",
    "Confirmed by two independent conversations.",
]


@dataclass
class CulturePlan:
    """One partner's generated assessments, oldest first, with their ratings."""

    assessments: list = field(default_factory=list)  # [(CultureAssessment, {(d, t): score})]


def _leanings(rng: Random) -> dict[str, float]:
    """How strongly the organisation shows each type, 0–1: a true type, often a runner-up."""
    true_type, runner_up = rng.sample(TYPES, 2)
    strength = dict.fromkeys(TYPES, 0.0)
    for culture_type in TYPES:
        strength[culture_type] = rng.uniform(0.05, 0.35)
    strength[true_type] = rng.uniform(0.8, 1.0)
    strength[runner_up] = (
        strength[true_type] - rng.uniform(0.0, 0.1) if rng.random() < MIXED_SHARE
        else rng.uniform(0.35, 0.6)
    )  # fmt: skip
    return strength


def _ratings(rng: Random, strength: dict[str, float], *, noise: float) -> dict:
    """20 ratings 0–4 around the leanings; a dimension sometimes leans its own way."""
    ratings = {}
    for dimension in DIMENSIONS:
        local = dict(strength)
        if rng.random() < 0.2:  # e.g. formal control in an otherwise entrepreneurial firm
            local[rng.choice(TYPES)] = rng.uniform(0.7, 1.0)
        for culture_type in TYPES:
            score = round(4 * local[culture_type] + rng.gauss(0, noise))
            ratings[(dimension, culture_type)] = max(0, min(4, score))
    return ratings


def _evidence(rng: Random, strength: dict[str, float]) -> dict:
    dominant = max(TYPES, key=lambda t: (strength[t], -TYPES.index(t)))
    return {key: text for key, text in EVIDENCE[dominant].items() if rng.random() < 0.85}


def _assessment(rng, *, partner_id, assessor_id, assessed_on, today, strength) -> CultureAssessment:
    assessment = CultureAssessment(
        partner_id=partner_id, is_own=partner_id is None, assessed_on=assessed_on,
        assessed_by_id=assessor_id, **_evidence(rng, strength),
    )  # fmt: skip
    draw = rng.random()
    if draw < VALIDATED_SHARE + TACTICS_ONLY_SHARE:
        assessment.validation_tactics = rng.choice(TACTICS)
    if draw < VALIDATED_SHARE:
        assessment.validated = True
        assessment.validation_outcome = rng.choice(OUTCOMES)
        assessment.validated_by_id = assessor_id
        assessment.validated_on = min(today, assessed_on + datetime.timedelta(rng.randint(7, 45)))
    return assessment


def partner_culture(rng: Random, *, partner_id, assessor_id, today) -> CulturePlan:
    """Unsaved assessments of one partner: the latest within six months, maybe an older one."""
    plan = CulturePlan()
    strength = _leanings(rng)
    latest_on = today - datetime.timedelta(rng.randint(3, 180))
    if rng.random() < REASSESSED_SHARE:
        earlier_on = latest_on - datetime.timedelta(rng.randint(150, 400))
        drifted = {t: max(0.0, min(1.0, s + rng.uniform(-0.25, 0.25))) for t, s in strength.items()}
        earlier = _assessment(
            rng, partner_id=partner_id, assessor_id=assessor_id, assessed_on=earlier_on,
            today=today, strength=drifted,
        )  # fmt: skip
        plan.assessments.append((earlier, _ratings(rng, drifted, noise=0.8)))
    latest = _assessment(
        rng, partner_id=partner_id, assessor_id=assessor_id, assessed_on=latest_on,
        today=today, strength=strength,
    )  # fmt: skip
    plan.assessments.append((latest, _ratings(rng, strength, noise=0.6)))
    return plan


def own_culture(rng: Random, *, assessor_id, today) -> CulturePlan:
    """Our own culture: collaborative with an entrepreneurial streak, assessed twice."""
    plan = CulturePlan()
    for days_ago, current, strength in [
        (420, False, {"bureaucratic": 0.55, "collaborative": 0.75, "entrepreneurial": 0.5,
                      "individualistic": 0.25}),
        (60, True, {"bureaucratic": 0.3, "collaborative": 0.9, "entrepreneurial": 0.6,
                    "individualistic": 0.2}),
    ]:  # fmt: skip
        assessment = CultureAssessment(
            is_own=True, is_current=current, assessed_by_id=assessor_id,
            assessed_on=today - datetime.timedelta(days_ago),
            values="Customer success, partnership, learning from each other.",
            behaviours="Decisions prepared in cross-functional squads; quick pilots.",
            practices="Quarterly planning with partners; blameless reviews.",
            symbols="Partner wall of fame; shared dashboards everyone can open.",
        )  # fmt: skip
        plan.assessments.append((assessment, _ratings(rng, strength, noise=0.4)))
    return plan


def insert(plans: list[CulturePlan]) -> tuple[int, int]:
    pairs = [pair for plan in plans for pair in plan.assessments]
    CultureAssessment.objects.bulk_create([a for a, _ in pairs], batch_size=500)
    ratings = [
        CultureRating(assessment_id=a.pk, dimension=d, culture_type=t, score=score)
        for a, scores in pairs
        for (d, t), score in scores.items()
    ]
    CultureRating.objects.bulk_create(ratings, batch_size=2000)
    return len(pairs), len(ratings)


def seed(state, *, base_seed: int, today: datetime.date, managers: list) -> None:
    if not managers:
        return
    todo = list(
        partner_selectors.partners()
        .filter(culture_assessments__isnull=True)
        .order_by("pk")
        .values_list("pk", "slug", "owner_id")
    )
    assessments = ratings = 0
    pending = []
    if not CultureAssessment.objects.filter(is_own=True).exists():
        rng = Random(f"{base_seed}:culture:ours")
        pending.append(own_culture(rng, assessor_id=managers[0].pk, today=today))
    for partner_id, slug, owner_id in todo:
        rng = Random(f"{base_seed}:culture:{slug}")
        if rng.random() >= ASSESSED_SHARE:
            continue
        assessor_id = owner_id or rng.choice(managers).pk
        pending.append(
            partner_culture(rng, partner_id=partner_id, assessor_id=assessor_id, today=today)
        )
        if len(pending) >= PARTNERS_PER_ROUND:
            assessments, ratings = _add((assessments, ratings), insert(pending))
            pending = []
    if pending:
        assessments, ratings = _add((assessments, ratings), insert(pending))
    if assessments:
        state.report("culture assessments", assessments)
        state.report("culture ratings", ratings)


def _add(totals: tuple[int, int], counts: tuple[int, int]) -> tuple[int, int]:
    return totals[0] + counts[0], totals[1] + counts[1]
