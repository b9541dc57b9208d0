"""Writes to the partner registry. Views, the API, imports and jobs all come through here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.sign_in import forget_signed_in_users

from ..models import Contact, OrgUnit, Partner, PartnerMembership, ProgramTier, Segment, Territory
from ..selectors import partner_name_taken, require_portal_contributor

PARTNER_M2M_FIELDS = ("territories", "segments")
# Paths under /partners/ that are pages, not partners: a partner with such a slug would be
# unreachable (/partners/new/ is the "add partner" form).
RESERVED_SLUGS = frozenset({"new", "corrections", "announcements"})


def _unique_slug(name: str, country: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "partner"
    taken = RESERVED_SLUGS | set(
        Partner.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    candidates = [base, f"{base}-{country.lower()}"] if country else [base]
    candidates += [f"{base}-{n}" for n in range(2, len(taken) + 3)]
    return next(slug for slug in candidates if slug not in taken)


def _duplicate_name_error(name: str) -> ValidationError:
    return ValidationError({"name": f"A partner named “{name}” already exists in this country."})


def _check_name_free(*, name: str, country: str, exclude_pk=None) -> None:
    if partner_name_taken(name=name, country=country, exclude_pk=exclude_pk):
        raise _duplicate_name_error(name)


def _save_partner(partner: Partner, many: dict, actor) -> None:
    """Save; a concurrent duplicate caught by the database is reported at `name` like any other."""
    try:
        with transaction.atomic(), acting_as(actor):
            partner.save()
            for key, values in many.items():
                getattr(partner, key).set(values)
    except IntegrityError as error:
        if "partner_unique_name_per_country" in str(error) or "lower" in str(error).lower():
            raise _duplicate_name_error(partner.name) from error
        raise


def _assign(partner: Partner, fields: dict) -> dict:
    """Set plain fields on the instance; return the many-to-many values to set after saving."""
    many = {key: fields.pop(key) for key in PARTNER_M2M_FIELDS if key in fields}
    unknown = set(fields) - {f.name for f in Partner._meta.concrete_fields}
    if unknown:
        raise ValidationError(f"Unknown partner fields: {', '.join(sorted(unknown))}.")
    for key, value in fields.items():
        setattr(partner, key, value)
    return many


EXIT_STATUSES = (Partner.Status.EXITING, Partner.Status.EXITED)


def exit_date_for(*, status: str, exited_on, today=None):
    """The exit date a partner gets with `status`: an exited partner without one exits today;
    a partner back in the program (any status but exiting and exited) has none."""
    if status not in EXIT_STATUSES:
        return None
    if status == Partner.Status.EXITED and exited_on is None:
        return today or timezone.localdate()
    return exited_on


def _apply_exit_date(partner: Partner) -> None:
    partner.exited_on = exit_date_for(status=partner.status, exited_on=partner.exited_on)


def partner_exit_date_changed(*, partner: Partner) -> None:
    """The partner's users' access may have changed (prm.lib.sign_in): their cached copies go,
    so the next request of each reads it again (a session of an exited partner ends)."""
    user_ids = PartnerMembership.objects.filter(partner=partner).values_list("user_id", flat=True)
    forget_signed_in_users(list(user_ids))


@transaction.atomic
def partner_create(*, actor, **fields) -> Partner:
    require_vendor_staff(actor, "Only the channel team can add partners.")
    partner = Partner()
    many = _assign(partner, dict(fields))
    _apply_exit_date(partner)
    _check_name_free(name=partner.name, country=str(partner.country))
    partner.slug = _unique_slug(partner.name, str(partner.country))
    partner.full_clean(exclude=["slug"])
    _save_partner(partner, many, actor)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, actor, **fields) -> Partner:
    require_vendor_staff(actor, "Only the channel team can edit this partner.")
    exit_before = Partner.objects.filter(pk=partner.pk).values_list("exited_on", flat=True).first()
    many = _assign(partner, dict(fields))
    _apply_exit_date(partner)
    _check_name_free(name=partner.name, country=str(partner.country), exclude_pk=partner.pk)
    partner.full_clean()
    _save_partner(partner, many, actor)
    if partner.exited_on != exit_before:
        partner_exit_date_changed(partner=partner)
    return partner


@transaction.atomic
def partner_profile_update(*, membership: PartnerMembership, actor, **fields) -> Partner:
    """A partner admin edits their company's public profile from the portal."""
    require_portal_contributor(membership)
    if not membership.is_partner_admin or membership.user_id != actor.pk:
        raise PermissionDenied("Only your company's partner admin can edit the profile.")
    not_editable = set(fields) - set(Partner.PORTAL_EDITABLE_FIELDS)
    if not_editable:
        raise PermissionDenied(f"These fields are not editable: {', '.join(sorted(not_editable))}.")
    partner = membership.partner
    for key, value in fields.items():
        setattr(partner, key, value)
    partner.full_clean()
    with acting_as(actor):
        partner.save(update_fields=[*fields, "updated_at"])
    return partner


REFERENCE_STAFF_ONLY = "Only the channel team can change reference data."


def _save_reference(instance, actor, fields):
    require_vendor_staff(actor, REFERENCE_STAFF_ONLY)
    for key, value in fields.items():
        setattr(instance, key, value)
    instance.full_clean()
    with acting_as(actor):
        instance.save()
    return instance


def territory_create(*, actor, **fields) -> Territory:
    return _save_reference(Territory(), actor, fields)


def territory_update(*, territory: Territory, actor, **fields) -> Territory:
    return _save_reference(territory, actor, fields)


def segment_create(*, actor, **fields) -> Segment:
    return _save_reference(Segment(), actor, fields)


def segment_update(*, segment: Segment, actor, **fields) -> Segment:
    return _save_reference(segment, actor, fields)


def reference_delete(*, instance, actor) -> None:
    require_vendor_staff(actor, REFERENCE_STAFF_ONLY)
    with acting_as(actor):
        instance.delete()


@transaction.atomic
def partner_tier_set(*, actor, partner: Partner, tier: ProgramTier, reason: str):
    """Move a partner to `tier`; the audit trail keeps who, when and `reason`.

    The partner's row is locked, so concurrent changes apply one after the other. Returns the
    id of the tier the partner had (None for no tier), which the program's tier history
    records.
    """
    require_vendor_staff(actor, "Only the channel team can change a partner's tier.")
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    previous_id = locked.tier_id
    locked.tier = tier
    locked.audit_reason = reason
    with acting_as(actor):
        locked.save(update_fields=["tier", "updated_at"])
    partner.tier = tier
    return previous_id


# --- Org units and contacts: the facts of a partner's organisation ---------------------------

CONTACT_FIELDS = {"first_name", "last_name", "title", "org_unit", "reports_to", "email", "phone"}


ORGANISATION_STAFF_ONLY = "Only the channel team can change a partner's organisation."


def _ancestors(start, parent_of) -> list:
    """Walk up a tree from `start` (an id) using `parent_of` (id → parent id)."""
    seen, node = [], start
    while node is not None and node not in seen:
        seen.append(node)
        node = parent_of.get(node)
    return seen


def _check_reports_to(contact: Contact, manager: Contact | None) -> None:
    if manager is None:
        return
    if manager.partner_id != contact.partner_id:
        raise ValidationError({"reports_to": "The manager must work at the same partner."})
    if manager.left_on is not None:
        raise ValidationError({"reports_to": f"{manager} has left the partner."})
    if contact.pk is None:
        return
    if manager.pk == contact.pk:
        raise ValidationError({"reports_to": "A person cannot report to themselves."})
    parent_of = dict(
        Contact.objects.filter(partner_id=contact.partner_id).values_list("pk", "reports_to_id")
    )
    if contact.pk in _ancestors(manager.pk, parent_of):
        raise ValidationError(
            {"reports_to": f"{manager} already reports (directly or not) to {contact}: "
                           "this would make a reporting cycle."}
        )  # fmt: skip


def _check_email_free(contact: Contact, email: str) -> None:
    """Reported at the field, before the database constraint would answer without one."""
    if not email:
        return
    other = (
        Contact.objects.filter(partner_id=contact.partner_id, email__iexact=email)
        .exclude(pk=contact.pk)
        .first()
    )
    if other is not None:
        raise ValidationError({"email": f"{other} at this partner already has this email."})


def _check_unit(contact_or_unit_partner_id, unit: OrgUnit | None, field="org_unit") -> None:
    if unit is not None and unit.partner_id != contact_or_unit_partner_id:
        raise ValidationError({field: "The unit must belong to the same partner."})


def _check_unit_parent(unit: OrgUnit, parent: OrgUnit | None) -> None:
    _check_unit(unit.partner_id, parent, field="parent")
    if parent is None or unit.pk is None:
        return
    parent_of = dict(
        OrgUnit.objects.filter(partner_id=unit.partner_id).values_list("pk", "parent_id")
    )
    if unit.pk in _ancestors(parent.pk, parent_of):
        raise ValidationError(
            {"parent": f"“{parent}” is inside “{unit}”: a unit cannot sit under its own sub-unit."}
        )


def _check_unit_name_free(unit: OrgUnit) -> None:
    """Reported at `name`, before the database constraint would answer without a field."""
    siblings = OrgUnit.objects.filter(
        partner_id=unit.partner_id, parent_id=unit.parent_id, name__iexact=unit.name
    ).exclude(pk=unit.pk)
    if siblings.exists():
        where = (
            f"“{unit.parent}” already has a sub-unit"
            if unit.parent_id
            else "There is already a top-level unit"
        )
        raise ValidationError({"name": f"{where} named “{unit.name}”."})


def _save_audited(instance, actor):
    instance.full_clean()
    with acting_as(actor):
        instance.save()
    return instance


@transaction.atomic
def org_unit_create(*, actor, partner: Partner, name: str, parent: OrgUnit | None = None):
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    unit = OrgUnit(partner=partner, name=name, parent=parent)
    _check_unit_parent(unit, parent)
    _check_unit_name_free(unit)
    return _save_audited(unit, actor)


@transaction.atomic
def org_unit_update(*, actor, unit: OrgUnit, **fields) -> OrgUnit:
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    for key in set(fields) - {"name", "parent"}:
        raise ValidationError(f"Unknown unit field: {key}.")
    if "parent" in fields:
        _check_unit_parent(unit, fields["parent"])
    for key, value in fields.items():
        setattr(unit, key, value)
    _check_unit_name_free(unit)
    return _save_audited(unit, actor)


@transaction.atomic
def org_unit_delete(*, actor, unit: OrgUnit) -> None:
    """Remove a unit; its people stay on the chart without a unit. Sub-units must go first."""
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    if unit.children.exists():
        raise ValidationError(f"“{unit}” has sub-units: move or delete them first.")
    with acting_as(actor):
        for person in unit.contacts.all():
            person.org_unit = None
            person.save(update_fields=["org_unit", "updated_at"])
        unit.delete()


def _apply_contact_fields(contact: Contact, fields: dict) -> None:
    unknown = set(fields) - CONTACT_FIELDS
    if unknown:
        raise ValidationError(f"Unknown contact fields: {', '.join(sorted(unknown))}.")
    if "reports_to" in fields:
        _check_reports_to(contact, fields["reports_to"])
    if "org_unit" in fields:
        _check_unit(contact.partner_id, fields["org_unit"])
    if "email" in fields:
        _check_email_free(contact, fields["email"])
    for key, value in fields.items():
        setattr(contact, key, value)


@transaction.atomic
def contact_create(*, actor, partner: Partner, **fields) -> Contact:
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    contact = Contact(partner=partner)
    _apply_contact_fields(contact, fields)
    return _save_audited(contact, actor)


@transaction.atomic
def contact_update(*, actor, contact: Contact, **fields) -> Contact:
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    _apply_contact_fields(contact, fields)
    return _save_audited(contact, actor)


_UNCHANGED = object()


def contact_move(*, actor, contact: Contact, reports_to=_UNCHANGED, org_unit=_UNCHANGED) -> Contact:
    """Change a person's manager and/or unit (from the org chart); None means "no manager" or
    "no unit", an argument left out keeps what the person has."""
    moves = {"reports_to": reports_to, "org_unit": org_unit}
    changes = {key: value for key, value in moves.items() if value is not _UNCHANGED}
    return contact_update(actor=actor, contact=contact, **changes)


@transaction.atomic
def contact_mark_left(*, actor, contact: Contact, left_on) -> Contact:
    """The person has left: kept in history, off the chart; their reports move up one level."""
    require_vendor_staff(actor, ORGANISATION_STAFF_ONLY)
    if contact.left_on is not None:
        raise ValidationError({"left_on": f"{contact} is already marked as having left."})
    with acting_as(actor):
        for report in Contact.objects.current().filter(reports_to=contact):
            report.reports_to_id = contact.reports_to_id
            report.save(update_fields=["reports_to", "updated_at"])
        contact.left_on = left_on
        contact.full_clean()
        contact.save()
    return contact
