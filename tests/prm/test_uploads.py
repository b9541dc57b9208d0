"""Uploads are checked by content and structure, not only by name (prm/lib/uploads.py)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prm.lib.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20 + b"IEND\xaeB`\x82"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"\xff\xd9"
PROGRAM = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode.\r\n"


def zipped(*names, content=b"<xml/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def check(name, content, **kwargs):
    return validate_upload(SimpleUploadedFile(name, content), **kwargs)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", PDF),
        ("logo.png", PNG),
        ("photo.jpg", JPEG),
        ("plan.docx", DOCX),
        ("sheet.xlsx", zipped("[Content_Types].xml", "xl/workbook.xml")),
        ("kit.zip", zipped("readme.txt", "logo.png")),
        ("notes.txt", "Grüße\n".encode()),
        ("people.csv", b"\xef\xbb\xbfname,email\nAna,ana@example.com\n"),
    ],
)
def test_genuine_files_are_accepted(name, content):
    assert check(name, content) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("guide.pdf", b"%PDF-1.4\n" + PROGRAM, "program"),  # a PDF header before a program
        ("guide.pdf", b"%PDF-1.4\nno end marker", "does not match"),
        ("guide.pdf", PDF.replace(b"<<>>", b"<</S /Launch /F (cmd.exe)>>", 1), "start a program"),
        ("plan.docx", zipped("setup.exe"), "program or a script"),
        ("plan.docx", zipped("[Content_Types].xml", "word/x.xml", "macro.vbs"), "script"),
        ("plan.docx", zipped("readme.txt"), "does not match"),  # a zip, not an OOXML package
        ("plan.docx", b"PK\x03\x04 not really a zip", "does not match"),
        ("kit.zip", zipped("tools/run.bat"), "program or a script"),
        ("logo.png", JPEG, "does not match"),
        ("photo.jpg", b"\xff\xd8\xff" + PROGRAM, "program"),
        ("notes.txt", b"text\x00with a NUL", "NUL"),
        ("people.csv", "Jos\xe9\n".encode("latin-1"), "UTF-8"),
        ("tool.exe", PROGRAM, "not accepted"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, message):
    with pytest.raises(ValidationError) as error:
        check(name, content)
    assert message in error.value.messages[0]


def test_a_zip_bomb_is_refused():
    bomb = zipped("[Content_Types].xml", "word/big.xml", content=b"\x00" * 5_000_000)
    with pytest.raises(ValidationError, match="unpacks"):
        check("plan.docx", bomb)


def test_the_size_limit_is_a_setting(settings):
    settings.PRM_MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError, match="larger than 10"):
        check("notes.txt", b"x" * 11)
    assert check("notes.txt", b"x" * 10) == "txt"


def test_only_the_kinds_asked_for_are_accepted():
    with pytest.raises(ValidationError, match="use CSV"):
        check("guide.pdf", PDF, kinds=("csv",))


def test_an_import_checks_its_own_content_but_never_takes_a_program():
    assert check("people.csv", b"a\x00b", kinds=("csv",), structure=False) == "csv"
    with pytest.raises(ValidationError, match="program"):
        check("people.csv", PROGRAM, kinds=("csv",), structure=False)
