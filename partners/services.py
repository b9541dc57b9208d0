"""Writes to the partner registry. Views, the API, imports and jobs all come through here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from prm.lib.audit import acting_as

from .models import Partner, PartnerMembership, Segment, Territory
from .selectors import partner_name_taken

PARTNER_M2M_FIELDS = ("territories", "segments")
# Paths under /partners/ that are pages, not partners: a partner with such a slug would be
# unreachable (/partners/new/ is the "add partner" form).
RESERVED_SLUGS = frozenset({"new"})


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


@transaction.atomic
def partner_create(*, actor, **fields) -> Partner:
    if not actor.is_vendor_staff:
        raise PermissionDenied("Only the channel team can add partners.")
    partner = Partner()
    many = _assign(partner, dict(fields))
    _check_name_free(name=partner.name, country=str(partner.country))
    partner.slug = _unique_slug(partner.name, str(partner.country))
    partner.full_clean(exclude=["slug"])
    _save_partner(partner, many, actor)
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, actor, **fields) -> Partner:
    if not actor.is_vendor_staff:
        raise PermissionDenied("Only the channel team can edit this partner.")
    many = _assign(partner, dict(fields))
    _check_name_free(name=partner.name, country=str(partner.country), exclude_pk=partner.pk)
    partner.full_clean()
    _save_partner(partner, many, actor)
    return partner


@transaction.atomic
def partner_profile_update(*, membership: PartnerMembership, actor, **fields) -> Partner:
    """A partner admin edits their company's public profile from the portal."""
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


def _save_reference(instance, actor, fields):
    if not actor.is_vendor_staff:
        raise PermissionDenied("Only the channel team can change reference data.")
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
    if not actor.is_vendor_staff:
        raise PermissionDenied("Only the channel team can change reference data.")
    with acting_as(actor):
        instance.delete()
