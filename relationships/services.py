"""Writes of the relationship management plan. Every page, the API, imports and jobs use these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from partners.models import Contact, Partner
from prm.lib.audit import acting_as

from .models import (
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureRating,
    CultureType,
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)
from .models.culture import RATING_MAX, RATING_MIN

STAKEHOLDER_FIELDS = {
    "formal_responsibilities", "business_objectives", "decides_alone", "influences", "influence",
    "decision_orientation", "adaptability", "relationship_level", "stance", "cadence_days",
}  # fmt: skip
PLAN_FIELDS = {
    "position_and_responsibilities", "business_objectives", "value_we_provide",
    "how_to_build_more_value", "decisions_and_influence", "current_relationship",
    "communication_frequency", "value_communication", "owner", "review_on",
}  # fmt: skip
ACTION_FIELDS = {"title", "notes", "owner", "due_on", "status"}
INTERACTION_FIELDS = {"occurred_on", "channel", "sentiment", "notes"}
OBJECTIVE_FIELDS = {
    "title", "stakeholder", "target_stance", "target_level", "due_on", "status", "owner", "notes",
}  # fmt: skip


def _require_staff(actor) -> None:
    if not (actor and actor.is_vendor_staff):
        raise PermissionDenied("Relationship management is for the vendor's channel team.")


def _assign(instance, fields: dict, allowed: set) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    for key, value in fields.items():
        setattr(instance, key, value)


def _save(instance, actor, *, many: dict | None = None):
    instance.full_clean()
    with acting_as(actor):
        instance.save()
        for key, values in (many or {}).items():
            getattr(instance, key).set(values)
    return instance


def _same_partner(partner: Partner, stakeholders, field: str) -> None:
    strangers = [s for s in stakeholders if s.partner_id != partner.pk]
    if strangers:
        names = ", ".join(str(s) for s in strangers)
        raise ValidationError({field: f"Not people of {partner}: {names}."})


# --- Stakeholder analysis -----------------------------------------------------------------


@transaction.atomic
def stakeholder_create(*, actor, contact: Contact, owners=(), **fields) -> Stakeholder:
    _require_staff(actor)
    if contact.left_on is not None:
        raise ValidationError(f"{contact} has left the partner.")
    if Stakeholder.objects.filter(contact=contact).exists():
        raise ValidationError(f"{contact} already has a stakeholder analysis.")
    stakeholder = Stakeholder(contact=contact, partner_id=contact.partner_id)
    _assign(stakeholder, fields, STAKEHOLDER_FIELDS)
    return _save(stakeholder, actor, many={"owners": list(owners)})


@transaction.atomic
def stakeholder_update(*, actor, stakeholder: Stakeholder, owners=None, **fields) -> Stakeholder:
    _require_staff(actor)
    _assign(stakeholder, fields, STAKEHOLDER_FIELDS)
    stakeholder.set_last_interaction(stakeholder.last_interaction_on)  # the cadence may change
    return _save(stakeholder, actor, many={} if owners is None else {"owners": list(owners)})


@transaction.atomic
def champion_designate(*, actor, stakeholder: Stakeholder, reason: str) -> Stakeholder:
    """At most one champion per partner: designating one replaces the previous champion."""
    _require_staff(actor)
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
    _require_staff(actor)
    stakeholder.is_champion = False
    stakeholder.champion_reason = ""
    with acting_as(actor):
        stakeholder.save(update_fields=["is_champion", "champion_reason", "updated_at"])
    return stakeholder


@transaction.atomic
def stakeholder_delete(*, actor, stakeholder: Stakeholder) -> None:
    """Drop an analysis (and its plan); the contact and the interaction log stay."""
    _require_staff(actor)
    with acting_as(actor):
        stakeholder.delete()


# --- Individual relationship plans ----------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor, stakeholder: Stakeholder, related_stakeholders=(), **fields
) -> RelationshipPlan:
    _require_staff(actor)
    if RelationshipPlan.objects.filter(stakeholder=stakeholder).exists():
        raise ValidationError(f"{stakeholder} already has a plan; edit it instead.")
    related = list(related_stakeholders)
    _same_partner(stakeholder.partner, related, "related_stakeholders")
    plan = RelationshipPlan(stakeholder=stakeholder)
    _assign(plan, fields, PLAN_FIELDS)
    return _save(
        plan, actor, many={"related_stakeholders": [s for s in related if s != stakeholder]}
    )


@transaction.atomic
def plan_update(
    *, actor, plan: RelationshipPlan, related_stakeholders=None, **fields
) -> RelationshipPlan:
    _require_staff(actor)
    many = {}
    if related_stakeholders is not None:
        related = [s for s in related_stakeholders if s.pk != plan.stakeholder_id]
        _same_partner(plan.stakeholder.partner, related, "related_stakeholders")
        many["related_stakeholders"] = related
    _assign(plan, fields, PLAN_FIELDS)
    return _save(plan, actor, many=many)


@transaction.atomic
def plan_delete(*, actor, plan: RelationshipPlan) -> None:
    _require_staff(actor)
    with acting_as(actor):
        plan.delete()


# --- Engagement plan and log -----------------------------------------------------------------


def _action_completion(action: EngagementAction) -> None:
    if action.status == EngagementAction.Status.DONE and action.completed_on is None:
        action.completed_on = datetime.date.today()
    elif action.status != EngagementAction.Status.DONE:
        action.completed_on = None


@transaction.atomic
def action_create(*, actor, partner: Partner, stakeholders=(), **fields) -> EngagementAction:
    _require_staff(actor)
    stakeholders = list(stakeholders)
    _same_partner(partner, stakeholders, "stakeholders")
    action = EngagementAction(partner=partner)
    _assign(action, fields, ACTION_FIELDS)
    _action_completion(action)
    return _save(action, actor, many={"stakeholders": stakeholders})


@transaction.atomic
def action_update(
    *, actor, action: EngagementAction, stakeholders=None, **fields
) -> EngagementAction:
    _require_staff(actor)
    many = {}
    if stakeholders is not None:
        stakeholders = list(stakeholders)
        _same_partner(action.partner, stakeholders, "stakeholders")
        many["stakeholders"] = stakeholders
    _assign(action, fields, ACTION_FIELDS)
    _action_completion(action)
    return _save(action, actor, many=many)


@transaction.atomic
def action_delete(*, actor, action: EngagementAction) -> None:
    _require_staff(actor)
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
    _require_staff(actor)
    stakeholders = list(stakeholders)
    if not stakeholders:
        raise ValidationError({"stakeholders": "Say who the interaction was with."})
    _same_partner(partner, stakeholders, "stakeholders")
    if occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": "An interaction is logged once it has happened."})
    interaction = Interaction(
        partner=partner, occurred_on=occurred_on, channel=channel, sentiment=sentiment,
        notes=notes, logged_by=actor,
    )  # fmt: skip
    _save(interaction, actor, many={"stakeholders": stakeholders})
    _refresh_last_interaction([s.pk for s in stakeholders])
    return interaction


@transaction.atomic
def interaction_update(
    *, actor, interaction: Interaction, stakeholders=None, **fields
) -> Interaction:
    """Correct a logged interaction; the latest-interaction dates of everyone involved follow."""
    _require_staff(actor)
    before = set(interaction.stakeholders.values_list("pk", flat=True))
    many = {}
    if stakeholders is not None:
        stakeholders = list(stakeholders)
        if not stakeholders:
            raise ValidationError({"stakeholders": "Say who the interaction was with."})
        _same_partner(interaction.partner, stakeholders, "stakeholders")
        many["stakeholders"] = stakeholders
    _assign(interaction, fields, INTERACTION_FIELDS)
    if interaction.occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": "An interaction is logged once it has happened."})
    _save(interaction, actor, many=many)
    _refresh_last_interaction(before | {s.pk for s in stakeholders or ()})
    return interaction


@transaction.atomic
def interaction_delete(*, actor, interaction: Interaction) -> None:
    _require_staff(actor)
    stakeholder_ids = list(interaction.stakeholders.values_list("pk", flat=True))
    with acting_as(actor):
        interaction.delete()
    _refresh_last_interaction(stakeholder_ids)


# --- Relationship objectives -----------------------------------------------------------------


@transaction.atomic
def objective_create(*, actor, partner: Partner, **fields) -> RelationshipObjective:
    _require_staff(actor)
    objective = RelationshipObjective(partner=partner)
    _assign(objective, fields, OBJECTIVE_FIELDS)
    if objective.stakeholder is not None:
        _same_partner(partner, [objective.stakeholder], "stakeholder")
    return _save(objective, actor)


@transaction.atomic
def objective_update(*, actor, objective: RelationshipObjective, **fields) -> RelationshipObjective:
    _require_staff(actor)
    _assign(objective, fields, OBJECTIVE_FIELDS)
    if objective.stakeholder is not None:
        _same_partner(objective.partner, [objective.stakeholder], "stakeholder")
    return _save(objective, actor)


@transaction.atomic
def objective_delete(*, actor, objective: RelationshipObjective) -> None:
    _require_staff(actor)
    with acting_as(actor):
        objective.delete()


# --- Culture assessments ----------------------------------------------------------------------

CULTURE_FIELDS = {
    "assessed_on", "values", "behaviours", "practices", "symbols", "validation_tactics",
}  # fmt: skip


def _clean_ratings(ratings) -> dict:
    """{(dimension, culture type): score} checked: known keys, whole numbers 0–4, at least one."""
    cleaned, errors = {}, []
    for (dimension, culture_type), score in dict(ratings or {}).items():
        if dimension not in CultureDimension.values or culture_type not in CultureType.values:
            errors.append(f"Unknown rating {dimension} / {culture_type}.")
            continue
        if score is None or score == "":
            continue
        try:
            value = int(score)
        except (TypeError, ValueError):
            errors.append(f"{dimension} / {culture_type}: a rating is a whole number from 0 to 4.")
            continue
        if not RATING_MIN <= value <= RATING_MAX or str(value) != str(score).strip():
            errors.append(
                f"{CultureDimension(dimension).label} — {CultureType(culture_type).label}: "
                f"a rating goes from 0 (does not fit) to 4 (fits fully); {score} is outside."
            )
            continue
        cleaned[(dimension, culture_type)] = value
    if errors:
        raise ValidationError({"ratings": errors})
    if not cleaned:
        raise ValidationError(
            {"ratings": "Rate at least one descriptor: an assessment needs ratings."}
        )
    return cleaned


def _write_ratings(assessment: CultureAssessment, ratings: dict) -> None:
    assessment.ratings.all().delete()
    CultureRating.objects.bulk_create(
        CultureRating(assessment=assessment, dimension=d, culture_type=t, score=s)
        for (d, t), s in ratings.items()
    )


def _check_one_current_own(assessment: CultureAssessment) -> None:
    if not (assessment.is_own and assessment.is_current):
        return
    others = CultureAssessment.objects.filter(is_own=True, is_current=True).exclude(
        pk=assessment.pk
    )
    if others.exists():
        raise ValidationError(
            {"is_current": "There is already a current profile of our own culture. Save this "
                           "one as not current, then make it current (which retires the other)."}
        )  # fmt: skip


@transaction.atomic
def culture_assessment_create(
    *, actor, partner=None, is_own=False, is_current=None, ratings, **fields
) -> CultureAssessment:
    _require_staff(actor)
    cleaned = _clean_ratings(ratings)
    if is_own and is_current is None:
        is_current = not CultureAssessment.objects.filter(is_own=True, is_current=True).exists()
    assessment = CultureAssessment(
        partner=None if is_own else partner,
        is_own=is_own,
        is_current=bool(is_current) if is_own else True,
        assessed_by=actor,
    )
    _assign(assessment, fields, CULTURE_FIELDS)
    if not is_own and partner is None:
        raise ValidationError({"partner": "Say which partner this assessment is of."})
    _check_one_current_own(assessment)
    _save(assessment, actor)
    _write_ratings(assessment, cleaned)
    return assessment


@transaction.atomic
def culture_assessment_update(
    *, actor, assessment: CultureAssessment, ratings=None, **fields
) -> CultureAssessment:
    _require_staff(actor)
    cleaned = None if ratings is None else _clean_ratings(ratings)
    _assign(assessment, fields, CULTURE_FIELDS)
    _save(assessment, actor)
    if cleaned is not None:
        _write_ratings(assessment, cleaned)
    return assessment


@transaction.atomic
def culture_assessment_validate(
    *, actor, assessment: CultureAssessment, validated: bool, outcome: str = "", tactics=None
) -> CultureAssessment:
    """Record how the conclusion was checked and whether it held."""
    _require_staff(actor)
    if validated and not outcome.strip():
        raise ValidationError(
            {"validation_outcome": "Say what the validation showed before marking it validated."}
        )
    if tactics is not None:
        assessment.validation_tactics = tactics
    assessment.validation_outcome = outcome
    assessment.validated = validated
    assessment.validated_by = actor if validated else None
    assessment.validated_on = datetime.date.today() if validated else None
    return _save(assessment, actor)


@transaction.atomic
def culture_own_make_current(*, actor, assessment: CultureAssessment) -> CultureAssessment:
    """Make this profile of our own culture the current one; the previous one is kept as history."""
    _require_staff(actor)
    if not assessment.is_own:
        raise ValidationError("Only a profile of our own culture can be made current.")
    with acting_as(actor):
        for previous in CultureAssessment.objects.filter(is_own=True, is_current=True).exclude(
            pk=assessment.pk
        ):
            previous.is_current = False
            previous.save(update_fields=["is_current", "updated_at"])
        assessment.is_current = True
        assessment.save(update_fields=["is_current", "updated_at"])
    return assessment


def culture_guideline_update(*, actor, guideline: CultureGuideline, guidance: str):
    _require_staff(actor)
    if not guidance.strip():
        raise ValidationError({"guidance": "Write the guidance; it cannot be empty."})
    guideline.guidance = guidance.strip()
    return _save(guideline, actor)


def culture_descriptor_update(*, actor, descriptor: CultureDescriptor, text: str):
    _require_staff(actor)
    if not text.strip():
        raise ValidationError({"text": "Write the descriptor; it cannot be empty."})
    descriptor.text = text.strip()
    return _save(descriptor, actor)
