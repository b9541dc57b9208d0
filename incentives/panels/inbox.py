"""The work inbox's sources the partner program registers with `prm.inbox` (see its
selectors)."""

from django.utils.translation import gettext_lazy as _

from prm import inbox

SELECTORS = "incentives.selectors.inbox"


def register() -> None:
    for key, label, audience, selector, order in (
        ("claims", _("Claims to approve or pay"), "staff", "claims_to_decide", 30),
        ("fund-requests", _("Fund requests to decide"), "staff", "fund_requests_to_decide", 35),
        ("certifications", _("Certification requests"), "staff", "certification_requests", 40),
        ("portal-claims", _("Claims decided"), "portal", "portal_claims_decided", 40),
        ("portal-certifications", _("Certifications expiring"), "portal",
         "portal_certifications_expiring", 50),
        ("portal-rules", _("Rules of engagement to acknowledge"), "portal",
         "portal_rules_to_acknowledge", 60),
    ):  # fmt: skip
        inbox.register_source(
            key=key, label=label, audience=audience, selector=f"{SELECTORS}.{selector}",
            order=order,
        )  # fmt: skip
