"""Performance audit panels: the partner page's "Audits" tab and the audits' trend chart (the
tab and the portal's audits page draw it)."""

from prm import panels
from prm.lib.charts import chart

from ..models.audits import AREAS
from ..selectors.audits import partner_audits, with_results


def trend_chart(audits, chart_id: str = "audit-trend"):
    """Totals over time, oldest first."""
    ordered = sorted(audits, key=lambda a: (a.audited_on, a.pk))
    spec = chart(
        chart_id,
        "line",
        [f"{a.audited_on:%b %Y}" for a in ordered],
        [
            {
                "label": "Audit total",
                "data": [a.result.total for a in ordered],
                "tension": 0.25,
                "borderColor": "#2457c5",
                "backgroundColor": "#2457c5",
                "borderWidth": 2,
                "pointRadius": 4,
                "fill": False,
            }
        ],  # fmt: skip
        label="Audit totals over time",
    )
    spec["spec"]["max"] = 100
    return spec


def audits_tab_context(request, partner) -> dict:
    audits = with_results(partner_audits(partner=partner))
    trend = trend_chart(audits) if len(audits) > 1 else None
    return {"partner": partner, "audits": audits, "latest": audits[0] if audits else None,
            "trend": trend, "areas": AREAS}  # fmt: skip


def register() -> None:
    panels.register_tab(
        "partner",
        key="audits",
        label="Audits",
        order=55,
        template="performance/partner_tab_audits.html",
        context=audits_tab_context,
    )
