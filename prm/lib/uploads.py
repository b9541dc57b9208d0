"""One check for every uploaded file: its type by extension, content AND structure, and its size.

A name ending `.pdf` whose bytes start `%PDF-` is not enough: the whole file must be what it says
(a PDF with its end-of-file marker and no launch action; an Office document a real OOXML package;
a zip with no programs inside), and no upload may carry a Windows program anywhere. Raises
`ValidationError` with a message for the user; forms and services put it at their file field.
"""

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
ZIP = b"PK\x03\x04"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
KINDS = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "zip", "txt", "csv")
LABEL = "PDF, PNG, JPG, DOCX, XLSX, PPTX, ZIP, TXT or CSV"

# Programs and scripts a zip (or an Office document, which is a zip) must not carry.
RUNNABLE = {
    ".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".hta", ".jar", ".sh", ".lnk", ".cpl", ".pif", ".app", ".elf",
}  # fmt: skip
# The DOS stub every Windows program starts with, wherever it hides in a file.
PROGRAM_STUBS = (b"This program cannot be run in DOS mode", b"This program must be run under Win32")
MAX_UNPACKED_RATIO = 100  # a zip that unpacks to more than 100x its size is a zip bomb
CHUNK = 1024 * 1024


def max_upload_size() -> int:
    return settings.PRM_MAX_UPLOAD_SIZE


def validate_upload(
    upload, *, kinds=KINDS, max_size: int | None = None, structure: bool = True
) -> str:
    """Check `upload` (a Django UploadedFile) and return its kind (the extension).

    `structure=False` leaves the check of the content's structure to the caller (a CSV import
    reports a bad byte or a NUL at its line, better than a check of the whole file can)."""
    kind = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if kind not in kinds:
        label = LABEL if kinds == KINDS else ", ".join(kind.upper() for kind in kinds)
        raise ValidationError(f"Files of this type are not accepted: use {label}.")
    limit = max_upload_size() if max_size is None else max_size
    if upload.size > limit:
        raise ValidationError(f"The file is larger than {filesizeformat(limit)}.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    content = _read(upload)
    if any(stub in content for stub in PROGRAM_STUBS):
        raise ValidationError("The file holds a program: it is not accepted.")
    if structure:
        CHECKS[kind](content, kind)
    return kind


def _read(upload) -> bytes:
    upload.seek(0)
    content = b"".join(upload.chunks(CHUNK))
    upload.seek(0)
    return content


def _mismatch(kind: str) -> ValidationError:
    return ValidationError(f"The content does not match the .{kind} extension.")


def _pdf(content: bytes, kind: str) -> None:
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise _mismatch(kind)
    if b"/Launch" in content:  # an action that starts a program when the PDF is opened
        raise ValidationError("The PDF would start a program when opened: it is not accepted.")


def _image(magic: bytes, end: bytes):
    def check(content: bytes, kind: str) -> None:
        if not content.startswith(magic) or end not in content[-64:]:
            raise _mismatch(kind)

    return check


def _zip(content: bytes, kind: str) -> None:
    if not content.startswith(ZIP):
        raise _mismatch(kind)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _mismatch(kind) from error
    names = [entry.filename for entry in entries]
    if any(PurePath(name).suffix.lower() in RUNNABLE for name in names):
        raise ValidationError("The archive holds a program or a script: it is not accepted.")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_RATIO * max(len(content), 1):
        raise ValidationError("The archive unpacks to far more than its size: not accepted.")
    if kind in OOXML_PARTS and (
        "[Content_Types].xml" not in names
        or not any(name.startswith(OOXML_PARTS[kind]) for name in names)
    ):
        raise _mismatch(kind)


def _text(content: bytes, kind: str) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(f"The content is not a .{kind} text file (UTF-8).") from error
    if "\x00" in text:
        raise ValidationError(f"The content is not a .{kind} text file (it holds NUL bytes).")


CHECKS = {
    "pdf": _pdf,
    "png": _image(PNG, b"IEND"),
    "jpg": _image(JPEG, b"\xff\xd9"),
    "jpeg": _image(JPEG, b"\xff\xd9"),
    "docx": _zip,
    "xlsx": _zip,
    "pptx": _zip,
    "zip": _zip,
    "txt": _text,
    "csv": _text,
}
