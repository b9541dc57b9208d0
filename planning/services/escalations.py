"""Writes of escalations: staff log them, change them and resolve them; the partner's admins
hear when one for them is logged and when it is resolved."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Partner
from partners.selectors import portal_memberships
from prm.lib.access import require_vendor_staff
from prm.lib.dates import day_label
from prm.lib.services import assign_fields, save_audited
from prm.notifications import notify

from ..models import Escalation, EscalationOutcome

FIELDS = {"customer", "summary", "severity", "opened_on", "resolved_on", "effort_hours",
          "outcome", "partner_notes", "internal_notes"}  # fmt: skip
STAFF_ONLY = "Escalations are logged by the vendor's channel team."
LOGGED, RESOLVED = "escalation_logged", "escalation_resolved"


@transaction.atomic
def escalation_log(*, actor, partner: Partner, customer: str, summary: str, severity: str,
                   opened_on: datetime.date, **fields) -> Escalation:  # fmt: skip
    """A new escalation of `partner`'s customer (open unless `outcome` and `resolved_on` say
    otherwise). Its partner's admins are told."""
    require_vendor_staff(actor, STAFF_ONLY)
    escalation = Escalation(
        partner=partner, customer=(customer or "").strip(), summary=(summary or "").strip(),
        severity=severity, opened_on=opened_on, logged_by=actor,
    )  # fmt: skip
    assign_fields(escalation, fields, FIELDS)
    _check(escalation)
    save_audited(escalation, actor)
    _tell_partner_admins(escalation, actor=actor, kind=LOGGED)
    if not escalation.is_open:
        _tell_partner_admins(escalation, actor=actor, kind=RESOLVED)
    return escalation


@transaction.atomic
def escalation_update(*, actor, escalation: Escalation, **fields) -> Escalation:
    """Change any of an escalation's facts (its partner stays). Closing it this way tells the
    partner's admins as `escalation_resolve` does."""
    require_vendor_staff(actor, STAFF_ONLY)
    was_open = Escalation.objects.get(pk=escalation.pk).is_open
    assign_fields(escalation, fields, FIELDS)
    _check(escalation)
    save_audited(escalation, actor)
    if was_open and not escalation.is_open:
        _tell_partner_admins(escalation, actor=actor, kind=RESOLVED)
    return escalation


@transaction.atomic
def escalation_resolve(*, actor, escalation: Escalation, outcome: str,
                       resolved_on: datetime.date, effort_hours: Decimal | None = None,
                       partner_notes: str | None = None) -> Escalation:  # fmt: skip
    """Close an open escalation with its outcome and date (and, if given, its final hours and
    what the partner should read)."""
    require_vendor_staff(actor, STAFF_ONLY)
    if not Escalation.objects.get(pk=escalation.pk).is_open:
        raise ValidationError({"outcome": _("This escalation is already resolved.")})
    if outcome == EscalationOutcome.OPEN:
        raise ValidationError({"outcome": _("Choose how it ended.")})
    fields = {"outcome": outcome, "resolved_on": resolved_on}
    if effort_hours is not None:
        fields["effort_hours"] = effort_hours
    if partner_notes is not None:
        fields["partner_notes"] = partner_notes
    return escalation_update(actor=actor, escalation=escalation, **fields)


def _check(escalation: Escalation) -> None:
    """The errors a person can fix, each at its field (the database holds the same rules)."""
    errors = {}
    if not escalation.customer:
        errors["customer"] = _("Name the customer.")
    if not escalation.summary:
        errors["summary"] = _("Say what happened.")
    if escalation.opened_on and escalation.opened_on > timezone.localdate():
        errors["opened_on"] = _("An escalation cannot be opened in the future.")
    hours = escalation.effort_hours
    if hours is None:
        escalation.effort_hours = Decimal("0")
    elif hours < 0:
        errors["effort_hours"] = _("Hours cannot be negative.")
    resolved_on, outcome = escalation.resolved_on, escalation.outcome or EscalationOutcome.OPEN
    escalation.outcome = outcome
    if resolved_on and escalation.opened_on and resolved_on < escalation.opened_on:
        errors["resolved_on"] = _("It cannot be resolved before it was opened.")
    elif resolved_on and resolved_on > timezone.localdate():
        errors["resolved_on"] = _("It cannot be resolved in the future.")
    elif outcome != EscalationOutcome.OPEN and not resolved_on:
        errors["resolved_on"] = _("An outcome needs the date it was resolved on.")
    elif outcome == EscalationOutcome.OPEN and resolved_on:
        errors["outcome"] = _("Say how it ended, or clear the date it was resolved on.")
    if errors:
        raise ValidationError(errors)


def partner_admin_ids(partner_id: int) -> list[int]:
    """The active portal users of the partner who are its partner admins."""
    memberships = portal_memberships(partner=partner_id)
    return [m.user_id for m in memberships if m.is_partner_admin and m.user.is_active]


def _tell_partner_admins(escalation: Escalation, *, actor, kind: str) -> None:
    if kind == LOGGED:
        verb = _("logged an escalation of your customer")
    else:
        verb = _("resolved an escalation of your customer")
    detail = escalation.get_severity_display()
    if kind == RESOLVED:
        detail = f"{escalation.get_outcome_display()}, {day_label(escalation.resolved_on)}"
    notify(
        kind=kind, recipients=partner_admin_ids(escalation.partner_id), actor=actor, verb=verb,
        object_label=f"{escalation.customer} ({detail})", partner_label=escalation.partner.name,
        url=reverse("planning-portal:escalation-detail", args=[escalation.pk]),
    )  # fmt: skip
