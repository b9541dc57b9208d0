"""Writes of the program area: tier changes (with history) and gated resources (checked uploads)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from partners.models import Partner, ProgramTier

from .models import Resource, TierChange

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
# Extension → how its content must start (None: text, checked by decoding instead).
ALLOWED_UPLOADS = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "docx": ZIP_MAGIC,
    "xlsx": ZIP_MAGIC,
    "pptx": ZIP_MAGIC,
    "zip": ZIP_MAGIC,
    "txt": None,
    "csv": None,
}
ALLOWED_LABEL = "PDF, PNG, JPG, DOCX, XLSX, PPTX, ZIP, TXT or CSV"


def _require_staff(actor) -> None:
    if not actor.is_vendor_staff:
        raise PermissionDenied("Only the vendor's channel team manages the partner program.")


def tier_change(*, actor, partner: Partner, to_tier: ProgramTier, reason: str) -> TierChange:
    """Move a partner to another tier; the history row and the partner's tier change together."""
    _require_staff(actor)
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
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        change = TierChange.objects.create(
            partner=locked,
            from_tier_id=locked.tier_id,
            to_tier=to_tier,
            reason=reason,
            changed_by=actor,
            changed_at=timezone.now(),
        )
        locked.tier = to_tier
        locked.save(update_fields=["tier", "updated_at"])
    partner.tier = to_tier
    return change


def validate_upload(upload) -> None:
    """Type by extension AND content, and size; raises ValidationError keyed by `file`."""
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_UPLOADS:
        raise ValidationError(
            {"file": f"Files of this type are not accepted: use {ALLOWED_LABEL}."}
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": "The file is larger than 20 MB."})
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty."})
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    magic = ALLOWED_UPLOADS[extension]
    if magic is None:
        if b"\x00" in head or _not_text(head):
            raise ValidationError({"file": f"The content is not a .{extension} text file."})
    elif not head.startswith(magic):
        raise ValidationError({"file": f"The content does not match the .{extension} extension."})


def _not_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start < len(head) - 3
    return False


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
    _require_staff(actor)
    _clean_resource(file=file, link=link, keep_file=False)
    resource = Resource(
        title=title, description=description, category=category,
        minimum_tier=minimum_tier, link=link or "",
    )  # fmt: skip
    if file:
        resource.file.save(Path(file.name).name, file, save=False)
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_update(*, actor, resource: Resource, file=None, link: str = "", **fields) -> Resource:
    """Change a resource; a new file replaces the old one, a link replaces a file."""
    _require_staff(actor)
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
    resource.save()
    if old_file:
        transaction.on_commit(lambda: resource.file.storage.delete(old_file))
    return resource
