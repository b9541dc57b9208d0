"""What escalations register with the core: the partner page's "Support" tab, the kinds of
notification the services send, and the demo seeder."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prm import demo, menus, panels
from prm.lib.charts import chart
from prm.notifications import kinds
from prm.notifications.kinds import Audience, Channel, Section

from ..selectors import escalations as selectors
from ..services.escalations import LOGGED, RESOLVED

TAB_LIMIT = 20
GROUP = "Escalations"


def effort_chart(trend: dict, chart_id: str = "support-effort"):
    """Hours per 10,000 of revenue per quarter, oldest first (a gap where there was no
    revenue); the hours themselves are in the table beside it."""
    quarters = trend["quarters"]
    values = [None if row["per_10k"] is None else float(row["per_10k"]) for row in quarters]
    return chart(
        chart_id, "line", [row["label"] for row in quarters],
        [{"label": _("Hours per 10,000 of revenue"), "data": values, "borderWidth": 2,
          "borderColor": "#2457c5", "pointRadius": 3}],
        label=_("Support effort per quarter: hours of our effort per 10,000 of revenue"),
    )  # fmt: skip


def effort_sentence(trend: dict) -> str:
    """Whether effort is rising, in a sentence a manager can repeat."""
    if trend["rising_because"] == "per_revenue":
        return _(
            "Support effort is rising: the last two quarters took %(recent)s hours per 10,000 of "
            "revenue, against %(baseline)s in the four quarters before."
        ) % {"recent": trend["recent_per_10k"], "baseline": trend["baseline_per_10k"]}
    if trend["rising_because"] == "hours":
        return _(
            "Support effort is rising: more hours per quarter in the last two quarters than in "
            "the four before, while revenue stayed flat or fell."
        )
    if not trend["hours"]:
        return _("No support effort in the last %(count)s quarters.") % {
            "count": len(trend["quarters"])
        }
    return _("Support effort is not rising: the last two quarters are in line with the four "
             "before.")  # fmt: skip


def support_tab_context(request, partner) -> dict:
    trend = selectors.effort_trend(partner_id=partner.pk, today=timezone.localdate())
    escalations = selectors.partner_escalations(partner_id=partner.pk)
    return {
        "partner": partner, "escalations": escalations[:TAB_LIMIT], "total": escalations.count(),
        "trend": trend, "chart": effort_chart(trend), "sentence": effort_sentence(trend),
    }  # fmt: skip


def register() -> None:
    panels.register_tab(
        "partner", key="support", label=gettext_lazy("Support"), order=75,
        template="planning/escalations_partner_tab.html", context=support_tab_context,
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="escalations", label=gettext_lazy("Escalations"), order=60,
        url_name="planning-portal:escalation-list", active=("planning-portal:escalation*",),
    )  # fmt: skip
    kinds.register_kinds((
        (LOGGED, gettext_lazy("An escalation of your customer was logged"), GROUP,
         Channel.EMAIL, Section.CHANGES, Audience.PARTNER),
        (RESOLVED, gettext_lazy("An escalation of your customer was resolved"), GROUP,
         Channel.EMAIL, Section.CHANGES, Audience.PARTNER),
    ))  # fmt: skip
    demo.register_seeder(
        "planning-escalations", "planning.demo.escalations.seed", after=("performance",)
    )
