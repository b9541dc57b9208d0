"""Reads for culture assessments: results, history, comparison with ours, guidelines, the brief,
the portfolio and the partner page's Culture tab.

Every profile and comparison comes from `relationships.culture` (the one calculation); this
module only fetches ratings (in as few queries as the page needs) and shapes them for pages.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from partners.models import Partner
from prm.lib.charts import chart

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
from .access import _staff_only

TYPE_COLOURS = {
    CultureType.BUREAUCRATIC: "#5b6577",
    CultureType.COLLABORATIVE: "#1e8a4c",
    CultureType.ENTREPRENEURIAL: "#d99a2b",
    CultureType.INDIVIDUALISTIC: "#7b4fc9",
}
# Column heads: the full name, and a short one for phone-width tables.
TYPE_HEADERS = [(CultureType(t).label, CultureType(t).label[:4] + ".") for t in TYPES]
THEIRS_COLOUR, OURS_COLOUR = "#2457c5", "#d35f9b"
DISTANCE_BANDS = [(0, 20, "0–19 close"), (20, 45, "20–44 moderate"), (45, 101, "45–100 far")]
PORTFOLIO_PAGE_SIZE = 50
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


def culture_partner_get(*, user, slug: str) -> Partner:
    """The partner a culture page is about (staff only, like everything in this app)."""
    _staff_only(user)
    return get_object_or_404(Partner.objects.select_related("tier", "owner"), slug=slug)


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


# --- Charts and tables --------------------------------------------------------------------


def _radar(chart_id: str, series: list[tuple[str, CultureProfile, str]], label: str) -> dict:
    datasets = [
        {
            "label": name,
            "data": [round(profile.overall.shares[t], 1) for t in TYPES],
            "borderColor": colour,
            "backgroundColor": colour + "33",
            "pointBackgroundColor": colour,
            "borderWidth": 2,
        }
        for name, profile, colour in series
    ]
    top = max((max(d["data"]) for d in datasets), default=0)
    spec = chart(chart_id, "radar", [CultureType(t).label for t in TYPES], datasets, label=label)
    spec["spec"]["r"] = {"max": min(100, max(40, 10 * (int(top) // 10 + 1))), "suffix": " %"}
    return spec


def profile_bars(chart_id: str, profile: CultureProfile) -> dict:
    """Scores 0–4 per dimension, one bar per culture type."""
    datasets = [
        {
            "label": CultureType(t).label,
            "data": [profile.by_dimension[d].scores[t] for d in DIMENSIONS],
            "color": TYPE_COLOURS[t],
        }
        for t in TYPES
    ]
    labels = [CultureDimension(d).label for d in DIMENSIONS]
    spec = chart(chart_id, "bar", labels, datasets, label="Scores per dimension", height=280)
    spec["spec"]["max"] = 4
    return spec


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


# --- Pages ---------------------------------------------------------------------------------


def _comparison_block(profile: CultureProfile, own: CultureAssessment | None, chart_id: str):
    if own is None:
        return None, None, None
    ours = profile_of(own)
    if ours.overall.dominant is None:
        return ours, None, None
    comparison = culture_compare(profile, ours)
    radar = _radar(
        chart_id, [("Partner", profile, THEIRS_COLOUR), ("Our culture", ours, OURS_COLOUR)],
        "Partner's profile beside ours",
    )  # fmt: skip
    return ours, comparison, radar


def assessment_result_context(assessment: CultureAssessment) -> dict:
    """The result page: profile, charts, per-dimension table, evidence, comparison with ours."""
    profile = profile_of(assessment)
    name = "Our culture" if assessment.is_own else assessment.partner.name
    context = {
        "assessment": assessment,
        "partner": assessment.partner,
        "profile": profile,
        "line": one_line(profile),
        "type_rows": type_rows(profile),
        "dimension_rows": dimension_rows(profile),
        "type_headers": TYPE_HEADERS,
        "radar": _radar("culture-radar", [(name, profile, THEIRS_COLOUR)], "Culture profile"),
        "bars": profile_bars("culture-bars", profile),
        "evidence": _evidence(assessment),
    }
    if not assessment.is_own:
        own = own_current()
        ours, comparison, radar = _comparison_block(profile, own, "culture-compare")
        context.update(own=own, comparison=comparison, compare_radar=radar)
        context["guidelines"] = culture_guidelines(profile, comparison, guideline_texts())
    return context


def _evidence(assessment: CultureAssessment) -> list[tuple[str, str]]:
    return [
        ("Values", assessment.values),
        ("Behaviours", assessment.behaviours),
        ("Practices", assessment.practices),
        ("Symbols", assessment.symbols),
    ]


def culture_tab_context(request, partner: Partner) -> dict:
    """The partner page's Culture tab: the latest result, validation, comparison with ours,
    guidelines and history. Constant queries: assessments + ratings, ours + ratings, guidance."""
    assessments = partner_assessments(partner)
    context = {"partner": partner, "assessments": assessments, "latest": None}
    own = own_current()
    context["own"] = own
    if not assessments:
        return context
    latest = assessments[0]
    profile = profile_of(latest)
    ours, comparison, radar = _comparison_block(profile, own, "culture-tab-compare")
    context.update(
        latest=latest,
        profile=profile,
        line=one_line(profile),
        type_rows=type_rows(profile),
        radar=_radar("culture-tab-radar", [(partner.name, profile, THEIRS_COLOUR)], "Profile"),
        comparison=comparison,
        compare_radar=radar,
        guidelines=culture_guidelines(profile, comparison, guideline_texts()),
        history=history_rows(assessments),
        changes=history_changes(latest, assessments[1]) if len(assessments) > 1 else None,
    )
    return context


def culture_brief_context(partner: Partner) -> dict:
    """The printable one-page brief for anyone about to meet the partner."""
    assessments = partner_assessments(partner)
    context = {"partner": partner, "latest": assessments[0] if assessments else None}
    if not assessments:
        return context
    profile = profile_of(assessments[0])
    own = own_current()
    ours, comparison, radar = _comparison_block(profile, own, "culture-brief-compare")
    context.update(
        profile=profile,
        line=one_line(profile),
        type_rows=type_rows(profile),
        dimension_rows=dimension_rows(profile),
        type_headers=TYPE_HEADERS,
        own=own,
        comparison=comparison,
        guidelines=culture_guidelines(profile, comparison, guideline_texts()),
    )
    return context


def own_page_context() -> dict:
    profiles = list(own_profiles())
    rows = history_rows(profiles)
    current = next((row for row in rows if row["assessment"].is_current), None)
    context = {"rows": rows, "current": current}
    if current is not None:
        profile = current["profile"]
        context["radar"] = _radar("culture-own-radar", [("Our culture", profile, OURS_COLOUR)],
                                  "Our culture profile")  # fmt: skip
        context["type_rows"] = type_rows(profile)
        context["dimension_rows"] = dimension_rows(profile)
        context["type_headers"] = TYPE_HEADERS
    return context


# --- Portfolio -----------------------------------------------------------------------------


def latest_partner_ratings():
    """Ratings of the latest assessment of every partner, in ONE query (no per-partner loop)."""
    latest = CultureAssessment.objects.filter(partner=OuterRef("pk")).order_by(
        "-assessed_on", "-pk"
    )
    latest_ids = Partner.objects.annotate(latest=Subquery(latest.values("pk")[:1])).values("latest")
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


def portfolio_context(*, sort: str = "distance", dominant: str = "") -> dict:
    own = own_current()
    ours = profile_of(own) if own else None
    rows = portfolio_rows(ours)
    partners_total = Partner.objects.count()
    by_type = [
        {
            "type": t,
            "label": CultureType(t).label,
            "count": sum(1 for r in rows if r["dominant"] == t),
            "colour": TYPE_COLOURS[t],
        }
        for t in TYPES
    ]
    mixed = sum(1 for r in rows if r["dominant"] is None)
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
        "unassessed": partners_total - len(rows),
        "by_type": by_type,
        "mixed": mixed,
        "bands": bands,
        "type_chart": chart(
            "culture-types", "doughnut",
            [b["label"] for b in by_type] + ["Mixed"],
            [{"data": [b["count"] for b in by_type] + [mixed],
              "backgroundColor": [b["colour"] for b in by_type] + ["#a3acbb"]}],
            label="Partners by dominant culture type", height=240,
        ),
        "distance_chart": chart(
            "culture-distance", "bar", [b["label"] for b in bands],
            [{"label": "Partners", "data": [b["count"] for b in bands],
              "backgroundColor": ["#1e8a4c", "#d99a2b", "#c0392b"]}],
            label="Partners by culture distance from us", height=240,
        ),
        "sort": sort if sort in PORTFOLIO_SORTS else "distance",
        "dominant": dominant,
        "type_choices": [(t, CultureType(t).label) for t in TYPES] + [("mixed", "Mixed")],
    }  # fmt: skip
