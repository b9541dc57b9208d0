"""The culture calculation, in one place: pages, the API and the scoring job all call these.

Pure functions over ratings — (dimension, culture type, score 0–4) — with no database access.

- `culture_profile`: the share of each culture type over all dimensions, the dominant type,
  how clear it is (the margin in percentage points to the runner-up; "mixed" below
  `MIXED_MARGIN` or on a tie), and the same per dimension.
- `culture_compare`: a partner's profile beside ours, dimension by dimension, ranked by the size
  of the gap, with the overall distance (0 = identical, 100 = nothing in common).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models.culture import CultureDimension, CultureType

TYPES = tuple(CultureType.values)
DIMENSIONS = tuple(CultureDimension.values)
MIXED_MARGIN = 10.0  # percentage points between the two strongest types


@dataclass(frozen=True)
class Leaning:
    """Scores over the four types, in one dimension or over all of them."""

    scores: dict[str, int]
    shares: dict[str, float]  # percent of the total score, 0 when nothing was scored
    dominant: str | None  # None when nothing was scored
    clarity: float  # percentage points between the strongest and the runner-up
    is_mixed: bool

    @property
    def dominant_label(self) -> str:
        if self.dominant is None:
            return "Not rated"
        return "Mixed" if self.is_mixed else CultureType(self.dominant).label


@dataclass(frozen=True)
class CultureProfile:
    overall: Leaning
    by_dimension: dict[str, Leaning] = field(default_factory=dict)
    rated: int = 0  # how many of the 20 ratings were given

    @property
    def dominant_type(self) -> str | None:
        return self.overall.dominant

    @property
    def clarity(self) -> float:
        return self.overall.clarity

    @property
    def is_mixed(self) -> bool:
        return self.overall.is_mixed


def _leaning(scores: dict[str, int]) -> Leaning:
    total = sum(scores.values())
    shares = {t: (100.0 * scores[t] / total if total else 0.0) for t in TYPES}
    if not total:
        return Leaning(scores, shares, None, 0.0, True)
    ranked = sorted(TYPES, key=lambda t: (-scores[t], TYPES.index(t)))
    margin = round(shares[ranked[0]] - shares[ranked[1]], 1)
    return Leaning(scores, shares, ranked[0], margin, margin < MIXED_MARGIN)


def culture_profile(ratings: Iterable[tuple[str, str, int]]) -> CultureProfile:
    """The profile of an organisation from its ratings; missing ratings count as 0."""
    per_dimension = {d: dict.fromkeys(TYPES, 0) for d in DIMENSIONS}
    rated = 0
    for dimension, culture_type, score in ratings:
        per_dimension[dimension][culture_type] = int(score)
        rated += 1
    overall = {t: sum(per_dimension[d][t] for d in DIMENSIONS) for t in TYPES}
    return CultureProfile(
        overall=_leaning(overall),
        by_dimension={d: _leaning(per_dimension[d]) for d in DIMENSIONS},
        rated=rated,
    )


@dataclass(frozen=True)
class DimensionGap:
    dimension: str
    ours: Leaning
    theirs: Leaning
    gap: float  # 0 (same leaning) … 100 (no overlap)

    @property
    def in_common(self) -> bool:
        return self.theirs.dominant is not None and self.theirs.dominant == self.ours.dominant

    @property
    def label(self) -> str:
        return CultureDimension(self.dimension).label

    @property
    def size(self) -> str:
        if self.gap < 20:
            return "small"
        return "moderate" if self.gap < 45 else "large"


@dataclass(frozen=True)
class CultureComparison:
    distance: float  # 0–100 over all dimensions
    dimensions: list[DimensionGap]  # largest gap first

    @property
    def common_ground(self) -> list[DimensionGap]:
        return [gap for gap in self.dimensions if gap.in_common]

    @property
    def differences(self) -> list[DimensionGap]:
        return [gap for gap in self.dimensions if not gap.in_common]


def _gap(ours: Leaning, theirs: Leaning) -> float:
    """Half the sum of share differences: the share of the profile that does not overlap."""
    return round(sum(abs(ours.shares[t] - theirs.shares[t]) for t in TYPES) / 2, 1)


def culture_compare(theirs: CultureProfile, ours: CultureProfile) -> CultureComparison:
    gaps = [
        DimensionGap(d, ours.by_dimension[d], theirs.by_dimension[d],
                     _gap(ours.by_dimension[d], theirs.by_dimension[d]))
        for d in DIMENSIONS
    ]  # fmt: skip
    gaps.sort(key=lambda g: (-g.gap, DIMENSIONS.index(g.dimension)))
    return CultureComparison(distance=_gap(ours.overall, theirs.overall), dimensions=gaps)
