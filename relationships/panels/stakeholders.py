"""The partner page's influence map: stakeholders by stance and influence (a bubble chart whose
colours say the strategy), the key supporters and influential non-supporters, and the
adaptability spread against the technology-adoption curve."""

import datetime

from django.urls import reverse

from partners.models import Partner
from prm.lib.charts import chart

from ..models import RelationshipLevel, Stakeholder, Stance, Strategy
from ..selectors import stakeholders as selectors
from ..selectors.stakeholders import KEY_INFLUENCE, STANCE_AXIS

STRATEGY_COLOURS = {
    Strategy.LEVERAGE: "rgba(30, 138, 76, .62)",
    Strategy.MOTIVATE: "rgba(217, 154, 43, .62)",
    Strategy.NEUTRALIZE: "rgba(192, 57, 43, .62)",
}


def jitter(pk: int, salt: int, spread: float) -> float:
    """A deterministic offset in [-spread, spread] for one point, so points don't overlap and
    the map looks the same on every load (Knuth's multiplicative hash of the id)."""
    fraction = ((pk * 2654435761 + salt * 40503) % 1_000_003) / 1_000_003
    return round((fraction * 2 - 1) * spread, 3)


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


def influence_tab_context(request, partner: Partner) -> dict:
    """The partner page's influence map: one query of the partner's stakeholders, one of the
    first few contacts nobody has assessed yet."""
    rows = selectors.influence_map_rows(partner)
    today = datetime.date.today()
    for row in rows:
        row["name"] = f"{row['contact__first_name']} {row['contact__last_name']}".strip()
        row["strategy"] = Stakeholder(stance=row["stance"]).strategy
        row["strategy_label"] = Strategy(row["strategy"]).label
        row["level_label"] = RelationshipLevel(row["relationship_level"]).label
        row["url"] = reverse("relationships:stakeholder-detail", kwargs={"pk": row["pk"]})
        row["plan_overdue"] = row["plan__review_on"] is not None and row["plan__review_on"] < today
    key_supporters, supporters_total = selectors.key_rows(rows, Stance.SUPPORTER)
    to_neutralize, neutralize_total = selectors.key_rows(rows, Stance.NON_SUPPORTER)
    spread = selectors.adoption_spread(rows)
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
    unassessed = selectors.unassessed_contacts(partner)
    context["unassessed"] = unassessed[: selectors.UNASSESSED_SHOWN]
    context["more_unassessed"] = len(unassessed) > selectors.UNASSESSED_SHOWN
    return context
