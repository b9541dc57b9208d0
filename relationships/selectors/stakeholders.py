"""Reads for stakeholder analyses, the champion, the influence map and individual plans."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse

from partners.models import Contact, Partner
from prm.lib.charts import chart

from ..models import (
    Adaptability,
    DecisionOrientation,
    RelationshipLevel,
    RelationshipPlan,
    Stakeholder,
    Stance,
    Strategy,
)
from .access import _staff_only

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
STRATEGY_COLOURS = {
    Strategy.LEVERAGE: "rgba(30, 138, 76, .62)",
    Strategy.MOTIVATE: "rgba(217, 154, 43, .62)",
    Strategy.NEUTRALIZE: "rgba(192, 57, 43, .62)",
}
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


def contact_for_analysis_get(*, user, pk) -> Contact:
    """The contact a new stakeholder analysis is for (staff only, like every analysis)."""
    _staff_only(user)
    return get_object_or_404(
        Contact.objects.select_related("partner", "org_unit", "stakeholder"), pk=pk
    )


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


def stakeholder_detail_context(stakeholder: Stakeholder) -> dict:
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


def plan_detail_context(plan: RelationshipPlan) -> dict:
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


def champion_page_context(partner: Partner) -> dict:
    candidates = list(champion_candidates(partner))
    for candidate in candidates:
        candidate.reason = candidate_reason(candidate)
    champion = (
        Stakeholder.objects.select_related("contact")
        .filter(partner=partner, is_champion=True)
        .first()
    )
    return {"partner": partner, "candidates": candidates, "champion": champion}


def partner_for_champion_get(*, user, slug: str) -> Partner:
    _staff_only(user)
    return get_object_or_404(Partner, slug=slug)


# --- Influence map --------------------------------------------------------------------------


def jitter(pk: int, salt: int, spread: float) -> float:
    """A deterministic offset in [-spread, spread] for one point, so points don't overlap and
    the map looks the same on every load (Knuth's multiplicative hash of the id)."""
    fraction = ((pk * 2654435761 + salt * 40503) % 1_000_003) / 1_000_003
    return round((fraction * 2 - 1) * spread, 3)


def _map_rows(partner: Partner) -> list[dict]:
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


def _point(row: dict) -> dict:
    name = f"{row['contact__first_name']} {row['contact__last_name']}".strip()
    return {
        "x": STANCE_AXIS.index(row["stance"]) + jitter(row["pk"], 1, 0.28),
        "y": row["influence"] + jitter(row["pk"], 2, 0.22),
        "r": 3 + 2 * row["relationship_level"],
        "label": f"{name}: influence {row['influence']}, "
        f"level {row['relationship_level']} ({RelationshipLevel(row['relationship_level']).label})",
    }


def influence_chart(rows: list[dict]) -> dict:
    datasets = []
    for stance in reversed(STANCE_AXIS):
        strategy = Stakeholder(stance=stance).strategy
        points = [_point(row) for row in rows if row["stance"] == stance]
        datasets.append(
            {
                "label": f"{Stance(stance).label}s → {Strategy(strategy).label.lower()}",
                "data": points,
                "backgroundColor": STRATEGY_COLOURS[strategy],
                "borderColor": STRATEGY_COLOURS[strategy].replace(".62)", "1)"),
                "borderWidth": 1,
            }
        )
    spec = chart(
        "influence-map",
        "bubble",
        [],
        datasets,
        label="Stakeholders by stance (x) and influence (y); bubble size is the relationship level",
        height=420,
    )
    spec["spec"].update(
        {
            "x": {
                "title": "Stance",
                "min": -0.5,
                "max": 2.5,
                "ticks": [Stance(s).label for s in STANCE_AXIS],
            },
            "y": {"title": "Influence", "min": 0.5, "max": 5.5, "step": 1},
            "bands": [{"from": KEY_INFLUENCE - 0.5, "to": 5.5, "label": "High influence"}],
            "quadrants": [
                {
                    "x": 2.45,
                    "y": 5.45,
                    "align": "right",
                    "text": "Key supporters: leverage",
                    "short": "Leverage",
                    "color": "#176b3a",
                },
                {
                    "x": -0.45,
                    "y": 5.45,
                    "align": "left",
                    "text": "Influential non-supporters: neutralize",
                    "short": "Neutralize",
                    "color": "#a12c20",
                },
                {
                    "x": 2.45,
                    "y": 0.55,
                    "align": "right",
                    "text": "Supporters to build up",
                    "short": "Build up",
                    "color": "#5b6577",
                },
                {
                    "x": -0.45,
                    "y": 0.55,
                    "align": "left",
                    "text": "Low-influence critics: watch",
                    "short": "Watch",
                    "color": "#5b6577",
                },
            ],
        }
    )
    return spec


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


def adoption_chart(spread: list[dict]) -> dict:
    return chart(
        "adoption-spread",
        "bar",
        [group["label"].split(" (")[0] for group in spread],
        [
            {"label": "Stakeholders", "data": [group["count"] for group in spread], "order": 2},
            {
                "label": "Adoption curve (expected)",
                "type": "line",
                "data": [group["expected"] for group in spread],
                "borderColor": "#b7791f",
                "backgroundColor": "#b7791f",
                "borderWidth": 2,
                "pointRadius": 3,
                "tension": 0.4,
                "fill": False,
                "order": 1,
            },
        ],
        label="Stakeholders per adaptability group against the technology-adoption curve",
        height=260,
    )


def _top(rows: list[dict], stance: str) -> tuple[list[dict], int]:
    chosen = [r for r in rows if r["stance"] == stance and r["influence"] >= KEY_INFLUENCE]
    return chosen[:TOP_ROWS], len(chosen)


def influence_tab_context(request, partner: Partner) -> dict:
    """The partner page's influence map: one query of the partner's stakeholders, one of the
    first few contacts nobody has assessed yet."""
    rows = _map_rows(partner)
    today = datetime.date.today()
    for row in rows:
        row["name"] = f"{row['contact__first_name']} {row['contact__last_name']}".strip()
        row["strategy"] = Stakeholder(stance=row["stance"]).strategy
        row["strategy_label"] = Strategy(row["strategy"]).label
        row["level_label"] = RelationshipLevel(row["relationship_level"]).label
        row["url"] = reverse("relationships:stakeholder-detail", kwargs={"pk": row["pk"]})
        row["plan_overdue"] = row["plan__review_on"] is not None and row["plan__review_on"] < today
    key_supporters, supporters_total = _top(rows, Stance.SUPPORTER)
    to_neutralize, neutralize_total = _top(rows, Stance.NON_SUPPORTER)
    spread = adoption_spread(rows)
    stance_counts = {stance: sum(r["stance"] == stance for r in rows) for stance in STANCE_AXIS}
    context = {
        "partner": partner,
        "total": len(rows),
        "stance_counts": [
            (Stance(s).label, Stakeholder(stance=s).strategy, stance_counts[s])
            for s in reversed(STANCE_AXIS)
        ],
        "key_supporters": key_supporters,
        "key_supporters_total": supporters_total,
        "to_neutralize": to_neutralize,
        "to_neutralize_total": neutralize_total,
        "champion": next((r for r in rows if r["is_champion"]), None),
        "spread": spread,
    }
    if rows:
        context["influence_chart"] = influence_chart(rows)
        context["adoption_chart"] = adoption_chart(spread)
    unassessed = unassessed_contacts(partner)
    context["unassessed"] = unassessed[:UNASSESSED_SHOWN]
    context["more_unassessed"] = len(unassessed) > UNASSESSED_SHOWN
    return context


def unassessed_contacts(partner: Partner, limit: int = UNASSESSED_SHOWN) -> list[Contact]:
    """The first current contacts without an analysis (one more than `limit`, to tell if
    there are more)."""
    return list(
        Contact.objects.current()
        .filter(partner=partner, stakeholder__isnull=True)
        .order_by("last_name", "first_name", "pk")
        .only("pk", "first_name", "last_name", "title")[: limit + 1]
    )
