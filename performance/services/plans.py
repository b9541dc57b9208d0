"""Writes of joint business plans, their actions and reviews.

Staff write everything; a partner user may only move the status of an action owned by their
partner's side of their own partner's plan.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from partners.models import Partner
from partners.selectors import require_portal_contributor
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited
from relationships.services.surveys import survey_send_after_review

from .. import notifications
from ..models.plans import BusinessPlan, PlanAction, Review

PLAN_FIELDS = {"title", "objectives", "status", "year", "quarter"}
ACTION_FIELDS = {
    "title",
    "owner_side",
    "owner_name",
    "owner_user",
    "owner_contact",
    "due",
    "status",
}
REVIEW_FIELDS = {"kind", "held_on", "done_vs_planned", "outcomes", "next_review_on",
                 "shared_with_partner"}  # fmt: skip
STAFF_ONLY = "Business plans and reviews are kept by the vendor's channel team."


def _check_plan(plan: BusinessPlan) -> None:
    if not (plan.title or "").strip():
        raise ValidationError({"title": "Give the plan a title."})
    clash = BusinessPlan.objects.filter(
        partner_id=plan.partner_id, year=plan.year, quarter=plan.quarter
    ).exclude(pk=plan.pk)
    if clash.exists():
        raise ValidationError({"quarter": f"{plan.partner} already has a plan for this period."})


@transaction.atomic
def plan_create(*, actor, partner: Partner, year: int, title: str, quarter: int | None = None,
                **fields) -> BusinessPlan:  # fmt: skip
    require_vendor_staff(actor, STAFF_ONLY)
    plan = BusinessPlan(partner=partner, year=year, quarter=quarter, title=(title or "").strip())
    assign_fields(plan, fields, PLAN_FIELDS)
    _check_plan(plan)
    return save_audited(plan, actor)


@transaction.atomic
def plan_update(*, actor, plan: BusinessPlan, **fields) -> BusinessPlan:
    require_vendor_staff(actor, STAFF_ONLY)
    assign_fields(plan, fields, PLAN_FIELDS)
    _check_plan(plan)
    return save_audited(plan, actor)


def _check_action(action: PlanAction, partner_id: int) -> None:
    errors = {}
    if not (action.title or "").strip():
        errors["title"] = "Say what is to be done."
    if action.owner_side == PlanAction.Side.VENDOR:
        if action.owner_contact_id:
            errors["owner_contact"] = "Our side's actions are owned by one of our people."
        if action.owner_user_id and not action.owner_user.is_vendor_staff:
            errors["owner_user"] = "Choose someone of the channel team."
    elif action.owner_side == PlanAction.Side.PARTNER:
        if action.owner_user_id:
            errors["owner_user"] = "The partner's actions are owned by one of their contacts."
        if action.owner_contact_id and action.owner_contact.partner_id != partner_id:
            errors["owner_contact"] = "Choose a contact of this partner."
    if not (action.owner_user_id or action.owner_contact_id or action.owner_name.strip()):
        errors["owner_name"] = "Name who owns this action."
    if errors:
        raise ValidationError(errors)


def _owner_of(action: PlanAction) -> tuple:
    return (action.owner_side, action.owner_user_id, action.owner_contact_id)


@transaction.atomic
def plan_action_create(*, actor, plan: BusinessPlan, title: str, owner_side: str, **fields):
    require_vendor_staff(actor, STAFF_ONLY)
    action = PlanAction(plan=plan, title=(title or "").strip(), owner_side=owner_side)
    assign_fields(action, fields, ACTION_FIELDS)
    action.owner_name = (action.owner_name or "").strip()
    _check_action(action, plan.partner_id)
    action = save_audited(action, actor)
    notifications.plan_action_assigned(action=action, actor=actor)
    return action


@transaction.atomic
def plan_action_update(*, actor, action: PlanAction, **fields) -> PlanAction:
    require_vendor_staff(actor, STAFF_ONLY)
    owner_before = _owner_of(action)
    assign_fields(action, fields, ACTION_FIELDS)
    action.owner_name = (action.owner_name or "").strip()
    _check_action(action, action.plan.partner_id)
    action = save_audited(action, actor)
    if _owner_of(action) != owner_before:
        notifications.plan_action_assigned(action=action, actor=actor)
    return action


def plan_action_set_status(*, actor, action: PlanAction, status: str) -> PlanAction:
    """Staff move any action; a partner user only their own partner's side of their plan."""
    if not actor.is_vendor_staff:
        membership = getattr(actor, "partner_membership", None)
        if membership is None or membership.partner_id != action.plan.partner_id:
            raise PermissionDenied("This action is not on your partner's plan.")
        require_portal_contributor(membership)
        if action.owner_side != PlanAction.Side.PARTNER:
            raise PermissionDenied("Only the vendor's team updates the vendor's actions.")
    if status not in PlanAction.Status.values:
        raise ValidationError({"status": "Choose open, in progress, done or cancelled."})
    action.status = status
    with acting_as(actor):
        action.save(update_fields=["status", "updated_at"])
    return action


@transaction.atomic
def plan_delete(*, actor, plan: BusinessPlan) -> None:
    """Delete a plan with its actions (staff only)."""
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        plan.delete()


@transaction.atomic
def plan_action_delete(*, actor, action: PlanAction) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        action.delete()


def _check_review(review: Review, today: datetime.date) -> None:
    errors = {}
    if review.held_on and review.held_on > today:
        errors["held_on"] = "Log a review once it has been held."
    if review.next_review_on and review.held_on and review.next_review_on <= review.held_on:
        errors["next_review_on"] = "The next review comes after this one."
    if errors:
        raise ValidationError(errors)


def _set_attendees(review: Review, our_attendees, their_attendees) -> None:
    errors = {}
    if any(not user.is_vendor_staff for user in our_attendees):
        errors["our_attendees"] = "Our attendees are people of the channel team."
    if any(contact.partner_id != review.partner_id for contact in their_attendees):
        errors["their_attendees"] = "Their attendees are contacts of this partner."
    if errors:
        raise ValidationError(errors)
    review.our_attendees.set(our_attendees)
    review.their_attendees.set(their_attendees)


@transaction.atomic
def review_log(*, actor, partner: Partner, kind: str, held_on: datetime.date,
               our_attendees=(), their_attendees=(), **fields) -> Review:  # fmt: skip
    require_vendor_staff(actor, STAFF_ONLY)
    review = Review(partner=partner, kind=kind, held_on=held_on)
    assign_fields(review, fields, REVIEW_FIELDS)
    _check_review(review, datetime.date.today())
    try:
        save_audited(review, actor)
    except IntegrityError as error:  # pragma: no cover - the checks above come first
        raise ValidationError(str(error)) from error
    _set_attendees(review, list(our_attendees), list(their_attendees))
    # Ask the partner how the relationship feels right after we met (relationships decides
    # whether a survey goes out: not for an old review, nor while one is open).
    survey_send_after_review(actor=actor, partner=partner, held_on=held_on)
    return review


@transaction.atomic
def review_update(*, actor, review: Review, our_attendees=None, their_attendees=None,
                  **fields) -> Review:  # fmt: skip
    require_vendor_staff(actor, STAFF_ONLY)
    assign_fields(review, fields, REVIEW_FIELDS)
    _check_review(review, datetime.date.today())
    save_audited(review, actor)
    if our_attendees is not None or their_attendees is not None:
        _set_attendees(
            review,
            list(our_attendees if our_attendees is not None else review.our_attendees.all()),
            list(their_attendees if their_attendees is not None else review.their_attendees.all()),
        )
    return review


@transaction.atomic
def review_delete(*, actor, review: Review) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        review.delete()
