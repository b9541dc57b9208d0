"""The CSV import mechanism (prm/lib/imports.py): a form per row, every problem reported with
its row and column, cross-row checks, all rows or none."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from prm.lib.imports import CsvImport, LookupField, RowError

pytestmark = pytest.mark.django_db  # writes run in a transaction

COLOURS = {"red": "#f00", "green": "#0f0"}


class ColourForm(forms.Form):
    name = forms.CharField(max_length=10)
    colour = LookupField(lookup=COLOURS, unknown="No colour “%(value)s”.")


class ColourImport(CsvImport):
    """Writes to a list; refuses to write a row named "refused", as a service would."""

    columns = ("name", "colour")
    required_columns = ("name",)
    row_form = ColourForm

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.written = []

    def check(self, rows, report):
        seen = set()
        for row in rows:
            name = row.values.get("name")
            if name in seen:
                report.add(row.number, "name", "Twice.")
            seen.add(name)

    def write(self, rows, report, *, dry_run):
        for row in rows:
            if row.cleaned["name"] == "refused":
                self.refuse(row, ValidationError({"colour": "Refused by the service."}))
            if not dry_run:
                self.written.append((row.cleaned["name"], row.cleaned["colour"]))
            report.created += 1


def run(text: str | bytes, **kwargs):
    importer = ColourImport(**kwargs)
    content = text.encode() if isinstance(text, str) else text
    return importer, importer.run(content)


def where(report) -> list[tuple]:
    return [(error.row, error.column) for error in report.errors]


def test_clean_file_is_written_row_by_row_with_progress():
    seen = []
    importer, report = run(
        "name,colour\nsky,green\nrose,red\n", progress=lambda done, total: seen.append(done)
    )
    assert report.ok and report.committed and report.rows == 2 and report.created == 2
    assert importer.written == [("sky", "#0f0"), ("rose", "#f00")]
    assert seen == [1, 2]


def test_every_problem_of_every_row_is_reported_and_nothing_written():
    importer, report = run("name,colour\nsky,blue\n,red\nsky,green\nvery long name,red\n")
    assert where(report) == [(2, "colour"), (3, "name"), (4, "name"), (5, "name")]
    assert report.errors[0].message == "No colour “blue”."
    assert not report.committed and importer.written == []


def test_a_service_refusing_a_row_rolls_everything_back():
    importer, report = run("name,colour\nsky,green\nrefused,red\n")
    assert where(report) == [(3, "colour")] and report.created == 0 and not report.committed


def test_a_dry_run_counts_and_writes_nothing():
    importer = ColourImport()
    report = importer.run(b"name,colour\nsky,green\n", dry_run=True)
    assert report.ok and not report.committed and report.created == 1
    assert importer.written == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", [(None, "")], id="empty"),
        pytest.param(b"name,colour\n", [(None, "")], id="header only"),
        pytest.param("name\nJosé\n".encode("latin-1"), [(None, "")], id="not utf-8"),
        pytest.param(b"colour\nred\n", [(1, "")], id="missing column"),
        pytest.param(b"name,shade\nsky,red\n", [(1, "")], id="unknown column"),
        pytest.param(b"name,name\nsky,sea\n", [(1, "")], id="column twice"),
        pytest.param(b"name,colour\nsky,red,extra\n", [(2, "")], id="too many values"),
        pytest.param(b"name\n" + b"x" * 200_000 + b"\n", [(None, "")], id="field over 128 KB"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(content, expected):
    _, report = run(content)
    assert where(report) == expected and report.errors[0].message


@pytest.mark.parametrize(
    ("content", "line"),
    [(b"name,colour\nsk\x00y,red\n", 2), (b"na\x00me,colour\nsky,red\n", 1)],
    ids=["in a row", "in the header"],
)
def test_a_nul_byte_is_refused_at_its_line_and_never_echoed(content, line):
    importer, report = run(content)
    assert where(report) == [(line, "")] and "NUL byte" in report.errors[0].message
    assert "\x00" not in str(report.errors[0]) and importer.written == []


def test_semicolons_and_a_byte_order_mark_are_read():
    importer, report = run("\ufeffname;colour\nsky;green\n".encode())
    assert report.ok and importer.written == [("sky", "#0f0")]


def test_row_errors_read_as_text_and_as_data():
    error = RowError(3, "colour", "No colour.")
    assert str(error) == "row 3, colour: No colour."
    assert str(RowError(None, "", "Empty.")) == "file: Empty."
    assert error.as_dict() == {"row": 3, "column": "colour", "message": "No colour."}
