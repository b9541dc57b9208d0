"""Targets panels: the partner page's "Targets" tab, and what it shares with the portal's
targets page (the rows with their history and the attainment chart)."""

import datetime

from django.utils.translation import gettext

from prm import panels
from prm.lib.charts import chart

from ..forms.targets import ActualForm, TargetProposeForm
from ..models import TargetStatus
from ..selectors import targets as selectors


def attainment_chart(rows, chart_id="target-attainment"):
    """Agreed target against actual per metric, for the latest period with an agreed target."""
    agreed = [r for r in rows if r["target"].status == TargetStatus.AGREED]
    if not agreed:
        return None, ""
    period = max(selectors.period_key(r["target"]) for r in agreed)
    shown = [r for r in agreed if selectors.period_key(r["target"]) == period]
    label = shown[0]["target"].period_label
    # A running period without actuals has no bar (not a 0 %) and says so in its label.
    in_progress = gettext(" (in progress)")
    names = [r["target"].metric.name + (in_progress if r["state"] == "in_progress" else "")
             for r in shown]  # fmt: skip
    # xgettext:no-python-format
    agreed_label = gettext("Agreed target (100 %)")
    # xgettext:no-python-format
    actual_label = gettext("Actual (% of target)")
    spec = chart(
        chart_id, "bar", names,
        [
            {"label": agreed_label, "data": [100 for _ in shown],
             "backgroundColor": "#c9d6f2"},
            {"label": actual_label, "data": [_bar(r) for r in shown],
             "backgroundColor": "#2457c5"},
        ],
        label=gettext(
            "Attainment %(period)s: actual as a percentage of the agreed target per metric"
        ) % {"period": label},
    )  # fmt: skip
    return spec, label


def _bar(row):
    return None if row["attainment"] is None else float(row["attainment"])


def targets_page_context(*, partner, side: str) -> dict:
    """What the tab and the portal's page both show, for `side` (vendor, partner or member):
    a target is its turn when the other side made the latest proposal."""
    rows = selectors.partner_targets(partner_id=partner.pk, side=side)
    spec, period = attainment_chart(rows)
    return {"partner": partner, "rows": rows, "chart": spec, "chart_period": period,
            "actuals": selectors.partner_actuals(partner_id=partner.pk), "side": side}  # fmt: skip


def targets_tab_context(request, partner) -> dict:
    context = targets_page_context(partner=partner, side="vendor")
    context["form"] = TargetProposeForm(initial={"year": datetime.date.today().year})
    context["actual_form"] = ActualForm(initial={"year": datetime.date.today().year})
    return context


def register() -> None:
    panels.register_tab(
        "partner",
        key="targets",
        label="Targets",
        order=50,
        template="performance/target_partner_tab.html",
        context=targets_tab_context,
    )
