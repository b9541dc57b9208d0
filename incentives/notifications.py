"""What the partner program tells people: the kinds of notification it declares to `prm` and
the events its services (and its daily reminder) report through `prm.notifications.notify`.

Requests from a partner go to the partner's owner; decisions go back to the partner's portal
users; new rules of engagement go to every partner's portal users, to acknowledge.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.selectors import portal_user_ids
from prm.lib.dates import day_label
from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

from .models import (
    Certification,
    CertificationStatus,
    ClaimStatus,
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
)

CLAIMS, CERTIFICATIONS = _("Incentive claims"), _("Certifications")
RULES = _("Rules of engagement")
FUNDS = _("Market development funds")
CERTIFICATION_WARNING_DAYS = 30


def register() -> None:
    kinds.register_kinds((
        ("claim_requested", _("A partner claimed an incentive"), CLAIMS, Channel.EMAIL,
         Section.WAITING, Audience.STAFF),
        ("claim_approved", _("Incentive claim approved"), CLAIMS, Channel.EMAIL, Section.CHANGES,
         Audience.PARTNER),
        ("claim_rejected", _("Incentive claim rejected"), CLAIMS, Channel.EMAIL, Section.CHANGES,
         Audience.PARTNER),
        ("claim_paid", _("Incentive claim paid"), CLAIMS, Channel.EMAIL, Section.CHANGES,
         Audience.PARTNER),
        ("certification_requested", _("A partner asked to add a certification"), CERTIFICATIONS,
         Channel.DIGEST, Section.WAITING, Audience.STAFF),
        ("certification_approved", _("Certification approved"), CERTIFICATIONS, Channel.IN_APP,
         Section.CHANGES, Audience.PARTNER),
        ("certification_expiring", _("Certification expiring soon"), CERTIFICATIONS,
         Channel.DIGEST, Section.WAITING, Audience.BOTH),
        ("rules_published", _("New rules of engagement to acknowledge"), RULES, Channel.EMAIL,
         Section.WAITING, Audience.PARTNER),
        ("fund_request_submitted", _("A partner requested market development funds"), FUNDS,
         Channel.EMAIL, Section.WAITING, Audience.STAFF),
        ("fund_request_approved", _("Fund request approved"), FUNDS, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
        ("fund_request_rejected", _("Fund request rejected"), FUNDS, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
    ))  # fmt: skip


def _owner(partner) -> list:
    return [partner.owner_id] if partner.owner_id else []


def _claim_label(claim: IncentiveClaim) -> str:
    return f"{claim.program.name} · {claim.amount:,.2f} {claim.currency}"


def claim_requested(*, claim: IncentiveClaim, actor) -> None:
    notify(
        kind="claim_requested", recipients=_owner(claim.partner), actor=actor,
        verb="claimed an incentive", object_label=_claim_label(claim),
        partner_label=claim.partner.name, url=reverse("incentives:claim-queue"),
    )  # fmt: skip


CLAIM_DECISIONS = {
    ClaimStatus.APPROVED: ("claim_approved", "approved your incentive claim"),
    ClaimStatus.REJECTED: ("claim_rejected", "rejected your incentive claim"),
    ClaimStatus.PAID: ("claim_paid", "paid your incentive claim"),
}


def claim_decided(*, claim: IncentiveClaim, actor) -> None:
    kind, verb = CLAIM_DECISIONS[claim.status]
    label = _claim_label(claim)
    if claim.status == ClaimStatus.REJECTED:
        label += f" (reason: {claim.rejection_reason})"
    elif claim.status == ClaimStatus.PAID:
        label += f" (payment {claim.payment_reference})"
    notify(
        kind=kind, recipients=portal_user_ids(partner_ids=[claim.partner_id]), actor=actor,
        verb=verb, object_label=label, partner_label=claim.partner.name,
        url=reverse("incentives-portal:claim-list"),
    )  # fmt: skip


def _fund_request_label(fund_request: FundRequest, amount=None) -> str:
    amount = fund_request.amount if amount is None else amount
    return f"{fund_request.activity} · {amount:,.2f} {fund_request.currency}"


def fund_request_submitted(*, fund_request: FundRequest, actor) -> None:
    notify(
        kind="fund_request_submitted", recipients=_owner(fund_request.partner), actor=actor,
        verb=str(_("requested market development funds")),
        object_label=_fund_request_label(fund_request), partner_label=fund_request.partner.name,
        url=reverse("incentives:fund-request-detail", args=[fund_request.pk]),
    )  # fmt: skip


def fund_request_decided(*, fund_request: FundRequest, actor) -> None:
    if fund_request.status == FundRequestStatus.APPROVED:
        kind, verb = "fund_request_approved", _("approved your fund request")
        label = _fund_request_label(fund_request, fund_request.approved_amount)
    else:
        kind, verb = "fund_request_rejected", _("rejected your fund request")
        label = f"{_fund_request_label(fund_request)} ({_('reason')}: {fund_request.reason})"
    notify(
        kind=kind, recipients=portal_user_ids(partner_ids=[fund_request.partner_id]),
        actor=actor, verb=str(verb), object_label=label, partner_label=fund_request.partner.name,
        url=reverse("incentives-portal:fund-request-detail", args=[fund_request.pk]),
    )  # fmt: skip


def _certification_label(certification: Certification) -> str:
    return f"{certification.course.name} for {certification.contact.full_name}"


def certification_requested(*, certification: Certification, actor) -> None:
    partner = certification.contact.partner
    notify(
        kind="certification_requested", recipients=_owner(partner), actor=actor,
        verb="asked to add a certification", object_label=_certification_label(certification),
        partner_label=partner.name, url=reverse("incentives:certification-list"),
    )  # fmt: skip


def certification_approved(*, certification: Certification, actor) -> None:
    partner = certification.contact.partner
    notify(
        kind="certification_approved", recipients=[certification.requested_by_id], actor=actor,
        verb="approved the certification", object_label=_certification_label(certification),
        partner_label=partner.name, url=reverse("incentives-portal:certification-list"),
    )  # fmt: skip


def certifications_expiring(*, today: datetime.date | None = None) -> int:
    """Approved certifications of people still at the partner that expire within 30 days: the
    partner's portal users and its owner hear once per certification and expiry date."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=CERTIFICATION_WARNING_DAYS)
    certifications = Certification.objects.filter(
        status=CertificationStatus.APPROVED, expires_on__range=(today, until),
        contact__left_on__isnull=True,
    ).select_related("course", "contact__partner")  # fmt: skip
    sent = 0
    for certification in certifications:
        partner = certification.contact.partner
        common = {
            "kind": "certification_expiring",
            "verb": f"certification expires on {day_label(certification.expires_on)}",
            "object_label": _certification_label(certification), "partner_label": partner.name,
            "dedupe_key": f"certification:{certification.pk}:{certification.expires_on}",
        }  # fmt: skip
        sent += len(
            notify(
                recipients=portal_user_ids(partner_ids=[partner.pk]),
                url=reverse("incentives-portal:certification-list"),
                **common,
            )
        )
        sent += len(
            notify(
                recipients=_owner(partner),
                url=reverse("incentives:certification-expiring"),
                **common,
            )
        )
    return sent


def rules_published(*, rules, actor) -> None:
    notify(
        kind="rules_published", recipients=portal_user_ids(), actor=actor,
        verb="published new rules of engagement to acknowledge",
        object_label=f"Version {rules.version}, effective {day_label(rules.effective_on)}: "
        f"{rules.summary}",
        url=reverse("incentives-portal:rules"),
    )  # fmt: skip
