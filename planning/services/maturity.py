"""Writes of the operations maturity: an assessment with a rating of every process (all or
nothing), and an improvement action marked done. The owners of new actions are notified."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prm.lib.access import require_vendor_staff
from prm.lib.dates import day_label
from prm.lib.services import save_audited
from prm.notifications import notify

from ..models import ChannelProcess, OperationsAssessment, ProcessRating

STAFF_ONLY = "Operations assessments are for the vendor's channel team."
RATING_FIELDS = ("level", "evidence", "action", "action_owner", "action_due")


def field_key(process: ChannelProcess, field: str) -> str:
    """How an error of one process's rating is named (the form's field names too)."""
    return f"{process.key}__{field}"


@transaction.atomic
def assessment_create(
    *, actor, assessed_on: datetime.date, ratings: list[dict], notes: str = ""
) -> OperationsAssessment:
    """Rate every active process once. `ratings`: dicts of `process` (a ChannelProcess) and
    `level`, `evidence`, optionally `action` with `action_owner` and `action_due`. Any error
    saves nothing."""
    require_vendor_staff(actor, STAFF_ONLY)
    errors = _check_processes(ratings)
    if assessed_on and assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("An assessment cannot be dated in the future.")]
    rows = []
    for data in ratings:
        if "process" not in data or field_key(data["process"], "process") in errors:
            continue
        rows.append(_rating(data))
        errors.update(_check_rating(rows[-1], assessed_on))
    if errors:
        raise ValidationError(errors)
    assessment = save_audited(
        OperationsAssessment(assessed_on=assessed_on, assessed_by=actor, notes=notes or ""), actor
    )
    for rating in rows:
        rating.assessment = assessment
        save_audited(rating, actor)
    for rating in rows:
        if rating.action_owner_id:
            _notify_owner(rating, actor)
    return assessment


def rating_errors(*, ratings: list[dict], assessed_on) -> dict:
    """What is wrong with each rating on its own (forms show it before saving)."""
    errors = {}
    for data in ratings:
        errors.update(_check_rating(_rating(data), assessed_on))
    return errors


def _check_processes(ratings: list[dict]) -> dict:
    expected = {p.pk: p for p in ChannelProcess.objects.filter(active=True)}
    errors, seen = {}, set()
    if not expected:
        errors["ratings"] = [_("No channel process is active: nothing to rate.")]
    for data in ratings:
        process = data.get("process")
        if process is None:
            errors["ratings"] = [_("Every rating names its process.")]
        elif process.pk not in expected:
            errors[field_key(process, "process")] = [_("This process is not rated any more.")]
        elif process.pk in seen:
            errors[field_key(process, "process")] = [_("Rate each process once.")]
        else:
            seen.add(process.pk)
    missing = [p.name for pk, p in expected.items() if pk not in seen]
    if missing:
        errors.setdefault("ratings", []).append(
            _("Rate every process; missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    return errors


def _rating(data: dict) -> ProcessRating:
    unknown = set(data) - {"process", *RATING_FIELDS}
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    return ProcessRating(
        process=data["process"], level=data.get("level"), evidence=data.get("evidence") or "",
        action=(data.get("action") or "").strip(), action_owner=data.get("action_owner"),
        action_due=data.get("action_due"),
    )  # fmt: skip


def _check_rating(rating: ProcessRating, assessed_on) -> dict:
    process, errors = rating.process, {}
    if rating.level not in ProcessRating.Level.values:
        errors[field_key(process, "level")] = [_("Choose one of the five levels.")]
    if not rating.evidence.strip():
        errors[field_key(process, "evidence")] = [_("Say what the level rests on.")]
    if rating.action:
        if rating.action_owner is None:
            errors[field_key(process, "action_owner")] = [_("An action needs an owner.")]
        elif not rating.action_owner.is_vendor_staff:
            errors[field_key(process, "action_owner")] = [_("Choose one of our own people.")]
        if rating.action_due is None:
            errors[field_key(process, "action_due")] = [_("An action needs a due date.")]
        elif assessed_on and rating.action_due < assessed_on:
            errors[field_key(process, "action_due")] = [
                _("The action cannot be due before the assessment.")
            ]
    else:
        for field in ("action_owner", "action_due"):
            if getattr(rating, field) is not None:
                errors[field_key(process, field)] = [_("Describe the action first.")]
    return errors


def _notify_owner(rating: ProcessRating, actor) -> None:
    notify(
        kind="maturity_action_assigned", recipients=[rating.action_owner_id], actor=actor,
        verb=_("assigned you an improvement action"),
        object_label=_("%(process)s: %(action)s (due %(due)s)") % {
            "process": rating.process.name, "action": rating.action,
            "due": day_label(rating.action_due)},
        url=rating.get_absolute_url(),
    )  # fmt: skip


def rating_action_complete(
    *, actor, rating: ProcessRating, done_on: datetime.date | None = None
) -> ProcessRating:
    """Mark the rating's improvement action done (today unless `done_on`)."""
    require_vendor_staff(actor, STAFF_ONLY)
    if not rating.action:
        raise ValidationError(_("This rating has no improvement action."))
    if rating.action_done_on is not None:
        raise ValidationError(_("This action is already done."))
    rating.action_done_on = done_on or timezone.localdate()
    return save_audited(rating, actor)
