"""Reads for culture assessments: profiles, tables, history, comparison with ours, guidelines
and the portfolio across partners.

Every profile and comparison comes from `relationships.culture` (the one calculation); this
module only fetches ratings (in as few queries as a page needs) and shapes them into plain
values. The charts drawn from them are the pages' (relationships.panels.culture).
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery

from partners import selectors as partner_selectors
from partners.models import Partner

from ..culture import DIMENSIONS, TYPES, CultureComparison, CultureProfile, culture_compare
from ..culture import culture_profile as _profile_from_ratings
from ..models import (
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureRating,
    CultureType,
)

# Column heads: the full name, and a short one for phone-width tables.
TYPE_HEADERS = [(CultureType(t).label, CultureType(t).label[:4] + ".") for t in TYPES]
DISTANCE_BANDS = [(0, 20, "0–19 close"), (20, 45, "20–44 moderate"), (45, 101, "45–100 far")]
PORTFOLIO_SORTS = {
    "distance": (lambda row: (row["distance"] is None, row["distance"] or 0), False),
    "-distance": (lambda row: (row["distance"] is None, -(row["distance"] or 0)), False),
    "name": (lambda row: row["name"].lower(), False),
    "type": (lambda row: (row["dominant_label"], row["name"].lower()), False),
    "assessed": (lambda row: row["assessed_on"], True),
}


def type_label(culture_type) -> str:
    return CultureType(culture_type).label if culture_type else "Not rated"


# --- Single objects and profiles ------------------------------------------------------------


def _with_ratings(queryset):
    return queryset.select_related("assessed_by", "validated_by", "partner").prefetch_related(
        Prefetch("ratings", queryset=CultureRating.objects.order_by())
    )


def profile_of(assessment: CultureAssessment) -> CultureProfile:
    """The profile of an assessment whose ratings were prefetched (no query then)."""
    return _profile_from_ratings(
        (r.dimension, r.culture_type, r.score) for r in assessment.ratings.all()
    )


def rating_map(assessment: CultureAssessment) -> dict:
    return {(r.dimension, r.culture_type): r.score for r in assessment.ratings.all()}


def own_current() -> CultureAssessment | None:
    """Our current culture profile, with its ratings (two queries), or None."""
    return _with_ratings(CultureAssessment.objects.filter(is_own=True, is_current=True)).first()


def own_profiles():
    """Every profile of our own culture, the current one first, then newest first."""
    return _with_ratings(
        CultureAssessment.objects.filter(is_own=True).order_by("-is_current", "-assessed_on", "-pk")
    )


def partner_assessments(partner: Partner) -> list[CultureAssessment]:
    """A partner's assessments, newest first, with their ratings (two queries)."""
    return list(_with_ratings(CultureAssessment.objects.filter(partner=partner)))


def descriptor_texts() -> dict:
    """{(dimension, type): descriptor text}; admins edit them."""
    return {
        (d.dimension, d.culture_type): d.text
        for d in CultureDescriptor.objects.only("dimension", "culture_type", "text")
    }


def guideline_texts() -> dict:
    return {
        (g.culture_type, g.dimension): g.guidance
        for g in CultureGuideline.objects.only("culture_type", "dimension", "guidance")
    }


# --- Tables -------------------------------------------------------------------------------


def dimension_rows(profile: CultureProfile) -> list[dict]:
    rows = []
    for d in DIMENSIONS:
        leaning = profile.by_dimension[d]
        rows.append(
            {
                "dimension": d,
                "label": CultureDimension(d).label,
                "leaning": leaning,
                "cells": [
                    {"type": t, "score": leaning.scores[t], "top": t == leaning.dominant}
                    for t in TYPES
                ],
            }
        )
    return rows


def type_rows(profile: CultureProfile) -> list[dict]:
    """The four types, strongest first, with score and share."""
    overall = profile.overall
    return [
        {
            "type": t,
            "label": CultureType(t).label,
            "score": overall.scores[t],
            "share": overall.shares[t],
            "dominant": t == overall.dominant,
        }
        for t in sorted(TYPES, key=lambda t: (-overall.scores[t], TYPES.index(t)))
    ]


def one_line(profile: CultureProfile) -> str:
    """The culture in one line, for the brief and lists."""
    overall = profile.overall
    if overall.dominant is None:
        return "Not rated yet."
    ranked = type_rows(profile)
    first, second = ranked[0], ranked[1]
    if overall.is_mixed:
        return (
            f"Mixed: {first['label'].lower()} ({first['share']:.0f} %) and "
            f"{second['label'].lower()} ({second['share']:.0f} %) about equally strong."
        )
    return (
        f"Predominantly {first['label'].lower()} ({first['share']:.0f} %), "
        f"{overall.clarity:.0f} points ahead of {second['label'].lower()}."
    )


# --- Assimilation guidelines ----------------------------------------------------------------


@dataclass(frozen=True)
class Guideline:
    dimension: str
    culture_type: str
    guidance: str
    gap: float | None  # None when we have no profile of our own to compare with
    size: str = ""

    @property
    def dimension_label(self) -> str:
        return CultureDimension(self.dimension).label

    @property
    def type_label(self) -> str:
        return CultureType(self.culture_type).label


def culture_guidelines(
    profile: CultureProfile, comparison: CultureComparison | None, texts: dict
) -> list[Guideline]:
    """The guidance that applies: for each dimension where we differ (every dimension when we
    have no profile of our own), the text for the partner's dominant type — or for the
    dimension's own dominant type where that differs from the overall one. Largest gap first."""
    overall = profile.overall.dominant
    if overall is None:
        return []
    if comparison is None:
        pairs = [(d, None, "") for d in DIMENSIONS]
    else:
        pairs = [(g.dimension, g.gap, g.size) for g in comparison.differences]
    guidelines = []
    for dimension, gap, size in pairs:
        culture_type = profile.by_dimension[dimension].dominant or overall
        text = texts.get((culture_type, dimension), "")
        guidelines.append(Guideline(dimension, culture_type, text, gap, size))
    return guidelines


# --- History ------------------------------------------------------------------------------


def history_changes(latest: CultureAssessment, previous: CultureAssessment) -> dict:
    """What changed between two assessments: per type (share) and per dimension (scores)."""
    now, before = profile_of(latest), profile_of(previous)
    now_map, before_map = rating_map(latest), rating_map(previous)
    types = [
        {
            "label": CultureType(t).label,
            "short": CultureType(t).label[:4] + ".",
            "before": before.overall.shares[t],
            "now": now.overall.shares[t],
            "delta": round(now.overall.shares[t] - before.overall.shares[t], 1),
        }
        for t in TYPES
    ]
    dimensions = []
    for d in DIMENSIONS:
        cells = []
        for t in TYPES:
            old, new = before_map.get((d, t), 0), now_map.get((d, t), 0)
            cells.append({"before": old, "now": new, "delta": new - old})
        was, is_ = before.by_dimension[d], now.by_dimension[d]
        dimensions.append(
            {
                "label": CultureDimension(d).label,
                "cells": cells,
                "before": was.dominant_label,
                "now": is_.dominant_label,
                "shifted": was.dominant_label != is_.dominant_label,
                "changed": any(c["delta"] for c in cells),
            }
        )
    return {
        "latest": latest,
        "previous": previous,
        "before_label": before.overall.dominant_label,
        "now_label": now.overall.dominant_label,
        "shifted": before.overall.dominant_label != now.overall.dominant_label,
        "types": types,
        "dimensions": dimensions,
        "unchanged": not any(row["changed"] for row in dimensions),
    }


def history_rows(assessments: list[CultureAssessment]) -> list[dict]:
    rows = []
    for assessment in assessments:
        profile = profile_of(assessment)
        rows.append({"assessment": assessment, "profile": profile, "line": one_line(profile)})
    return rows


# --- Comparison with ours, evidence, the brief -----------------------------------------------


def comparison_with_ours(profile: CultureProfile, own: CultureAssessment | None):
    """(our profile, the comparison): (None, None) without a profile of ours, (ours, None)
    while ours is not rated."""
    if own is None:
        return None, None
    ours = profile_of(own)
    if ours.overall.dominant is None:
        return ours, None
    return ours, culture_compare(profile, ours)


def evidence(assessment: CultureAssessment) -> list[tuple[str, str]]:
    return [
        ("Values", assessment.values),
        ("Behaviours", assessment.behaviours),
        ("Practices", assessment.practices),
        ("Symbols", assessment.symbols),
    ]


def culture_brief(partner: Partner) -> dict:
    """The printable one-page brief for anyone about to meet the partner."""
    assessments = partner_assessments(partner)
    brief = {"partner": partner, "latest": assessments[0] if assessments else None}
    if not assessments:
        return brief
    profile = profile_of(assessments[0])
    own = own_current()
    ours, comparison = comparison_with_ours(profile, own)
    brief.update(
        profile=profile,
        line=one_line(profile),
        type_rows=type_rows(profile),
        dimension_rows=dimension_rows(profile),
        type_headers=TYPE_HEADERS,
        own=own,
        comparison=comparison,
        guidelines=culture_guidelines(profile, comparison, guideline_texts()),
    )
    return brief


# --- Portfolio -----------------------------------------------------------------------------


def latest_partner_ratings():
    """Ratings of the latest assessment of every partner, in ONE query (no per-partner loop)."""
    latest = CultureAssessment.objects.filter(partner=OuterRef("pk")).order_by(
        "-assessed_on", "-pk"
    )
    latest_ids = (
        partner_selectors.partners()
        .annotate(latest=Subquery(latest.values("pk")[:1]))
        .values("latest")
    )
    return (
        CultureRating.objects.filter(assessment_id__in=latest_ids)
        .order_by()
        .values_list(
            "assessment__partner_id", "assessment__partner__name", "assessment__partner__slug",
            "assessment_id", "assessment__assessed_on", "assessment__validated",
            "dimension", "culture_type", "score",
        )
    )  # fmt: skip


def portfolio_rows(ours: CultureProfile | None) -> list[dict]:
    grouped: dict[int, dict] = {}
    for pid, name, slug, aid, assessed_on, validated, d, t, score in latest_partner_ratings():
        row = grouped.setdefault(
            pid,
            {"name": name, "slug": slug, "assessment_id": aid, "assessed_on": assessed_on,
             "validated": validated, "ratings": []},
        )  # fmt: skip
        row["ratings"].append((d, t, score))
    rows = []
    for row in grouped.values():
        profile = _profile_from_ratings(row.pop("ratings"))
        row["profile"] = profile
        row["dominant"] = profile.overall.dominant if not profile.is_mixed else None
        row["dominant_label"] = profile.overall.dominant_label
        row["clarity"] = profile.clarity
        row["distance"] = (
            culture_compare(profile, ours).distance if ours and ours.overall.dominant else None
        )
        rows.append(row)
    return rows


def portfolio_overview(*, sort: str = "distance", dominant: str = "") -> dict:
    """Every partner's latest culture against ours: the rows (filtered by dominant type and
    sorted), how many lean each way, and how far they are from us."""
    own = own_current()
    ours = profile_of(own) if own else None
    rows = portfolio_rows(ours)
    by_type = [
        {
            "type": t,
            "label": CultureType(t).label,
            "count": sum(1 for r in rows if r["dominant"] == t),
        }
        for t in TYPES
    ]
    key, reverse = PORTFOLIO_SORTS.get(sort, PORTFOLIO_SORTS["distance"])
    if dominant == "mixed":
        shown = [r for r in rows if r["dominant"] is None]
    elif dominant in TYPES:
        shown = [r for r in rows if r["dominant"] == dominant]
    else:
        shown = rows
    shown.sort(key=key, reverse=reverse)
    bands = [
        {"label": label, "count": sum(1 for r in rows if r["distance"] is not None
                                      and low <= r["distance"] < high)}
        for low, high, label in DISTANCE_BANDS
    ]  # fmt: skip
    return {
        "own": own,
        "rows": shown,
        "assessed": len(rows),
        "unassessed": partner_selectors.partner_count() - len(rows),
        "by_type": by_type,
        "mixed": sum(1 for r in rows if r["dominant"] is None),
        "bands": bands,
        "sort": sort if sort in PORTFOLIO_SORTS else "distance",
        "dominant": dominant,
        "type_choices": [(t, CultureType(t).label) for t in TYPES] + [("mixed", "Mixed")],
    }
