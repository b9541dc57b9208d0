"""Writes of performance audits: audits, their follow-up actions and the area weights."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from partners.models import Partner
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited

from ..models.audits import (
    AREAS,
    CRITERIA,
    SCORE_MAX,
    SCORE_MIN,
    AuditWeights,
    PerformanceAudit,
    PerformanceAuditAction,
)

AUDIT_FIELDS = {"audited_on", "share_with_partner", "summary"} | set(CRITERIA)
AUDIT_FIELDS |= {f"{name}_note" for name in CRITERIA}
STAFF_ONLY = "Performance audits are for the vendor's channel team."


def _check_scores(audit: PerformanceAudit) -> None:
    errors = {}
    for name in CRITERIA:
        value = getattr(audit, name, None)
        if value is None or not (isinstance(value, int) and SCORE_MIN <= value <= SCORE_MAX):
            errors[name] = f"Score it from {SCORE_MIN} to {SCORE_MAX}."
    if audit.audited_on and audit.audited_on > datetime.date.today():
        errors["audited_on"] = "An audit cannot be dated in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def audit_create(*, actor, partner: Partner, audited_on: datetime.date, **fields):
    require_vendor_staff(actor, STAFF_ONLY)
    audit = PerformanceAudit(partner=partner, audited_on=audited_on, audited_by=actor)
    assign_fields(audit, fields, AUDIT_FIELDS)
    _check_scores(audit)
    return save_audited(audit, actor)


@transaction.atomic
def audit_update(*, actor, audit: PerformanceAudit, **fields) -> PerformanceAudit:
    require_vendor_staff(actor, STAFF_ONLY)
    assign_fields(audit, fields, AUDIT_FIELDS)
    _check_scores(audit)
    return save_audited(audit, actor)


def audit_share(*, actor, audit: PerformanceAudit, share: bool) -> PerformanceAudit:
    """Show (or stop showing) the audit's scores in the partner's portal."""
    require_vendor_staff(actor, STAFF_ONLY)
    audit.share_with_partner = share
    with acting_as(actor):
        audit.save(update_fields=["share_with_partner", "updated_at"])
    return audit


@transaction.atomic
def audit_delete(*, actor, audit: PerformanceAudit) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        audit.delete()


def audit_action_create(*, actor, audit: PerformanceAudit, what: str, owner, due=None):
    require_vendor_staff(actor, STAFF_ONLY)
    if not (what or "").strip():
        raise ValidationError({"what": "Say what is to be done."})
    if owner is None or not owner.is_vendor_staff:
        raise ValidationError({"owner": "Choose someone of the channel team."})
    action = PerformanceAuditAction(audit=audit, what=what.strip(), owner=owner, due=due)
    return save_audited(action, actor)


def audit_action_set_done(*, actor, action: PerformanceAuditAction, done: bool = True):
    require_vendor_staff(actor, STAFF_ONLY)
    action.done = done
    with acting_as(actor):
        action.save(update_fields=["done", "updated_at"])
    return action


@transaction.atomic
def audit_weights_set(*, actor, **weights: int) -> AuditWeights:
    """Replace the current weights; the previous set stays as history."""
    require_vendor_staff(actor, STAFF_ONLY)
    keys = {key for key, _, _ in AREAS}
    if set(weights) != keys:
        raise ValidationError(f"Give a weight for each area: {', '.join(sorted(keys))}.")
    errors = {k: "Between 0 and 100." for k, v in weights.items() if not 0 <= v <= 100}
    if not errors and sum(weights.values()) != 100:
        errors = {key: "The four weights must add up to 100." for key in weights}
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        AuditWeights.objects.filter(is_current=True).update(is_current=False)
        return AuditWeights.objects.create(is_current=True, **weights)
