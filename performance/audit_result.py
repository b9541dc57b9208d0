"""The one calculation of a performance audit's result, used by pages, the API and scoring.

Pure: it takes the fifteen scores (1–5) and the area weights (percent, summing to 100) and
returns every step, so a page can answer "why 72?".
"""

from dataclasses import dataclass

from .models.audits import AREAS, SCORE_MAX, SCORE_MIN

DEFAULT_WEIGHTS = {key: 25 for key, _, _ in AREAS}
# Lowest total of each class, highest first; below the last one the class is "review".
CLASS_THRESHOLDS = (("strategic", 80), ("core", 60), ("develop", 40))
CLASSES = ("strategic", "core", "develop", "review")


@dataclass(frozen=True)
class AreaResult:
    key: str
    label: str
    average: float  # 1–5
    percent: float  # 0–100: (average - 1) / 4
    weight: int
    points: float  # contribution to the total


@dataclass(frozen=True)
class AuditResult:
    areas: tuple[AreaResult, ...]
    total: float  # 0–100
    classification: str

    def area(self, key: str) -> AreaResult:
        return next(area for area in self.areas if area.key == key)


def classify(total: float) -> str:
    for name, threshold in CLASS_THRESHOLDS:
        if total >= threshold:
            return name
    return "review"


def audit_result(scores: dict[str, int], weights: dict[str, int] | None = None) -> AuditResult:
    """Area averages → each area as 0–100 → weighted total 0–100 → class.

    A 1 everywhere is 0, a 5 everywhere is 100, so the whole scale is used.
    """
    weights = weights or DEFAULT_WEIGHTS
    weight_sum = sum(weights[key] for key, _, _ in AREAS)
    if weight_sum <= 0:
        raise ValueError("The area weights must add up to more than zero.")
    areas, raw_points = [], []
    for key, label, criteria in AREAS:
        values = [scores[name] for name, _ in criteria]
        if any(not SCORE_MIN <= value <= SCORE_MAX for value in values):
            raise ValueError(f"Scores of {label} must be between {SCORE_MIN} and {SCORE_MAX}.")
        average = sum(values) / len(values)
        percent = (average - SCORE_MIN) / (SCORE_MAX - SCORE_MIN) * 100
        points = percent * weights[key] / weight_sum
        raw_points.append(points)
        areas.append(AreaResult(key, label, round(average, 2), round(percent, 1), weights[key],
                                round(points, 1)))  # fmt: skip
    total = round(sum(raw_points), 1)
    return AuditResult(tuple(areas), total, classify(total))
