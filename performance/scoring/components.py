"""A score is the sum of its components' points; each component explains itself.

`component(...)` builds one entry of `PartnerScore.components`: a value 0–100, the weight it
carries in its score (percent; a score's weights sum to 100), the points it contributes
(value × weight / 100, to 0.1) and a sentence of evidence with where to act (`fix`, a partner
tab key). Points are rounded once here, and a score is the sum of the rounded points, so
"why 42?" adds up exactly on the page.
"""

import datetime
from decimal import Decimal

from prm.lib.days import days_ago_text


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, value))


def component(
    *, score: str, key: str, label: str, value: float, weight: int, evidence: str, fix: str = ""
) -> dict:
    value = round(clamp(value), 1)
    return {
        "score": score,
        "key": key,
        "label": label,
        "value": value,
        "weight": weight,
        "points": round(value * weight / 100, 1),
        "evidence": evidence,
        "fix": fix,
    }


def total(components: list[dict]) -> Decimal:
    """The score: the sum of its components' points (Decimal, one decimal place)."""
    points = sum(Decimal(str(entry["points"])) for entry in components)
    return min(Decimal("100.0"), max(Decimal("0.0"), points)).quantize(Decimal("0.1"))


def check_weights(weights: dict[str, int]) -> dict[str, int]:
    """Module-level weights are a design decision; a typo that breaks the sum fails at import."""
    if sum(weights.values()) != 100:
        raise ValueError(f"Component weights must sum to 100: {weights}")
    return weights


def days_between(earlier: datetime.date, later: datetime.date) -> int:
    return (later - earlier).days


def ago(days: int) -> str:
    return days_ago_text(max(days, 0))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
