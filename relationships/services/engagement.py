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


def _participants(partner: Partner, contacts, stakeholders) -> tuple[list, list]:
    """Who took part (contacts, plus the people of any stakeholders named) and, among them,
    those we have analysed. Refuses an empty list and anyone of another partner, at the field
    the caller named them in."""
    field = "contacts" if contacts is not None else "stakeholders"
    contacts, stakeholders = list(contacts or ()), list(stakeholders or ())
    if not contacts and not stakeholders:
        raise ValidationError({field: "Say who the interaction was with."})
    check_same_partner(partner, contacts, "contacts")
    check_same_partner(partner, stakeholders, "stakeholders")
    people = {contact.pk: contact for contact in contacts}
    for stakeholder in stakeholders:
        people.setdefault(stakeholder.contact_id, stakeholder.contact)
    analysed = list(Stakeholder.objects.filter(contact_id__in=people))
    return list(people.values()), analysed


def _check_date(interaction: Interaction) -> None:
    if interaction.occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": "An interaction is logged once it has happened."})


@transaction.atomic
def interaction_log(
    *,
    actor,
    partner: Partner,
    occurred_on,
    channel,
    contacts=None,
    stakeholders=None,
    sentiment=0,
    notes="",
) -> Interaction:
    """Log a touchpoint with any of the partner's people (`contacts`; `stakeholders` name people
    by their analysis). Only the analysed among them count for cadence and scoring."""
    require_vendor_staff(actor, STAFF_ONLY)
    people, analysed = _participants(partner, contacts, stakeholders)
    interaction = Interaction(
        partner=partner, occurred_on=occurred_on, channel=channel, sentiment=sentiment,
        notes=notes, logged_by=actor,
    )  # fmt: skip
    _check_date(interaction)
    save_audited(interaction, actor, many={"contacts": people, "stakeholders": analysed})
    _refresh_last_interaction([s.pk for s in analysed])
    return interaction


@transaction.atomic
def interaction_update(
    *, actor, interaction: Interaction, contacts=None, stakeholders=None, **fields
) -> Interaction:
    """Correct a logged interaction; the latest-interaction dates of everyone involved follow."""
    require_vendor_staff(actor, STAFF_ONLY)
    before = set(interaction.stakeholders.values_list("pk", flat=True))
    many, analysed = {}, []
    if contacts is not None or stakeholders is not None:
        people, analysed = _participants(interaction.partner, contacts, stakeholders)
        many = {"contacts": people, "stakeholders": analysed}
    assign_fields(interaction, fields, INTERACTION_FIELDS)
    _check_date(interaction)
    save_audited(interaction, actor, many=many)
    _refresh_last_interaction(before | {s.pk for s in analysed})
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
