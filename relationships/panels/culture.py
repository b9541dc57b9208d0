"""The culture charts (radar of a profile, bars per dimension, colours per culture type) and the
partner page's Culture tab built with them. The culture pages draw the same charts."""

from prm.lib.charts import chart

from ..culture import DIMENSIONS, TYPES, CultureProfile
from ..models import CultureDimension, CultureType
from ..selectors import culture as selectors

TYPE_COLOURS = {
    CultureType.BUREAUCRATIC: "#5b6577",
    CultureType.COLLABORATIVE: "#1e8a4c",
    CultureType.ENTREPRENEURIAL: "#d99a2b",
    CultureType.INDIVIDUALISTIC: "#7b4fc9",
}
THEIRS_COLOUR, OURS_COLOUR = "#2457c5", "#d35f9b"
MIXED_COLOUR = "#a3acbb"
DISTANCE_COLOURS = ["#1e8a4c", "#d99a2b", "#c0392b"]  # close, moderate, far


def radar(chart_id: str, series: list[tuple[str, CultureProfile, str]], label: str) -> dict:
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


def comparison_radar(chart_id: str, profile: CultureProfile, ours, comparison) -> dict | None:
    """The partner's profile beside ours, when there is a comparison to draw."""
    if comparison is None:
        return None
    return radar(
        chart_id, [("Partner", profile, THEIRS_COLOUR), ("Our culture", ours, OURS_COLOUR)],
        "Partner's profile beside ours",
    )  # fmt: skip


def culture_tab_context(request, partner) -> dict:
    """The partner page's Culture tab: the latest result, validation, comparison with ours,
    guidelines and history. Constant queries: assessments + ratings, ours + ratings, guidance."""
    assessments = selectors.partner_assessments(partner)
    own = selectors.own_current()
    context = {"partner": partner, "assessments": assessments, "latest": None, "own": own}
    if not assessments:
        return context
    latest = assessments[0]
    profile = selectors.profile_of(latest)
    ours, comparison = selectors.comparison_with_ours(profile, own)
    context.update(
        latest=latest,
        profile=profile,
        line=selectors.one_line(profile),
        type_rows=selectors.type_rows(profile),
        radar=radar("culture-tab-radar", [(partner.name, profile, THEIRS_COLOUR)], "Profile"),
        comparison=comparison,
        compare_radar=comparison_radar("culture-tab-compare", profile, ours, comparison),
        guidelines=selectors.culture_guidelines(profile, comparison, selectors.guideline_texts()),
        history=selectors.history_rows(assessments),
        changes=(
            selectors.history_changes(latest, assessments[1]) if len(assessments) > 1 else None
        ),
    )
    return context
