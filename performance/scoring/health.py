"""The health score: the three others weighed by the current ScoringWeights (admins edit them;
a run keeps the set it used). Its components are the three scores, so "why 42?" reads as
"relationship 60 × 40% + performance 30 × 35% + engagement 30 × 25%"."""

from decimal import Decimal

from .components import component

SCORE = "health"
LABELS = {"relationship": "Relationship", "performance": "Performance", "engagement": "Engagement"}


def components(scores: dict[str, Decimal], weights: dict[str, int]) -> list[dict]:
    return [
        component(
            score=SCORE,
            key=key,
            label=label,
            value=float(scores[key]),
            weight=weights[key],
            fix="",
            evidence=f"{label} {scores[key]} weighs {weights[key]}%.",
        )  # fmt: skip
        for key, label in LABELS.items()
    ]
