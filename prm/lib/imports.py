"""One way to import a CSV file: every row checked by a Django form, then all rows or none.

An import is a subclass of `CsvImport` that names its columns and its row form, and writes
the cleaned rows (through the app's services). `run()` then:

1. reads the file: UTF-8 (a byte order mark is fine), comma or semicolon separated, a header
   whose columns it checks; a file that cannot be read is one error "about the file";
2. cleans every row with `row_form` and reports each problem with its row and column, calling
   `progress(done, total)` as it goes (a page polls it for long files);
3. runs the cross-row checks of `check()` (duplicates, cycles, …);
4. only when no row has a problem, calls `write()` inside one transaction. A service refusing a
   row (`ValidationError`) is reported at that row and column, and nothing is kept.

The report counts what was created, updated or left unchanged; an import that compares with
what is there makes a second run of the same file change nothing.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

# csv's default limit (128 KB a field) is also ours: a longer field is a broken file.
csv.field_size_limit(128 * 1024)


@dataclass(frozen=True)
class RowError:
    row: int | None  # the row in the file (the header is row 1); None: about the whole file
    column: str  # "" when the problem is not one column's
    message: str

    def __str__(self):
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> int:
        return self.created + self.updated

    def discard_counts(self) -> None:
        """Nothing was kept after all."""
        self.created = self.updated = self.unchanged = 0

    def add(self, row, column, message) -> None:
        self.errors.append(RowError(row, column, str(message)))

    def add_validation_error(self, row, error: ValidationError, column_for=None) -> None:
        """A form's or service's errors at `row`, each at the column its field comes from."""
        column_for = column_for or {}
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                column = "" if name == "__all__" else column_for.get(name, name)
                for message in messages:
                    self.add(row, column, message)
        else:
            for message in error.messages:
                self.add(row, "", message)


@dataclass
class Row:
    number: int
    values: dict  # column → the cell's text, stripped
    cleaned: dict = field(default_factory=dict)  # the row form's cleaned data
    valid: bool = False


class LookupField(forms.CharField):
    """A value looked up in a mapping loaded once for the whole file (never a query per row):
    `LookupField(lookup={slug: partner}, unknown="Unknown partner “%(value)s”.")`."""

    def __init__(self, *, lookup: dict | None = None, unknown: str = "Unknown “%(value)s”.", **kw):
        super().__init__(**kw)
        self.lookup = lookup or {}
        self.error_messages["unknown"] = unknown

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        if text not in self.lookup:
            raise ValidationError(self.error_messages["unknown"], "unknown", {"value": text})
        return self.lookup[text]


class CsvImport:
    """Subclass and set `columns`, `row_form`, and write `write()` (see the module's text)."""

    columns: tuple[str, ...] = ()
    required_columns: tuple[str, ...] = ()  # must be in the header (others may be left out)
    exact_columns: bool = False  # the header must be exactly `columns`, in that order
    row_form: type[forms.Form]
    row_class: type[Row] = Row
    report_class: type[ImportReport] = ImportReport
    column_for_field: dict = {}  # a service's error key → the column the user has to fix
    empty_message = "The file is empty."
    no_rows_message = "The file has a header but no rows."

    def __init__(self, *, progress: Callable[[int, int], None] | None = None):
        self.progress = progress

    # --- hooks -----------------------------------------------------------------------------

    def form_kwargs(self) -> dict:
        """Keyword arguments of every row form (lookups loaded once for the whole file)."""
        return {}

    def check(self, rows: list[Row], report: ImportReport) -> None:
        """Checks across rows (duplicates, cycles); add errors to `report`. Every row is
        there, those whose form found errors too (`row.valid` False, `row.cleaned` empty), so
        one pass reports as much as it can."""

    def write(self, rows: list[Row], report: ImportReport, *, dry_run: bool) -> None:
        """Write every clean row (inside one transaction) and count what changed."""
        raise NotImplementedError

    # --- the mechanism ---------------------------------------------------------------------

    def run(self, content: bytes, *, dry_run: bool = False) -> ImportReport:
        report = self.report_class()
        rows = self.read(content, report)
        if report.ok:
            self.clean(rows, report)
            self.check(rows, report)
        report.errors.sort(key=lambda error: error.row or 0)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                self.write(rows, report, dry_run=dry_run)
        except RowRefused as refused:
            # A row the checks let through and a service refused: nothing is kept.
            report.discard_counts()
            report.add_validation_error(refused.row.number, refused.error, self.column_for_field)
            return report
        report.committed = not dry_run
        return report

    def refuse(self, row: Row, error: ValidationError):
        """Call from `write()` when a service refuses `row`: reported there, all rolled back."""
        raise RowRefused(row, error) from error

    def read(self, content: bytes, report: ImportReport) -> list[Row]:
        """The data rows of the file, or none (with the reason in `report`)."""
        text = self._decode(content, report)
        records = self._records(text, report) if text is not None else []
        records = [cells for cells in records if any(cell.strip() for cell in cells)]
        if not records:
            if report.ok:
                report.add(None, "", self.empty_message)
            return []
        header = self._header(records[0], report)
        if header is None:
            return []
        rows = []
        for number, cells in enumerate(records[1:], start=2):
            if len(cells) > len(header):
                report.add(number, "", f"{len(cells)} values, but the header has {len(header)}.")
                continue
            values = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
            rows.append(self.row_class(number, values))
        if not rows and report.ok:
            report.add(None, "", self.no_rows_message)
        report.rows = len(rows)
        return rows

    def clean(self, rows: list[Row], report: ImportReport) -> None:
        kwargs = self.form_kwargs()
        for done, row in enumerate(rows, start=1):
            form = self.row_form(data=row.values, **kwargs)
            if form.is_valid():
                row.cleaned, row.valid = form.cleaned_data, True
            else:
                for name, errors in form.errors.as_data().items():
                    column = "" if name == "__all__" else name
                    for error in errors:
                        for message in error.messages:
                            report.add(row.number, column, message)
            if self.progress:
                self.progress(done, len(rows))

    @staticmethod
    def _decode(content: bytes, report: ImportReport) -> str | None:
        if not content.strip():
            return ""
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            report.add(
                None,
                "",
                f"The file is not UTF-8 text (unreadable byte at position {error.start + 1}). "
                "Save it as “CSV UTF-8” and upload it again.",
            )
            return None
        if (position := text.find("\x00")) >= 0:
            # Refused before any cell is read: no message may echo the byte back (PostgreSQL
            # refuses to store a NUL in text, so a report quoting it would fail to save).
            line = text.count("\n", 0, position) + 1
            report.add(line, "", "This line holds a NUL byte: the file is not plain CSV text.")
            return None
        return text

    @staticmethod
    def _records(text: str, report: ImportReport) -> list[list[str]]:
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        try:
            return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            report.add(None, "", f"The file is not valid CSV: {error}.")
            return []

    def _header(self, cells: list[str], report: ImportReport) -> list[str] | None:
        header = [cell.strip().lower() for cell in cells]
        if self.exact_columns:
            if header != list(self.columns):
                report.add(1, "", f"Columns must be exactly: {', '.join(self.columns)}.")
            return None if report.errors else header
        if missing := [column for column in self.required_columns if column not in header]:
            report.add(1, "", f"Missing required column(s): {', '.join(missing)}.")
        if unknown := [column for column in header if column not in self.columns]:
            report.add(
                1,
                "",
                f"Unknown column(s): {', '.join(c or '(blank)' for c in unknown)}. "
                f"The columns are: {', '.join(self.columns)}.",
            )
        if repeated := sorted({column for column in header if header.count(column) > 1}):
            report.add(1, "", f"Column(s) given twice: {', '.join(repeated)}.")
        return None if report.errors else header


class RowRefused(Exception):
    def __init__(self, row: Row, error: ValidationError):
        super().__init__(str(error))
        self.row, self.error = row, error
