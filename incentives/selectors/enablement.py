"""Reads of enablement: certification queue, certified people, expiring soon, rules of
engagement with the stability indicator, and who has not acknowledged the current rules."""

import datetime

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Partner

from ..models import Acknowledgement, Certification, Course, RulesOfEngagement

EXPIRING_WITHIN_DAYS = 60
STABILITY_WINDOW_DAYS = 365
STABILITY_WARNING_AT = 2

Status = Certification.Status


def _certifications():
    return Certification.objects.select_related(
        "contact__partner", "course", "requested_by", "decided_by"
    )


def certification_queue(*, status: str = Status.REQUESTED):
    qs = _certifications()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "pk") if status == Status.REQUESTED else qs


def certification_get(*, user, pk) -> Certification:
    """Staff only; anyone else gets 404 (existence is not leaked)."""
    if not user.is_vendor_staff:
        raise Http404
    try:
        return _certifications().get(pk=pk)
    except Certification.DoesNotExist:
        raise Http404 from None


def certified_people(partner: Partner, *, today: datetime.date | None = None):
    """The partner's people (still there) holding at least one current certification."""
    today = today or timezone.localdate()
    current = Certification.objects.current(today=today).filter(contact=OuterRef("pk"))
    return partner_selectors.partner_contacts(partner=partner).filter(Exists(current))


def expiring_soon(*, today: datetime.date | None = None, days: int = EXPIRING_WITHIN_DAYS):
    today = today or timezone.localdate()
    return (
        _certifications()
        .current(today=today)
        .filter(expires_on__lte=today + datetime.timedelta(days=days))
        .order_by("expires_on", "pk")
    )


def portal_certifications(*, membership):
    return _certifications().filter(contact__partner=membership.partner).order_by("-created_at")


def portal_contacts(*, membership):
    return partner_selectors.partner_contacts(partner=membership.partner)


def courses():
    return Course.objects.all()


def rules_versions():
    return RulesOfEngagement.objects.select_related("published_by")


def current_rules(*, today: datetime.date | None = None) -> RulesOfEngagement | None:
    today = today or timezone.localdate()
    return rules_versions().filter(effective_on__lte=today).first()


def rules_get(*, user, pk) -> RulesOfEngagement:
    if not user.is_vendor_staff:
        raise Http404
    try:
        return rules_versions().get(pk=pk)
    except RulesOfEngagement.DoesNotExist:
        raise Http404 from None


def stability(*, today: datetime.date | None = None) -> dict:
    """Significant changes of the rules that took effect in the last 12 months."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=STABILITY_WINDOW_DAYS)
    changes = list(
        rules_versions().filter(significant=True, effective_on__gt=since).order_by("effective_on")
    )
    return {
        "significant_changes": changes,
        "count": len(changes),
        "warning": len(changes) >= STABILITY_WARNING_AT,
        "threshold": STABILITY_WARNING_AT,
    }


def acknowledgement_status(*, rules: RulesOfEngagement):
    """Every partner, annotated with `acknowledged` for this version; the missing ones first."""
    acknowledged = Acknowledgement.objects.filter(rules=rules, partner=OuterRef("pk"))
    return (
        partner_selectors.partners()
        .annotate(acknowledged=Exists(acknowledged))
        .order_by("acknowledged", "name")
    )


def acknowledgements_of(*, rules: RulesOfEngagement):
    return Acknowledgement.objects.filter(rules=rules).select_related("partner", "acknowledged_by")


def portal_acknowledgement(*, membership, rules):
    if rules is None:
        return None
    return acknowledgements_of(rules=rules).filter(partner=membership.partner).first()


def dashboard_enablement() -> dict:
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    counts = Certification.objects.aggregate(
        requested=Count("pk", filter=Q(status=Status.REQUESTED)),
        expiring=Count(
            "pk",
            filter=Q(status=Status.APPROVED, expires_on__gte=today, expires_on__lte=horizon),
        ),
    )
    return {
        "stability": stability(today=today),
        "expiring": list(expiring_soon(today=today)[:8]),
        "expiring_count": counts["expiring"],
        "requested_count": counts["requested"],
    }


DASHBOARD_CACHE_SECONDS = 60


def dashboard_enablement_recent() -> dict:
    """`dashboard_enablement` as of at most a minute ago, like the dashboard's other panels:
    the certification pages it links to are always live."""
    key = f"incentives:dashboard-enablement:{timezone.localdate().isoformat()}"
    return cache.get_or_set(key, dashboard_enablement, DASHBOARD_CACHE_SECONDS)


# --- the API's scopes -------------------------------------------------------------------------


def certifications_visible_to(*, user):
    """Newest first: all for staff, a partner user's own people's for anyone else."""
    certifications = Certification.objects.select_related(
        "contact", "course", "requested_by", "decided_by"
    ).order_by("-created_at", "-pk")
    if user.is_vendor_staff:
        return certifications
    own = partner_selectors.partners_visible_to(user=user).values("pk")
    return certifications.filter(contact__partner__in=own)


def rules_published_to(*, user):
    """Newest version first: every version for staff, those in effect today for partners."""
    versions = rules_versions().order_by("-version")
    if user.is_vendor_staff:
        return versions
    return versions.filter(effective_on__lte=timezone.localdate())


def acknowledgements_visible_to(*, user):
    """Newest first: all for staff, a partner user's own partner's for anyone else."""
    acknowledgements = Acknowledgement.objects.select_related(
        "partner", "rules", "acknowledged_by"
    ).order_by("-acknowledged_at", "-pk")
    if user.is_vendor_staff:
        return acknowledgements
    own = partner_selectors.partners_visible_to(user=user).values("pk")
    return acknowledgements.filter(partner__in=own)


def certifications():
    """Every certification: other apps filter and aggregate on it (performance's ROI)."""
    return Certification.objects.all()


def portal_expiring_soon(*, membership, today: datetime.date | None = None, latest: int = 3):
    """The partner's current certifications that expire within `EXPIRING_WITHIN_DAYS`: how
    many, and the soonest `latest`. Two queries."""
    expiring = expiring_soon(today=today).filter(contact__partner=membership.partner_id)
    return expiring.count(), list(expiring[:latest])
