"""Reads for stakeholder analyses, the champion, the influence map and individual plans."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Value, When

from partners import selectors as partner_selectors
from partners.models import Contact, Partner

from ..models import (
    Adaptability,
    DecisionOrientation,
    RelationshipLevel,
    RelationshipPlan,
    Stakeholder,
    Stance,
)

CHAMPION_MIN_INFLUENCE = 4
CHAMPION_MIN_LEVEL = 4
# A champion's score out of 100: orientation weighs most (a strategic supporter can carry a
# decision), then influence and relationship level, 6 points per step on their 1–5 scales.
ORIENTATION_POINTS = {
    DecisionOrientation.STRATEGIC: 40,
    DecisionOrientation.TACTICAL: 20,
    DecisionOrientation.OPERATIONAL: 0,
}
POINTS_PER_STEP = 6

STANCE_AXIS = [Stance.NON_SUPPORTER, Stance.NEUTRAL, Stance.SUPPORTER]
# Rogers' diffusion of innovations, mapped onto the adaptability scale we assess.
ADOPTION_CURVE = [
    (Adaptability.INNOVATOR, "Innovators", 2.5),
    (Adaptability.VISIONARY, "Visionaries (early adopters)", 13.5),
    (Adaptability.PRAGMATIST, "Pragmatists (early majority)", 34.0),
    (Adaptability.CONSERVATIVE, "Conservatives (late majority)", 34.0),
    (Adaptability.SCEPTIC, "Sceptics (laggards)", 16.0),
]
KEY_INFLUENCE = 4
TOP_ROWS = 8
UNASSESSED_SHOWN = 12


# --- Single objects -----------------------------------------------------------------------


def stakeholder_owners(stakeholder: Stakeholder):
    return stakeholder.owners.order_by("first_name", "last_name", "username")


def stakeholder_plan(stakeholder: Stakeholder) -> RelationshipPlan | None:
    return RelationshipPlan.objects.select_related("owner").filter(stakeholder=stakeholder).first()


@dataclass(frozen=True)
class Cadence:
    days: int
    last_on: datetime.date | None
    due_on: datetime.date | None
    overdue: bool
    days_since: int | None


def cadence_status(stakeholder: Stakeholder, today: datetime.date | None = None) -> Cadence:
    """Out of cadence: never contacted, or the last interaction is older than the cadence."""
    today = today or datetime.date.today()
    last = stakeholder.last_interaction_on
    if last is None:
        return Cadence(stakeholder.cadence_days, None, None, True, None)
    due = last + datetime.timedelta(days=stakeholder.cadence_days)
    return Cadence(stakeholder.cadence_days, last, due, due < today, (today - last).days)


def review_overdue(plan: RelationshipPlan | None, today: datetime.date | None = None) -> bool:
    return plan is not None and plan.review_on < (today or datetime.date.today())


def stakeholder_overview(stakeholder: Stakeholder) -> dict:
    plan = stakeholder_plan(stakeholder)
    champion = (
        Stakeholder.objects.select_related("contact")
        .filter(partner_id=stakeholder.partner_id, is_champion=True)
        .exclude(pk=stakeholder.pk)
        .first()
    )
    return {
        "stakeholder": stakeholder,
        "contact": stakeholder.contact,
        "partner": stakeholder.partner,
        "owners": list(stakeholder_owners(stakeholder)),
        "cadence": cadence_status(stakeholder),
        "plan": plan,
        "plan_overdue": review_overdue(plan),
        "other_champion": champion,
    }


def plan_overview(plan: RelationshipPlan) -> dict:
    related = plan.related_stakeholders.select_related("contact", "plan").order_by(
        "-influence", "contact__last_name"
    )
    stakeholder = plan.stakeholder
    return {
        "plan": plan,
        "answers": plan_answers(plan),
        "stakeholder": stakeholder,
        "contact": stakeholder.contact,
        "partner": stakeholder.partner,
        "related": list(related),
        "overdue": review_overdue(plan),
        "cadence": cadence_status(stakeholder),
    }


PLAN_QUESTIONS = [
    ("position_and_responsibilities", "What is their position and their formal responsibilities?"),
    ("business_objectives", "What are their business objectives?"),
    ("value_we_provide", "What value do we provide them today?"),
    ("how_to_build_more_value", "How do we build more value for them?"),
    ("decisions_and_influence", "What do they decide alone, and what do they influence?"),
    ("current_relationship", "What is our current relationship, and our strategy?"),
    ("communication_frequency", "How often do we communicate?"),
    ("value_communication", "How will we communicate our value from now on?"),
]


def plan_answers(plan: RelationshipPlan) -> list[dict]:
    return [
        {"key": key, "question": question, "answer": getattr(plan, key)}
        for key, question in PLAN_QUESTIONS
    ]


def related_stakeholder_choices(stakeholder: Stakeholder):
    """Who else at the partner a plan may point at: the partner's current stakeholders."""
    return (
        Stakeholder.objects.current()
        .filter(partner_id=stakeholder.partner_id)
        .exclude(pk=stakeholder.pk)
        .select_related("contact")
        .order_by("-influence", "contact__last_name", "contact__first_name")
    )


# --- Champion -------------------------------------------------------------------------------


def champion_candidates(partner: Partner):
    """Current supporters with high influence and a strong relationship, best candidate first.

    Each row carries its score (`candidate_score`, 0–100) and the points behind it, so the page
    can say why someone is suggested: orientation (strategic 40, tactical 20, operational 0)
    plus 6 points per step of influence and of relationship level.
    """
    orientation = Case(
        *(
            When(decision_orientation=key, then=Value(pts))
            for key, pts in ORIENTATION_POINTS.items()
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        Stakeholder.objects.current()
        .filter(
            partner=partner,
            stance=Stance.SUPPORTER,
            influence__gte=CHAMPION_MIN_INFLUENCE,
            relationship_level__gte=CHAMPION_MIN_LEVEL,
        )
        .select_related("contact")
        .annotate(
            orientation_points=orientation,
            influence_points=F("influence") * POINTS_PER_STEP,
            level_points=F("relationship_level") * POINTS_PER_STEP,
        )
        .annotate(
            candidate_score=F("orientation_points") + F("influence_points") + F("level_points")
        )
        .order_by("-candidate_score", "-last_interaction_on", "contact__last_name", "pk")
    )


def candidate_reason(stakeholder: Stakeholder) -> str:
    """Why a candidate is suggested, in the words of the analysis."""
    orientation = DecisionOrientation(stakeholder.decision_orientation).label
    level = RelationshipLevel(stakeholder.relationship_level).label.lower()
    return (
        f"Supporter with influence {stakeholder.influence}/5, a relationship at level "
        f"{stakeholder.relationship_level} ({level}), {orientation[0].lower()}{orientation[1:]}."
    )


def champion_overview(partner: Partner) -> dict:
    candidates = list(champion_candidates(partner))
    for candidate in candidates:
        candidate.reason = candidate_reason(candidate)
    champion = (
        Stakeholder.objects.select_related("contact")
        .filter(partner=partner, is_champion=True)
        .first()
    )
    return {"partner": partner, "candidates": candidates, "champion": champion}


# --- Influence map ---------------------------------------------------------------------------


def influence_map_rows(partner: Partner) -> list[dict]:
    """The partner's current stakeholders as plain rows, most influential first (one query)."""
    return list(
        Stakeholder.objects.current()
        .filter(partner=partner)
        .order_by("-influence", "-relationship_level", "contact__last_name", "pk")
        .values(
            "pk", "influence", "stance", "relationship_level", "adaptability", "is_champion",
            "contact__first_name", "contact__last_name", "contact__title", "plan__pk",
            "plan__review_on",
        )
    )  # fmt: skip


def adoption_spread(rows: list[dict]) -> list[dict]:
    """How many stakeholders fall in each adaptability group against Rogers' curve, scaled to
    the number of stakeholders assessed."""
    total = len(rows)
    counts = {key: 0 for key, _, _ in ADOPTION_CURVE}
    for row in rows:
        counts[row["adaptability"]] += 1
    return [
        {
            "key": key,
            "label": label,
            "count": counts[key],
            "share": share,
            "expected": round(total * share / 100, 1),
            "actual_share": round(100 * counts[key] / total, 1) if total else 0.0,
        }
        for key, label, share in ADOPTION_CURVE
    ]


def key_rows(rows: list[dict], stance: str) -> tuple[list[dict], int]:
    chosen = [r for r in rows if r["stance"] == stance and r["influence"] >= KEY_INFLUENCE]
    return chosen[:TOP_ROWS], len(chosen)


def unassessed_contacts(partner: Partner, limit: int = UNASSESSED_SHOWN) -> list[Contact]:
    """The first current contacts without an analysis (one more than `limit`, to tell if
    there are more)."""
    return list(
        partner_selectors.partner_contacts(partner=partner)
        .filter(stakeholder__isnull=True)
        .only("pk", "first_name", "last_name", "title")[: limit + 1]
    )


# --- channel-wide coverage (the maturity page sets it beside our self-rating) -------------


def analysis_coverage() -> dict:
    """Of the active partners (`total`): how many have at least one person still there analysed
    as a stakeholder (`analysed`), and how many a named champion (`championed`). One query."""
    current = Stakeholder.objects.filter(partner=OuterRef("pk"), contact__left_on__isnull=True)
    return (
        partner_selectors.partners()
        .filter(status=Partner.Status.ACTIVE)
        .aggregate(
            analysed=Count("pk", filter=Exists(current)),
            championed=Count("pk", filter=Exists(current.filter(is_champion=True))),
            total=Count("pk"),
        )
    )
