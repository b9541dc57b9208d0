"""Score panels: the partner page's "Scores" tab ("why 42?"), the portal home's scores panel, and
what they share with the score pages: a score's card (value, change, components as sentences
with their bars and where to fix them) and the trend chart."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext_noop

from prm import panels
from prm.lib.charts import chart

from ..models.scoring import SCORES
from ..selectors import alerts as alert_selectors
from ..selectors import scoring as selectors

SCORE_LABELS = dict(SCORES)
SCORE_COLOURS = {
    "relationship": "#7b4fc9", "performance": "#2457c5", "engagement": "#1e8a4c",
    "health": "#c0392b",
}  # fmt: skip
# Where a partner user acts on a cause: the portal page of each partner tab it may see.
# The page names stay English here; the templates translate them ({% translate row.fix_label %}).
PORTAL_FIX_PAGES = {
    "targets": ("performance-portal:target-list", gettext_noop("Targets")),
    "audits": ("performance-portal:audit-list", gettext_noop("Audits")),
    "plans": ("performance-portal:plan-list", gettext_noop("Plans")),
    "deals": ("performance-portal:deal-list", gettext_noop("Deals")),
    "program": ("incentives-portal:tier", gettext_noop("Program")),
}
# How many causes the portal home lists under "What would raise them".
RAISERS_SHOWN = 3

FixLink = Callable[[str], tuple[str, str] | None]


def component_row(component: dict, fix_link: FixLink) -> dict:
    """A component as the page shows it: its sentence, its points against its weight (the bar)
    and a link to where its cause is fixed."""
    weight = float(component.get("weight") or 0)
    points = float(component.get("points") or 0)
    link = fix_link(component.get("fix") or "")
    return {
        "label": component.get("label", ""),
        "evidence": component.get("evidence", ""),
        "value": component.get("value"),
        "points": points,
        "weight": weight,
        "share": 100 * points / weight if weight else 0,
        "missing": max(weight - points, 0),
        "fix_url": link[0] if link else "",
        "fix_label": link[1] if link else "",
    }


def score_card(latest, previous, key: str, fix_link: FixLink) -> dict:
    value = getattr(latest, key)
    before = getattr(previous, key) if previous is not None else None
    return {
        "key": key,
        "label": SCORE_LABELS[key],
        "value": value,
        "change": value - before if before is not None else None,
        "components": [component_row(c, fix_link) for c in selectors.components_of(latest, key)],
    }


def trend_chart(history, keys, chart_id: str):
    """Each of `keys` over every run, oldest first (`history`: scores or portal dicts)."""

    def value(score, key):
        return float(score[key] if isinstance(score, dict) else getattr(score, key))

    def as_of(score):
        return score["as_of"] if isinstance(score, dict) else score.run.as_of

    datasets = [
        {"label": SCORE_LABELS[key], "data": [value(s, key) for s in history], "tension": 0.25,
         "borderColor": SCORE_COLOURS[key], "backgroundColor": SCORE_COLOURS[key],
         "borderWidth": 2, "pointRadius": 3, "fill": False}
        for key in keys
    ]  # fmt: skip
    names = ", ".join(SCORE_LABELS[key].lower() for key in keys)
    spec = chart(
        chart_id, "line", [f"{as_of(s):%d %b %Y}" for s in history], datasets,
        label=f"Scores over time, 0 to 100: {names}",
    )  # fmt: skip
    spec["spec"]["max"] = 100
    return spec


def partner_fix_link(partner) -> FixLink:
    def link(key):
        tab = panels.tab_for("partner", key) if key else None
        if tab is None:
            return None
        return reverse("partners:partner-tab", args=[partner.slug, key]), tab.label

    return link


def portal_fix_link(key) -> tuple[str, str] | None:
    if key not in PORTAL_FIX_PAGES:
        return None
    url_name, label = PORTAL_FIX_PAGES[key]
    return reverse(url_name), label


def scores_tab_context(request, partner) -> dict:
    history = selectors.partner_score_history(partner_id=partner.pk)
    alerts = list(alert_selectors.partner_active_alerts(partner=partner))
    if not history:
        return {"partner": partner, "latest": None, "alerts": alerts}
    latest = history[-1]
    previous = history[-2] if len(history) > 1 else None
    fix_link = partner_fix_link(partner)
    return {
        "partner": partner,
        "latest": latest,
        "previous": previous,
        "cards": [score_card(latest, previous, key, fix_link) for key in selectors.SCORE_KEYS],
        "trend": trend_chart(history, selectors.SCORE_KEYS, "score-trend") if previous else None,
        "alerts": alerts,
    }


def portal_scores_context(*, partner_id: int, with_trend: bool = True) -> dict:
    """What the portal's scores page and its home panel show: performance and engagement only.
    The home panel shows no trend, so it reads the last two runs only."""
    history = selectors.portal_score_history(partner_id=partner_id, last=None if with_trend else 2)
    if not history:
        return {"latest": None}
    latest, previous = history[-1], (history[-2] if len(history) > 1 else None)
    cards = [
        portal_card(latest, previous, key) for key in selectors.PORTAL_SCORE_KEYS
    ]  # fmt: skip
    keys = selectors.PORTAL_SCORE_KEYS
    return {
        "latest": latest,
        "cards": cards,
        "raisers": raisers(cards),
        "trend": trend_chart(history, keys, "portal-score-trend")
        if previous and with_trend
        else None,
    }


def portal_card(latest: dict, previous: dict | None, key: str) -> dict:
    value = latest[key]
    return {
        "key": key,
        "label": SCORE_LABELS[key],
        "value": value,
        "change": value - previous[key] if previous else None,
        "components": [
            component_row(c, portal_fix_link) for c in latest["components"] if c["score"] == key
        ],
    }


def raisers(cards) -> list[dict]:
    """The components with the most points still to gain, most first."""
    rows = [row for card in cards for row in card["components"] if row["missing"] > 0]
    return sorted(rows, key=lambda row: -row["missing"])[:RAISERS_SHOWN]


def portal_home_scores_context(request, membership) -> dict:
    return portal_scores_context(partner_id=membership.partner_id, with_trend=False)


def register() -> None:
    panels.register_tab(
        "partner",
        key="scores",
        label="Scores",
        order=15,
        template="performance/score_partner_tab.html",
        context=scores_tab_context,
    )
    panels.register_panel(
        "portal_home",
        key="scores",
        order=12,
        template="performance/score_portal_panel.html",
        context=portal_home_scores_context,
        section="program",
    )
