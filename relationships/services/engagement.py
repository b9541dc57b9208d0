"""Writes of the engagement plan and log: actions, interactions and relationship objectives."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from partners.models import Partner
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited

from ..models import EngagementAction, Interaction, RelationshipObjective, Stakeholder
from .common import STAFF_ONLY, check_same_partner

ACTION_FIELDS = {"title", "notes", "owner", "due_on", "status"}
INTERACTION_FIELDS = {"occurred_on", "channel", "sentiment", "notes"}
OBJECTIVE_FIELDS = {
    "title", "stakeholder", "target_stance", "target_level", "due_on", "status", "owner", "notes",
}  # fmt: skip


# --- Engagement plan and log -----------------------------------------------------------------


def _action_completion(action: EngagementAction) -> None:
    if action.status == EngagementAction.Status.DONE and action.completed_on is None:
        action.completed_on = datetime.date.today()
    elif action.status != EngagementAction.Status.DONE:
        action.completed_on = None


@transaction.atomic
def action_create(*, actor, partner: Partner, stakeholders=(), **fields) -> EngagementAction:
    require_vendor_staff(actor, STAFF_ONLY)
    stakeholders = list(stakeholders)
    check_same_partner(partner, stakeholders, "stakeholders")
    action = EngagementAction(partner=partner)
    assign_fields(action, fields, ACTION_FIELDS)
    _action_completion(action)
    return save_audited(action, actor, many={"stakeholders": stakeholders})


@transaction.atomic
def action_update(
    *, actor, action: EngagementAction, stakeholders=None, **fields
) -> EngagementAction:
    require_vendor_staff(actor, STAFF_ONLY)
    many = {}
    if stakeholders is not None:
        stakeholders = list(stakeholders)
        check_same_partner(action.partner, stakeholders, "stakeholders")
        many["stakeholders"] = stakeholders
    assign_fields(action, fields, ACTION_FIELDS)
    _action_completion(action)
    return save_audited(action, actor, many=many)


@transaction.atomic
def action_delete(*, actor, action: EngagementAction) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        action.delete()


def _refresh_last_interaction(stakeholder_ids) -> None:
    latest = dict(
        Interaction.stakeholders.through.objects.filter(stakeholder_id__in=stakeholder_ids)
        .values("stakeholder_id")
        .annotate(last=Max("interaction__occurred_on"))
        .values_list("stakeholder_id", "last")
    )
    for stakeholder in Stakeholder.objects.filter(pk__in=stakeholder_ids):
        stakeholder.set_last_interaction(latest.get(stakeholder.pk))
        stakeholder.save(update_fields=["last_interaction_on", "next_contact_due_on"])


@transaction.atomic
def interaction_log(
    *, actor, partner: Partner, stakeholders, occurred_on, channel, sentiment=0, notes=""
) -> Interaction:
    require_vendor_staff(actor, STAFF_ONLY)
    stakeholders = list(stakeholders)
    if not stakeholders:
        raise ValidationError({"stakeholders": "Say who the interaction was with."})
    check_same_partner(partner, stakeholders, "stakeholders")
    if occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": "An interaction is logged once it has happened."})
    interaction = Interaction(
        partner=partner, occurred_on=occurred_on, channel=channel, sentiment=sentiment,
        notes=notes, logged_by=actor,
    )  # fmt: skip
    save_audited(interaction, actor, many={"stakeholders": stakeholders})
    _refresh_last_interaction([s.pk for s in stakeholders])
    return interaction


@transaction.atomic
def interaction_update(
    *, actor, interaction: Interaction, stakeholders=None, **fields
) -> Interaction:
    """Correct a logged interaction; the latest-interaction dates of everyone involved follow."""
    require_vendor_staff(actor, STAFF_ONLY)
    before = set(interaction.stakeholders.values_list("pk", flat=True))
    many = {}
    if stakeholders is not None:
        stakeholders = list(stakeholders)
        if not stakeholders:
            raise ValidationError({"stakeholders": "Say who the interaction was with."})
        check_same_partner(interaction.partner, stakeholders, "stakeholders")
        many["stakeholders"] = stakeholders
    assign_fields(interaction, fields, INTERACTION_FIELDS)
    if interaction.occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": "An interaction is logged once it has happened."})
    save_audited(interaction, actor, many=many)
    _refresh_last_interaction(before | {s.pk for s in stakeholders or ()})
    return interaction


@transaction.atomic
def interaction_delete(*, actor, interaction: Interaction) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    stakeholder_ids = list(interaction.stakeholders.values_list("pk", flat=True))
    with acting_as(actor):
        interaction.delete()
    _refresh_last_interaction(stakeholder_ids)


# --- Relationship objectives -----------------------------------------------------------------


@transaction.atomic
def objective_create(*, actor, partner: Partner, **fields) -> RelationshipObjective:
    require_vendor_staff(actor, STAFF_ONLY)
    objective = RelationshipObjective(partner=partner)
    assign_fields(objective, fields, OBJECTIVE_FIELDS)
    if objective.stakeholder is not None:
        check_same_partner(partner, [objective.stakeholder], "stakeholder")
    return save_audited(objective, actor)


@transaction.atomic
def objective_update(*, actor, objective: RelationshipObjective, **fields) -> RelationshipObjective:
    require_vendor_staff(actor, STAFF_ONLY)
    assign_fields(objective, fields, OBJECTIVE_FIELDS)
    if objective.stakeholder is not None:
        check_same_partner(objective.partner, [objective.stakeholder], "stakeholder")
    return save_audited(objective, actor)


@transaction.atomic
def objective_delete(*, actor, objective: RelationshipObjective) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        objective.delete()
