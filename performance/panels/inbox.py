"""The work inbox's sources performance registers with `prm.inbox` (see its selectors)."""

from django.utils.translation import gettext_lazy as _

from prm import inbox

SELECTORS = "performance.selectors.inbox"


def register() -> None:
    for key, label, audience, selector, order in (
        ("deals", _("Deal registrations to decide"), "staff", "deals_to_decide", 10),
        ("targets", _("Target proposals to answer"), "staff", "targets_to_answer", 20),
        ("plan-actions", _("Our plan actions due"), "staff", "plan_actions_due", 50),
        ("reviews", _("Reviews due"), "staff", "reviews_due", 60),
        ("alerts", _("Scoring alerts"), "staff", "alerts_assigned", 70),
        ("portal-targets", _("Targets awaiting your answer"), "portal",
         "portal_targets_to_answer", 10),
        ("portal-plan-actions", _("Your plan actions due"), "portal",
         "portal_plan_actions_due", 20),
        ("portal-deals", _("Deal registrations decided"), "portal", "portal_deals_decided", 30),
    ):  # fmt: skip
        inbox.register_source(
            key=key, label=label, audience=audience, selector=f"{SELECTORS}.{selector}",
            order=order,
        )  # fmt: skip
