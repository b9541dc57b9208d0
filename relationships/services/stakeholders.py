"""Writes of stakeholder analyses, the champion and individual relationship plans."""

from django.core.exceptions import ValidationError
from django.db import transaction

from partners.models import Contact
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited

from ..models import Interaction, RelationshipPlan, Stakeholder
from .common import STAFF_ONLY, check_same_partner

STAKEHOLDER_FIELDS = {
    "formal_responsibilities", "business_objectives", "decides_alone", "influences", "influence",
    "decision_orientation", "adaptability", "relationship_level", "stance", "cadence_days",
}  # fmt: skip
PLAN_FIELDS = {
    "position_and_responsibilities", "business_objectives", "value_we_provide",
    "how_to_build_more_value", "decisions_and_influence", "current_relationship",
    "communication_frequency", "value_communication", "owner", "review_on",
}  # fmt: skip


# --- Stakeholder analysis -----------------------------------------------------------------


@transaction.atomic
def stakeholder_create(*, actor, contact: Contact, owners=(), **fields) -> Stakeholder:
    require_vendor_staff(actor, STAFF_ONLY)
    if contact.left_on is not None:
        raise ValidationError(f"{contact} has left the partner.")
    if Stakeholder.objects.filter(contact=contact).exists():
        raise ValidationError(f"{contact} already has a stakeholder analysis.")
    stakeholder = Stakeholder(contact=contact, partner_id=contact.partner_id)
    assign_fields(stakeholder, fields, STAKEHOLDER_FIELDS)
    save_audited(stakeholder, actor, many={"owners": list(owners)})
    _count_past_interactions(stakeholder)
    return stakeholder


def _count_past_interactions(stakeholder: Stakeholder) -> None:
    """Interactions logged with the person before we analysed them count for them from now on
    (cadence, recency), as if they had been analysed then."""
    met = list(
        Interaction.contacts.through.objects.filter(contact_id=stakeholder.contact_id).values_list(
            "interaction_id", "interaction__occurred_on"
        )
    )
    if not met:
        return
    Links = Interaction.stakeholders.through
    Links.objects.bulk_create(
        [Links(interaction_id=pk, stakeholder_id=stakeholder.pk) for pk, _ in met],
        ignore_conflicts=True,
    )
    stakeholder.set_last_interaction(max(on for _, on in met))
    stakeholder.save(update_fields=["last_interaction_on", "next_contact_due_on"])


@transaction.atomic
def stakeholder_update(*, actor, stakeholder: Stakeholder, owners=None, **fields) -> Stakeholder:
    require_vendor_staff(actor, STAFF_ONLY)
    assign_fields(stakeholder, fields, STAKEHOLDER_FIELDS)
    stakeholder.set_last_interaction(stakeholder.last_interaction_on)  # the cadence may change
    return save_audited(stakeholder, actor, many={} if owners is None else {"owners": list(owners)})


@transaction.atomic
def champion_designate(*, actor, stakeholder: Stakeholder, reason: str) -> Stakeholder:
    """At most one champion per partner: designating one replaces the previous champion."""
    require_vendor_staff(actor, STAFF_ONLY)
    if not reason.strip():
        raise ValidationError({"champion_reason": "Say why this person is the champion."})
    if stakeholder.contact.left_on is not None:
        raise ValidationError(f"{stakeholder} has left the partner.")
    with acting_as(actor):
        for previous in Stakeholder.objects.filter(
            partner_id=stakeholder.partner_id, is_champion=True
        ).exclude(pk=stakeholder.pk):
            previous.is_champion = False
            previous.champion_reason = ""
            previous.save(update_fields=["is_champion", "champion_reason", "updated_at"])
        stakeholder.is_champion = True
        stakeholder.champion_reason = reason.strip()
        stakeholder.save(update_fields=["is_champion", "champion_reason", "updated_at"])
    return stakeholder


@transaction.atomic
def champion_clear(*, actor, stakeholder: Stakeholder) -> Stakeholder:
    require_vendor_staff(actor, STAFF_ONLY)
    stakeholder.is_champion = False
    stakeholder.champion_reason = ""
    with acting_as(actor):
        stakeholder.save(update_fields=["is_champion", "champion_reason", "updated_at"])
    return stakeholder


@transaction.atomic
def stakeholder_delete(*, actor, stakeholder: Stakeholder) -> None:
    """Drop an analysis (and its plan); the contact and the interaction log stay."""
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        stakeholder.delete()


# --- Individual relationship plans ----------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor, stakeholder: Stakeholder, related_stakeholders=(), **fields
) -> RelationshipPlan:
    require_vendor_staff(actor, STAFF_ONLY)
    if RelationshipPlan.objects.filter(stakeholder=stakeholder).exists():
        raise ValidationError(f"{stakeholder} already has a plan; edit it instead.")
    related = list(related_stakeholders)
    check_same_partner(stakeholder.partner, related, "related_stakeholders")
    plan = RelationshipPlan(stakeholder=stakeholder)
    assign_fields(plan, fields, PLAN_FIELDS)
    return save_audited(
        plan, actor, many={"related_stakeholders": [s for s in related if s != stakeholder]}
    )


@transaction.atomic
def plan_update(
    *, actor, plan: RelationshipPlan, related_stakeholders=None, **fields
) -> RelationshipPlan:
    require_vendor_staff(actor, STAFF_ONLY)
    many = {}
    if related_stakeholders is not None:
        related = [s for s in related_stakeholders if s.pk != plan.stakeholder_id]
        check_same_partner(plan.stakeholder.partner, related, "related_stakeholders")
        many["related_stakeholders"] = related
    assign_fields(plan, fields, PLAN_FIELDS)
    return save_audited(plan, actor, many=many)


@transaction.atomic
def plan_delete(*, actor, plan: RelationshipPlan) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        plan.delete()
