"""What the partner program leaves waiting for someone, for the work inbox (`prm.inbox`).

Staff: claims to approve or to pay and certification requests to decide, on the partners the
user owns ("mine") or everyone's ("team"). Portal: the partner's claims decided lately, its
people's certifications expiring soon, and the current rules of engagement while the partner
has not acknowledged them, for the user's own partner only. Each selector runs two queries
(one when `limit` is 0), whatever the amount of data.
"""

import datetime

from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from partners.selectors import partners
from prm import inbox
from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

from ..models import (
    Acknowledgement,
    Certification,
    CertificationStatus,
    ClaimStatus,
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    RulesOfEngagement,
)
from .enablement import EXPIRING_WITHIN_DAYS

# A partner hears of a decision on its claim (or of its payment) for this long.
DECIDED_WITHIN_DAYS = 30


def _money(value, currency) -> str:
    return f"{value:,.0f} {currency}"


def _is_mine(scope) -> bool:
    return scope != "team"


def _own(queryset, user, path="partner"):
    """Rows of the user's own partner only (through their membership, never an id given)."""
    return queryset.filter(**{f"{path}__memberships__user": user})


# --- staff -------------------------------------------------------------------------------


def claims_to_decide(*, user, scope, today, limit) -> inbox.Waiting:
    """Requested claims (to approve or reject) and approved ones (to pay)."""
    claims = IncentiveClaim.objects.filter(status__in=(ClaimStatus.REQUESTED, ClaimStatus.APPROVED))
    if _is_mine(scope):
        claims = claims.filter(partner__owner=user)
    since = Case(When(status=ClaimStatus.APPROVED, then=F("decided_at")), default=F("created_at"),
                 output_field=DateTimeField())  # fmt: skip
    claims = in_waiting_order(claims.select_related("partner", "program"), since=since,
                              today=today)  # fmt: skip

    def build(claim):
        to_pay = claim.status == ClaimStatus.APPROVED
        return InboxItem(
            kind="claims", pk=claim.pk, partner=claim.partner.name,
            action="Pay" if to_pay else "Approve or reject",
            what=f"{claim.program.name}: {_money(claim.amount, claim.currency)}",
            detail="Approved, not yet paid" if to_pay else "Requested",
            since=moment(claim.inbox_since),
            link=Link("incentives:claim-queue", query=f"status={claim.status}"),
        )  # fmt: skip

    return waiting(claims, limit=limit, build=build)


def fund_requests_to_decide(*, user, scope, today, limit) -> inbox.Waiting:
    """Fund requests not decided yet, oldest first: the activity is waiting on the answer."""
    fund_requests = FundRequest.objects.filter(status=FundRequestStatus.REQUESTED)
    if _is_mine(scope):
        fund_requests = fund_requests.filter(partner__owner=user)
    fund_requests = in_waiting_order(
        fund_requests.select_related("partner", "program"), since=F("created_at"),
        due=F("starts_on"), today=today,
    )  # fmt: skip

    def build(fund_request):
        return InboxItem(
            kind="fund-requests", pk=fund_request.pk, partner=fund_request.partner.name,
            action=str(_("Approve or reject")), due=fund_request.starts_on,
            what=f"{fund_request.activity}: "
            f"{_money(fund_request.amount, fund_request.currency)}",
            detail=f"{fund_request.program.name}, "
            f"{fund_request.starts_on:%-d %b %Y} – {fund_request.ends_on:%-d %b %Y}",
            since=moment(fund_request.created_at),
            link=Link("incentives:fund-request-detail", args=(fund_request.pk,)),
        )  # fmt: skip

    return waiting(fund_requests, limit=limit, build=build)


def certification_requests(*, user, scope, today, limit) -> inbox.Waiting:
    certifications = Certification.objects.filter(status=CertificationStatus.REQUESTED)
    if _is_mine(scope):
        certifications = certifications.filter(contact__partner__owner=user)
    certifications = in_waiting_order(
        certifications.select_related("contact__partner", "course"), since=F("created_at"),
        today=today,
    )  # fmt: skip

    def build(certification):
        contact = certification.contact
        return InboxItem(
            kind="certifications", pk=certification.pk, partner=contact.partner.name,
            action="Approve or reject",
            what=f"{contact.first_name} {contact.last_name}: {certification.course.name}",
            detail=f"Earned {certification.earned_on:%-d %b %Y}",
            since=moment(certification.created_at),
            link=Link("incentives:certification-list", query="status=requested"),
        )  # fmt: skip

    return waiting(certifications, limit=limit, build=build)


# --- portal ------------------------------------------------------------------------------


def portal_claims_decided(*, user, scope, today, limit) -> inbox.Waiting:
    since = today - datetime.timedelta(days=DECIDED_WITHIN_DAYS)
    decided_at = Coalesce(F("paid_at"), F("decided_at"))
    claims = _own(IncentiveClaim.objects, user).filter(
        Q(status__in=(ClaimStatus.APPROVED, ClaimStatus.REJECTED), decided_at__date__gte=since)
        | Q(status=ClaimStatus.PAID, paid_at__date__gte=since)
    )
    claims = in_waiting_order(claims.select_related("partner", "program"), since=decided_at,
                              today=today)  # fmt: skip

    def build(claim):
        detail = {
            ClaimStatus.APPROVED: "Approved, payment to follow",
            ClaimStatus.PAID: f"Paid, reference {claim.payment_reference}",
        }.get(claim.status, f"Reason: {claim.rejection_reason}")
        return InboxItem(
            kind="portal-claims", pk=claim.pk, partner=claim.partner.name,
            action="See the decision", detail=detail, since=moment(claim.inbox_since),
            what=f"{claim.program.name}, {_money(claim.amount, claim.currency)}: "
            f"{claim.get_status_display().lower()}",
            link=Link("incentives-portal:claim-list"),
        )  # fmt: skip

    return waiting(claims, limit=limit, build=build)


def portal_certifications_expiring(*, user, scope, today, limit) -> inbox.Waiting:
    """Current certifications of the partner's people still there, expiring within the
    window the program warns about."""
    horizon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    certifications = _own(Certification.objects.current(today=today), user, "contact__partner")
    certifications = in_waiting_order(
        certifications.filter(expires_on__lte=horizon, contact__left_on__isnull=True)
        .select_related("contact__partner", "course"),
        since=F("earned_on"), due=F("expires_on"), today=today,
    )  # fmt: skip

    def build(certification):
        contact = certification.contact
        return InboxItem(
            kind="portal-certifications", pk=certification.pk, partner=contact.partner.name,
            action="Renew", due=certification.expires_on, since=moment(certification.earned_on),
            what=f"{contact.first_name} {contact.last_name}: {certification.course.name}",
            detail=f"Expires {certification.expires_on:%-d %b %Y}",
            link=Link("incentives-portal:certification-list"),
        )  # fmt: skip

    return waiting(certifications, limit=limit, build=build)


def portal_rules_to_acknowledge(*, user, scope, today, limit) -> inbox.Waiting:
    """The rules in force today, while the user's partner has not acknowledged them."""
    current = RulesOfEngagement.objects.filter(effective_on__lte=today).order_by("-version")
    acknowledged = _own(Acknowledgement.objects.filter(rules=OuterRef("pk")), user)
    # Only for a user who belongs to a partner: nobody else has rules to acknowledge.
    member = Exists(partners().filter(memberships__user=user))
    rules = RulesOfEngagement.objects.filter(pk__in=current.values("pk")[:1])
    rules = in_waiting_order(rules.filter(member, ~Exists(acknowledged)),
                             since=F("published_at"), today=today)  # fmt: skip

    def build(version):
        return InboxItem(
            kind="portal-rules", pk=version.pk, partner="", action="Read and acknowledge",
            what=f"Version {version.version}, in force since {version.effective_on:%-d %b %Y}"
            f"{', a significant change' if version.significant else ''}",
            detail=version.summary[:200], since=moment(version.published_at),
            link=Link("incentives-portal:rules"),
        )  # fmt: skip

    return waiting(rules, limit=limit, build=build)
