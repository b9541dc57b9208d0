"""What under-performer reviews register with the core: notification kinds, inbox sources
and the demo seeder."""

from prm import demo, inbox
from prm.notifications import kinds
from prm.notifications.kinds import Audience, Channel, Section

GROUP = "Under-performer reviews"


def register() -> None:
    kinds.register_kinds((
        ("partner_exit_scheduled", "Your partnership's end is scheduled", GROUP, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("remediation_unmet", "A remediation missed its deadline", GROUP, Channel.EMAIL,
         Section.ALERTS, Audience.STAFF),
    ))  # fmt: skip
    for key, label, selector, order in (
        ("underperformer-candidates", "Under-performer candidates", "inbox_candidates", 75),
        ("underperformer-reviews", "Under-performer reviews to decide or follow up",
         "inbox_reviews", 76),
    ):  # fmt: skip
        inbox.register_source(
            key=key, label=label, audience="staff",
            selector=f"planning.selectors.review.{selector}", order=order,
        )  # fmt: skip
    demo.register_seeder("planning-review", "planning.demo.review.seed", after=("performance",))
