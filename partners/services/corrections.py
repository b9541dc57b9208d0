"""People corrections: a partner admin proposes, the channel team accepts (the change goes
through the contact services, in the same transaction) or rejects with a reason."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import Contact, ContactCorrection, CorrectionKind, CorrectionStatus, OrgUnit, Partner
from ..selectors import may_propose_corrections, membership_of
from . import contact_create, contact_mark_left, contact_update


def _require_may_propose(actor, partner: Partner) -> None:
    membership = membership_of(user=actor)
    if membership is None or membership.partner_id != partner.pk:
        raise PermissionDenied(_("You can correct your own company's people only."))
    if not may_propose_corrections(membership):
        raise PermissionDenied(_("Only your company's partner admin can propose corrections."))


def _check_contact(partner, kind, contact, errors) -> None:
    if kind == CorrectionKind.NEW_PERSON:
        return
    if contact is None:
        errors["contact"] = _("Choose the person this is about.")
    elif contact.partner_id != partner.pk or contact.left_on is not None:
        errors["contact"] = _("Choose one of your company's current people.")


def _check_new_person(partner, fields, errors) -> None:
    for name in ("first_name", "last_name"):
        if not fields[name].strip():
            errors[name] = _("This field is required.")
    email = fields["email"].strip()
    if email and Contact.objects.filter(partner=partner, email__iexact=email).exists():
        errors["email"] = _("Someone at your company already has this email.")


def _check_title(contact, fields, errors) -> None:
    if contact is None:
        return
    same_title = not fields["title"].strip() or fields["title"].strip() == contact.title
    same_unit = fields["org_unit"] is None or fields["org_unit"].pk == contact.org_unit_id
    if same_title and same_unit:
        errors["title"] = _("Give the new title or unit.")


def _validate(partner, kind, contact, fields) -> None:
    errors = {}
    if kind not in CorrectionKind.values:
        raise ValidationError({"kind": _("Choose what changed.")})
    _check_contact(partner, kind, contact, errors)
    unit = fields["org_unit"]
    if unit is not None and unit.partner_id != partner.pk:
        errors["org_unit"] = _("Choose one of your company's units.")
    if kind == CorrectionKind.NEW_PERSON:
        _check_new_person(partner, fields, errors)
    elif kind == CorrectionKind.LEFT:
        left_on = fields["left_on"]
        if left_on is None:
            errors["left_on"] = _("Say when the person left.")
        elif left_on > timezone.localdate() + datetime.timedelta(days=90):
            errors["left_on"] = _("That is too far ahead; propose it closer to the day.")
    elif "contact" not in errors:
        _check_title(contact, fields, errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_correction_propose(
    *, actor, partner: Partner, kind: str, contact: Contact | None = None, first_name: str = "",
    last_name: str = "", title: str = "", email: str = "", org_unit: OrgUnit | None = None,
    left_on: datetime.date | None = None, note: str = "",
) -> ContactCorrection:  # fmt: skip
    _require_may_propose(actor, partner)
    fields = {"first_name": first_name or "", "last_name": last_name or "", "title": title or "",
              "email": email or "", "org_unit": org_unit, "left_on": left_on}  # fmt: skip
    _validate(partner, kind, contact, fields)
    if kind != CorrectionKind.NEW_PERSON:
        fields.update(first_name="", last_name="", email="")
    if kind != CorrectionKind.LEFT:
        fields["left_on"] = None
    cleaned = {key: value.strip() if isinstance(value, str) else value
               for key, value in fields.items()}  # fmt: skip
    correction = ContactCorrection(
        partner=partner, kind=kind, contact=contact if kind != CorrectionKind.NEW_PERSON else None,
        note=(note or "").strip(), proposed_by=actor, **cleaned,
    )  # fmt: skip
    try:
        with transaction.atomic(), acting_as(actor):
            correction.save()
    except IntegrityError as error:
        if "correction_one_open_per_contact_kind" not in str(error) and "UNIQUE" not in str(error):
            raise
        raise ValidationError(
            {"contact": _("A correction of this kind for this person is already waiting.")}
        ) from error
    notifications.correction_proposed(correction=correction, actor=actor)
    return correction


def _locked_open(correction: ContactCorrection) -> ContactCorrection:
    locked = (
        ContactCorrection.objects.select_for_update(of=("self",))
        .select_related("partner", "contact", "org_unit")
        .get(pk=correction.pk)
    )
    if locked.status != CorrectionStatus.PROPOSED:
        raise ValidationError(
            {"status": _("This correction is already %(status)s.")
             % {"status": locked.get_status_display().lower()}}
        )  # fmt: skip
    return locked


def _apply(actor, correction: ContactCorrection) -> None:
    """The change itself, through the contact services (their checks apply)."""
    if correction.kind == CorrectionKind.NEW_PERSON:
        correction.created_contact = contact_create(
            actor=actor, partner=correction.partner, first_name=correction.first_name,
            last_name=correction.last_name, title=correction.title, email=correction.email,
            org_unit=correction.org_unit,
        )  # fmt: skip
    elif correction.kind == CorrectionKind.LEFT:
        contact_mark_left(actor=actor, contact=correction.contact, left_on=correction.left_on)
    else:
        changes = {}
        if correction.title:
            changes["title"] = correction.title
        if correction.org_unit_id:
            changes["org_unit"] = correction.org_unit
        contact_update(actor=actor, contact=correction.contact, **changes)


def _decide(actor, correction, status, reason=""):
    correction.status, correction.rejection_reason = status, reason
    correction.decided_by, correction.decided_at = actor, timezone.now()
    with acting_as(actor):
        correction.save()
    notifications.correction_decided(correction=correction, actor=actor)
    return correction


@transaction.atomic
def contact_correction_accept(*, actor, correction: ContactCorrection) -> ContactCorrection:
    require_vendor_staff(actor, _("Only the channel team decides people corrections."))
    correction = _locked_open(correction)
    _apply(actor, correction)
    return _decide(actor, correction, CorrectionStatus.ACCEPTED)


@transaction.atomic
def contact_correction_reject(
    *, actor, correction: ContactCorrection, reason: str
) -> ContactCorrection:
    require_vendor_staff(actor, _("Only the channel team decides people corrections."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why; the partner sees it.")})
    correction = _locked_open(correction)
    return _decide(actor, correction, CorrectionStatus.REJECTED, reason.strip())
