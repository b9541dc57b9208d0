"""Writes of deal registrations: submit (with the conflict check), decide, close, lapse."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partners.models import Partner
from partners.selectors import membership_of, require_portal_contributor
from prm.lib.access import require_vendor_staff
from prm.lib.money import default_currency

from .. import notifications
from ..models import DEFAULT_PROTECTION_DAYS, DealRegistration, DealStatus

MIN_PROTECTION_DAYS = 1
MAX_PROTECTION_DAYS = 365
STAFF_ONLY = "Only the vendor's channel team decides on deal registrations."

# Legal forms dropped when comparing customer names ("Acme Inc." is "ACME").
LEGAL_SUFFIXES = {
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation",
    "co", "company", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
    "oy", "ab", "as", "aps", "pty", "kk", "pte", "sl", "group",
}  # fmt: skip
_DOMAIN = re.compile(r"^(?=.{4,200}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_customer_name(name: str) -> str:
    """Lower-case words without punctuation or a trailing legal form: the conflict key."""
    words = re.sub(r"[^\w\s]|_", " ", name.casefold().replace("&", " and ")).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def normalise_domain(value: str) -> str:
    """`https://www.Example.com/path` → `example.com`; no scheme, `www.`, port or path."""
    text = value.strip().lower()
    if not text:
        return ""
    if "://" not in text:
        text = f"//{text}"
    host = (urlsplit(text).hostname or "").rstrip(".")
    return host.removeprefix("www.")


def _require_may_register(actor, partner: Partner) -> None:
    if actor.is_vendor_staff:
        return
    membership = membership_of(user=actor) if actor.is_partner_user else None
    if membership is None or membership.partner_id != partner.pk:
        raise PermissionDenied("You can register deals for your own company only.")
    require_portal_contributor(membership)


# One check per field, each independent of the others: the registration form runs them in its
# clean_<field> methods so one submission shows every mistake at once, and the service (for the
# API and anything else) runs them all together before saving.
def check_customer_name(value) -> str:
    """The conflict key of a customer name; a ValidationError when nothing is left of it."""
    key = normalise_customer_name(value or "")
    if not key:
        raise ValidationError("Enter the customer's company name.")
    return key


def check_customer_domain(value) -> str:
    """The normalised web domain; a ValidationError when it is not one."""
    domain = normalise_domain(value or "")
    if not _DOMAIN.match(domain):
        raise ValidationError("Enter the customer's web domain, like example.com.")
    return domain


def check_value(value) -> None:
    if value is None or Decimal(value) <= 0:
        raise ValidationError("The deal value must be more than zero.")


def check_expected_close_on(value) -> None:
    if value is None or value < timezone.localdate():
        raise ValidationError("The expected close date cannot be in the past.")


def check_products(value) -> None:
    if not (value or "").strip():
        raise ValidationError("Say which of our products the customer will buy.")


def _validated_fields(*, customer_name, customer_domain, value, expected_close_on, products):
    checks = {
        "customer_name": (check_customer_name, customer_name),
        "customer_domain": (check_customer_domain, customer_domain),
        "value": (check_value, value),
        "expected_close_on": (check_expected_close_on, expected_close_on),
        "products": (check_products, products),
    }
    errors, results = {}, {}
    for field, (check, given) in checks.items():
        try:
            results[field] = check(given)
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return results["customer_name"], results["customer_domain"]


def find_conflicts(
    *, customer_key: str, customer_domain: str, start: datetime.date, end: datetime.date,
    exclude_pk=None,
):  # fmt: skip
    """Registrations, from any partner, that a new one for `start`–`end` conflicts with: the same
    customer (by domain or normalised name), still open (submitted, or approved and protected;
    rejected, won, lost and lapsed ones are settled), and running in an overlapping period."""
    matches = (
        DealRegistration.objects.open(today=timezone.localdate())
        .filter(Q(customer_domain=customer_domain) | Q(customer_key=customer_key))
        .overlapping(start=start, end=end)
    )
    return matches.exclude(pk=exclude_pk) if exclude_pk else matches


@transaction.atomic
def deal_submit(
    *,
    actor,
    partner: Partner,
    customer_name: str,
    customer_domain: str,
    country: str,
    value: Decimal,
    currency: str = "",
    expected_close_on: datetime.date,
    products: str,
    notes: str = "",
) -> DealRegistration:
    _require_may_register(actor, partner)
    key, domain = _validated_fields(
        customer_name=customer_name,
        customer_domain=customer_domain,
        value=value,
        expected_close_on=expected_close_on,
        products=products,
    )
    # A new registration runs from today to its expected close (protection comes on approval).
    conflicts = list(
        find_conflicts(
            customer_key=key,
            customer_domain=domain,
            start=timezone.localdate(),
            end=expected_close_on,
        )  # fmt: skip
    )
    deal = DealRegistration(
        partner=partner,
        registered_by=actor,
        customer_name=customer_name.strip(),
        customer_key=key,
        customer_domain=domain,
        country=country,
        value=value,
        currency=currency or default_currency(),
        expected_close_on=expected_close_on,
        products=products.strip(),
        notes=(notes or "").strip(),
    )
    deal.full_clean(exclude=["conflicts"])
    deal.save()
    deal.conflicts.set(conflicts)
    notifications.deal_registered(deal=deal, actor=actor)
    return deal


def _lock(deal: DealRegistration) -> DealRegistration:
    return DealRegistration.objects.select_for_update().get(pk=deal.pk)


@transaction.atomic
def deal_approve(*, actor, deal: DealRegistration, protection_days: int | None = None):
    require_vendor_staff(actor, STAFF_ONLY)
    deal = _lock(deal)
    if deal.status != DealStatus.SUBMITTED:
        raise ValidationError("Only a submitted registration can be approved.")
    days = DEFAULT_PROTECTION_DAYS if protection_days is None else protection_days
    if not MIN_PROTECTION_DAYS <= days <= MAX_PROTECTION_DAYS:
        message = f"Protect the deal for {MIN_PROTECTION_DAYS}–{MAX_PROTECTION_DAYS} days."
        raise ValidationError({"protection_days": message})
    now = timezone.now()
    deal.status = DealStatus.APPROVED
    deal.decided_by = actor
    deal.decided_at = now
    deal.protection_until = timezone.localdate(now) + datetime.timedelta(days=days)
    deal.save(
        update_fields=["status", "decided_by", "decided_at", "protection_until", "updated_at"]
    )
    notifications.deal_decided(deal=deal, actor=actor)
    return deal


@transaction.atomic
def deal_reject(*, actor, deal: DealRegistration, reason: str) -> DealRegistration:
    require_vendor_staff(actor, STAFF_ONLY)
    deal = _lock(deal)
    if deal.status != DealStatus.SUBMITTED:
        raise ValidationError("Only a submitted registration can be rejected.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Tell the partner why the registration is rejected."})
    deal.status = DealStatus.REJECTED
    deal.decided_by = actor
    deal.decided_at = timezone.now()
    deal.rejection_reason = reason
    deal.save(
        update_fields=["status", "decided_by", "decided_at", "rejection_reason", "updated_at"]
    )
    notifications.deal_decided(deal=deal, actor=actor)
    return deal


def _close(*, actor, deal: DealRegistration, status: str) -> DealRegistration:
    require_vendor_staff(actor, STAFF_ONLY)
    deal = _lock(deal)
    if not deal.is_closable:
        raise ValidationError("Only an approved (or lapsed) registration can be won or lost.")
    deal.status = status
    deal.closed_at = timezone.now()
    deal.save(update_fields=["status", "closed_at", "updated_at"])
    return deal


@transaction.atomic
def deal_mark_won(*, actor, deal: DealRegistration) -> DealRegistration:
    return _close(actor=actor, deal=deal, status=DealStatus.WON)


@transaction.atomic
def deal_mark_lost(*, actor, deal: DealRegistration) -> DealRegistration:
    return _close(actor=actor, deal=deal, status=DealStatus.LOST)


@transaction.atomic
def deals_lapse_expired(*, today: datetime.date | None = None) -> int:
    """Approved registrations whose protection ended before `today` become lapsed.

    Saved one by one (not `update()`) so each change reaches the audit trail; the set is the
    day's expiries, small by nature.
    """
    today = today or timezone.localdate()
    expired = DealRegistration.objects.select_for_update().filter(
        status=DealStatus.APPROVED, protection_until__lt=today
    )
    count = 0
    for deal in expired:
        deal.status = DealStatus.LAPSED
        deal.save(update_fields=["status", "updated_at"])
        count += 1
    return count
