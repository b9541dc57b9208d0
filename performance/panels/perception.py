"""The perception gap's registrations: the partner page's "Perception" tab (history and chart)
and the menu entry of the portfolio. Staff only, like every partner tab."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prm import menus, panels
from prm.lib.charts import chart

from ..selectors.perception import partner_perception_history

OURS, THEIRS, MEAN = "#2457c5", "#c0392b", "#8e44ad"


def _line(label, data, colour, dash=None) -> dict:
    line = {"label": label, "data": data, "tension": 0.25, "borderColor": colour,
            "backgroundColor": colour, "borderWidth": 2, "pointRadius": 4, "fill": False,
            "spanGaps": True}  # fmt: skip
    if dash:
        line["borderDash"] = dash
    return line


def perception_chart(history) -> dict:
    """Our view, the partner's trust and the partner's mean per survey period, 0–100."""

    def rounded(value):
        return None if value is None else round(value, 1)

    spec = chart(
        "perception-gap", "line", [row.period_label for row in history],
        [
            _line(_("Our view"), [rounded(row.our_view) for row in history], OURS),
            _line(_("Partner's trust"), [rounded(row.partner_trust_value) for row in history],
                  THEIRS),
            _line(_("Partner's mean answer"),
                  [rounded(row.partner_overall_value) for row in history], MEAN, [6, 4]),
        ],
        label=_("Our view and the partner's answers per survey period, 0 to 100"),
    )  # fmt: skip
    spec["spec"]["max"] = 100
    return spec


def perception_tab_context(request, partner) -> dict:
    history = partner_perception_history(partner=partner)
    return {
        "partner": partner, "history": history, "rows": list(reversed(history)),
        "chart": perception_chart(history) if history else None,
    }  # fmt: skip


def register() -> None:
    panels.register_tab(
        "partner", key="perception", label=gettext_lazy("Perception"), order=48,
        template="performance/partner_tab_perception.html", context=perception_tab_context,
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="perception", label=gettext_lazy("Perception"), order=67,
        url_name="performance:perception-list", active=("performance:perception*",),
    )  # fmt: skip
