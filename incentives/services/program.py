"""Writes of the program area: what tiers require and give, tier changes (with history) and
gated resources (checked uploads)."""

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partners import selectors as partner_selectors
from partners import services as partner_services
from partners.models import Partner, ProgramTier
from prm.lib import uploads
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from ..models import Benefit, Resource, TierChange, TierRequirement

STAFF_ONLY = "Only the vendor's channel team manages the partner program."


# --- tier requirements and benefits -------------------------------------------------------------

BENEFIT_FIELDS = ("tier", "kind", "value", "amount")


def _check_requirement(*, min_annual_revenue, min_certified_people, min_audit_score) -> None:
    errors = {}
    if min_annual_revenue is not None and Decimal(min_annual_revenue) < 0:
        errors["min_annual_revenue"] = "The revenue cannot be negative; leave it empty if none."
    if min_certified_people is not None and min_certified_people < 0:
        errors["min_certified_people"] = "The number of people cannot be negative."
    if min_audit_score is not None and not 0 <= min_audit_score <= 100:
        errors["min_audit_score"] = "An audit score is between 0 and 100."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def tier_requirement_set(
    *, actor, tier: ProgramTier, min_annual_revenue: Decimal | None,
    min_certified_people: int | None, min_audit_score: int | None,
) -> TierRequirement:  # fmt: skip
    """Create or change the one requirement row of a tier; an empty value is not required."""
    require_vendor_staff(actor, STAFF_ONLY)
    _check_requirement(
        min_annual_revenue=min_annual_revenue, min_certified_people=min_certified_people,
        min_audit_score=min_audit_score,
    )  # fmt: skip
    # The tier's row lock keeps two first saves from both creating the row.
    partner_selectors.tiers().select_for_update().get(pk=tier.pk)
    requirement = TierRequirement.objects.filter(tier=tier).first() or TierRequirement(tier=tier)
    requirement.min_annual_revenue = min_annual_revenue
    requirement.min_certified_people = min_certified_people
    requirement.min_audit_score = min_audit_score
    requirement.full_clean()
    with acting_as(actor):
        requirement.save()
    tier.requirement = requirement
    return requirement


def _check_benefit(benefit: Benefit) -> None:
    errors = {}
    benefit.value = (benefit.value or "").strip()
    if benefit.tier_id is None:
        errors["tier"] = "Choose the tier that gives this benefit."
    if benefit.kind not in Benefit.Kind.values:
        errors["kind"] = "Choose the kind of benefit."
    elif benefit.tier_id and _kind_taken(benefit):
        label = Benefit.Kind(benefit.kind).label
        errors["kind"] = f"{benefit.tier} already has a “{label}” benefit: change that one instead."
    if not benefit.value:
        errors["value"] = "Say what partners get, e.g. “15% off list”."
    if benefit.amount is not None and Decimal(benefit.amount) < 0:
        errors["amount"] = "The amount cannot be negative."
    if errors:
        raise ValidationError(errors)


def _kind_taken(benefit: Benefit) -> bool:
    others = Benefit.objects.filter(tier_id=benefit.tier_id, kind=benefit.kind)
    return others.exclude(pk=benefit.pk).exists()


def _save_benefit(benefit: Benefit, actor) -> Benefit:
    _check_benefit(benefit)
    benefit.full_clean(validate_constraints=False)
    try:
        with transaction.atomic(), acting_as(actor):
            benefit.save()
    except IntegrityError as error:  # the same kind saved concurrently for the tier
        raise ValidationError({"kind": "This tier already has a benefit of this kind."}) from error
    return benefit


def benefit_create(
    *, actor, tier: ProgramTier, kind: str, value: str, amount: Decimal | None = None
) -> Benefit:
    require_vendor_staff(actor, STAFF_ONLY)
    return _save_benefit(Benefit(tier=tier, kind=kind, value=value, amount=amount), actor)


def benefit_update(*, actor, benefit: Benefit, **fields) -> Benefit:
    """Change any of `tier`, `kind`, `value`, `amount`; the others stay as they are."""
    require_vendor_staff(actor, STAFF_ONLY)
    unknown = set(fields) - set(BENEFIT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(benefit, name, value)
    return _save_benefit(benefit, actor)


def benefit_delete(*, actor, benefit: Benefit) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        benefit.delete()


# --- tier changes --------------------------------------------------------------------------------


def tier_change(*, actor, partner: Partner, to_tier: ProgramTier, reason: str) -> TierChange:
    """Move a partner to another tier; the history row and the partner's tier change together."""
    require_vendor_staff(actor, STAFF_ONLY)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Say why the tier changes; the history keeps it."
    if to_tier is None:
        errors["to_tier"] = "Choose the new tier."
    elif partner.tier_id == to_tier.pk:
        errors["to_tier"] = f"{partner.name} is already {to_tier.name}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(actor):
        from_tier_id = partner_services.partner_tier_set(
            actor=actor, partner=partner, tier=to_tier, reason=reason
        )
        return TierChange.objects.create(
            partner=partner,
            from_tier_id=from_tier_id,
            to_tier=to_tier,
            reason=reason,
            changed_by=actor,
            changed_at=timezone.now(),
        )


def validate_upload(upload) -> None:
    """Type by extension, content and structure, and size (prm.lib.uploads); raises
    ValidationError keyed by `file`."""
    try:
        uploads.validate_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error


def _clean_resource(*, file, link, keep_file: bool) -> None:
    has_file = bool(file) or keep_file
    if file and link:
        raise ValidationError({"link": "Give a file or a link, not both."})
    if not has_file and not link:
        raise ValidationError({"file": "Upload a file or give a link."})
    if file:
        validate_upload(file)


@transaction.atomic
def resource_create(
    *, actor, title: str, category: str, description: str = "", minimum_tier=None,
    file=None, link: str = "",
) -> Resource:  # fmt: skip
    require_vendor_staff(actor, STAFF_ONLY)
    _clean_resource(file=file, link=link, keep_file=False)
    resource = Resource(
        title=title, description=description, category=category,
        minimum_tier=minimum_tier, link=link or "",
    )  # fmt: skip
    if file:
        resource.file.save(Path(file.name).name, file, save=False)
    resource.full_clean()
    with acting_as(actor):
        resource.save()
    return resource


@transaction.atomic
def resource_update(*, actor, resource: Resource, file=None, link: str = "", **fields) -> Resource:
    """Change a resource; a new file replaces the old one, a link replaces a file."""
    require_vendor_staff(actor, STAFF_ONLY)
    keep_file = bool(resource.file) and not link and not file
    _clean_resource(file=file, link=link, keep_file=keep_file)
    for name in ("title", "description", "category", "minimum_tier"):
        if name in fields:
            setattr(resource, name, fields[name])
    old_file = resource.file.name if resource.file and (file or link) else ""
    resource.link = link or ""
    if file:
        resource.file.save(Path(file.name).name, file, save=False)
    elif link:
        resource.file = ""
    resource.full_clean()
    with acting_as(actor):
        resource.save()
    if old_file:
        transaction.on_commit(lambda: resource.file.storage.delete(old_file))
    return resource
