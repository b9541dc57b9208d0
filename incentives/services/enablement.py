"""Writes of enablement: courses, certifications (record, request, decide), rules of
engagement (publish) and their acknowledgement by partners."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Contact
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited

from .. import notifications
from ..models import Acknowledgement, Certification, Course, RulesOfEngagement

Status = Certification.Status


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


COURSE_FIELDS = {"name", "product", "level", "validity_months"}
COURSES_STAFF_ONLY = "Only the vendor's channel team manages courses."


def course_create(*, actor, **fields) -> Course:
    require_vendor_staff(actor, COURSES_STAFF_ONLY)
    course = Course()
    assign_fields(course, fields, COURSE_FIELDS)
    return save_audited(course, actor)


def course_update(*, actor, course: Course, **fields) -> Course:
    require_vendor_staff(actor, COURSES_STAFF_ONLY)
    assign_fields(course, fields, COURSE_FIELDS)
    return save_audited(course, actor)


def course_delete(*, actor, course: Course) -> None:
    """A course nobody holds a certification of (certifications keep their course)."""
    require_vendor_staff(actor, COURSES_STAFF_ONLY)
    try:
        with transaction.atomic(), acting_as(actor):
            course.delete()
    except ProtectedError:
        raise ValidationError(
            "People hold certifications of this course: it cannot be deleted."
        ) from None


def _membership_partner(actor):
    membership = partner_selectors.membership_of(user=actor)
    if membership is None or not actor.is_partner_user:
        raise PermissionDenied("You have no partner company.")
    partner_selectors.require_portal_contributor(membership)
    return membership.partner


def _new_certification(*, actor, contact: Contact, course: Course, earned_on, status):
    if earned_on is None or earned_on > timezone.localdate():
        raise ValidationError({"earned_on": "The date it was earned cannot be in the future."})
    if Certification.objects.filter(contact=contact, course=course, earned_on=earned_on).exists():
        raise ValidationError({"course": "This certification is already on record."})
    now = timezone.now()
    decided = status != Status.REQUESTED
    return Certification.objects.create(
        contact=contact,
        course=course,
        earned_on=earned_on,
        expires_on=add_months(earned_on, course.validity_months),
        status=status,
        requested_by=actor,
        decided_by=actor if decided else None,
        decided_at=now if decided else None,
    )


def certification_record(*, actor, contact: Contact, course: Course, earned_on) -> Certification:
    """Staff record a certification: approved at once."""
    require_vendor_staff(actor, "Only the vendor's channel team records certifications.")
    return _new_certification(
        actor=actor, contact=contact, course=course, earned_on=earned_on, status=Status.APPROVED
    )


@transaction.atomic
def certification_request(*, actor, contact: Contact, course: Course, earned_on) -> Certification:
    """A partner user asks to add a certification for one of their own company's contacts."""
    partner = _membership_partner(actor)
    if contact.partner_id != partner.pk:
        raise ValidationError({"contact": "Choose one of your own company's people."})
    if contact.left_on is not None:
        raise ValidationError({"contact": "This person has left your company."})
    certification = _new_certification(
        actor=actor, contact=contact, course=course, earned_on=earned_on, status=Status.REQUESTED
    )
    notifications.certification_requested(certification=certification, actor=actor)
    return certification


def _decide(*, actor, certification: Certification, status) -> Certification:
    require_vendor_staff(actor, "Only the vendor's channel team decides on certifications.")
    with transaction.atomic():
        locked = Certification.objects.select_for_update().get(pk=certification.pk)
        if locked.status != Status.REQUESTED:
            raise ValidationError("This request has already been decided.")
        locked.status, locked.decided_by, locked.decided_at = status, actor, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        if status == Status.APPROVED:
            notifications.certification_approved(certification=locked, actor=actor)
        return locked


def certification_approve(*, actor, certification: Certification) -> Certification:
    return _decide(actor=actor, certification=certification, status=Status.APPROVED)


def certification_reject(*, actor, certification: Certification) -> Certification:
    return _decide(actor=actor, certification=certification, status=Status.REJECTED)


@transaction.atomic
def rules_publish(
    *, actor, effective_on, significant: bool = False, summary: str, full_text: str
) -> RulesOfEngagement:
    """Publish the next version of the rules of engagement."""
    require_vendor_staff(actor, "Only the vendor's channel team publishes the rules of engagement.")
    errors = {}
    if not (summary or "").strip():
        errors["summary"] = "Summarise what changed for partners."
    if not (full_text or "").strip():
        errors["full_text"] = "Enter the full text of the rules."
    if effective_on is None:
        errors["effective_on"] = "Enter the date the rules take effect."
    if errors:
        raise ValidationError(errors)
    latest = RulesOfEngagement.objects.select_for_update().aggregate(v=Max("version"))["v"]
    rules = RulesOfEngagement.objects.create(
        version=(latest or 0) + 1,
        effective_on=effective_on,
        significant=significant,
        summary=summary.strip(),
        full_text=full_text.strip(),
        published_by=actor,
        published_at=timezone.now(),
    )
    notifications.rules_published(rules=rules, actor=actor)
    return rules


def rules_acknowledge(*, actor, rules: RulesOfEngagement) -> Acknowledgement:
    """A partner admin or member acknowledges the current rules for their company (once)."""
    partner = _membership_partner(actor)
    current = RulesOfEngagement.objects.filter(effective_on__lte=timezone.localdate()).first()
    if current is None or current.pk != rules.pk:
        raise ValidationError("Only the current version of the rules can be acknowledged.")
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(
                partner=partner, rules=rules, acknowledged_by=actor, acknowledged_at=timezone.now()
            )
    except IntegrityError:
        raise ValidationError("Your company has already acknowledged this version.") from None
