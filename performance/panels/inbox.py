"""The work inbox's sources performance registers with `prm.inbox` (see its selectors)."""

from prm import inbox

SELECTORS = "performance.selectors.inbox"


def register() -> None:
    for key, label, audience, selector, order in (
        ("deals", "Deal registrations to decide", "staff", "deals_to_decide", 10),
        ("targets", "Target proposals to answer", "staff", "targets_to_answer", 20),
        ("plan-actions", "Our plan actions due", "staff", "plan_actions_due", 50),
        ("reviews", "Reviews due", "staff", "reviews_due", 60),
        ("alerts", "Scoring alerts", "staff", "alerts_assigned", 70),
        ("portal-targets", "Targets awaiting your answer", "portal",
         "portal_targets_to_answer", 10),
        ("portal-plan-actions", "Your plan actions due", "portal", "portal_plan_actions_due", 20),
        ("portal-deals", "Deal registrations decided", "portal", "portal_deals_decided", 30),
    ):  # fmt: skip
        inbox.register_source(
            key=key, label=label, audience=audience, selector=f"{SELECTORS}.{selector}",
            order=order,
        )  # fmt: skip
