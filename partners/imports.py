"""Import a partner's contacts from CSV.

Every row is checked first (columns, required values, emails, duplicates, units, managers,
reporting cycles); then either all rows are written in one transaction through the services,
or nothing is, and the report lists each problem with its row and column. People are matched to
existing contacts by email, so importing the same file twice changes nothing the second time.
The import page and `manage.py import_contacts` both call `contact_import`.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from . import services
from .models import Contact, OrgUnit, Partner

COLUMNS = ("first_name", "last_name", "title", "email", "phone", "unit", "reports_to_email")
REQUIRED_COLUMNS = ("first_name", "last_name", "email")
MAX_LENGTHS = {
    "first_name": Contact._meta.get_field("first_name").max_length,
    "last_name": Contact._meta.get_field("last_name").max_length,
    "title": Contact._meta.get_field("title").max_length,
    "email": Contact._meta.get_field("email").max_length,
    "phone": Contact._meta.get_field("phone").max_length,
    "unit": OrgUnit._meta.get_field("name").max_length,
}
# Service error keys → the CSV column the user has to fix.
COLUMN_FOR_FIELD = {"org_unit": "unit", "reports_to": "reports_to_email"}
SAMPLE_CSV = (
    "first_name,last_name,title,email,phone,unit,reports_to_email\n"
    "Ana,Silva,Managing Director,ana.silva@example.com,+49 30 1234,Management,\n"
    "Ben,Okafor,Head of Sales,ben.okafor@example.com,,Sales,ana.silva@example.com\n"
    "Chloé,Martin,Account Manager,chloe.martin@example.com,,Sales,ben.okafor@example.com\n"
)


@dataclass(frozen=True)
class RowError:
    row: int | None  # the row in the file (the header is row 1); None: about the whole file
    column: str
    message: str

    def __str__(self):
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class ImportRow:
    number: int
    values: dict

    def __getattr__(self, name):
        if name in COLUMNS:
            return self.values.get(name, "")
        raise AttributeError(name)

    @property
    def key(self) -> str:
        return self.values.get("email", "").lower()

    @property
    def manager_key(self) -> str:
        return self.values.get("reports_to_email", "").lower()


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_units: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, row, column, message) -> None:
        self.errors.append(RowError(row, column, message))


# --- reading the file ---------------------------------------------------------------------


def _decode(content: bytes, report: ImportReport) -> str | None:
    if not content.strip():
        report.add(None, "", "The file is empty.")
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.add(
            None,
            "",
            f"The file is not UTF-8 text (unreadable byte at position {error.start + 1}). "
            "Save it as “CSV UTF-8” and upload it again.",
        )
        return None


def _records(text: str, report: ImportReport) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        report.add(None, "", f"The file is not valid CSV: {error}.")
        return []


def _header(cells: list[str], report: ImportReport) -> list[str] | None:
    header = [cell.strip().lower() for cell in cells]
    if missing := [column for column in REQUIRED_COLUMNS if column not in header]:
        report.add(1, "", f"Missing required column(s): {', '.join(missing)}.")
    if unknown := [column for column in header if column not in COLUMNS]:
        report.add(
            1,
            "",
            f"Unknown column(s): {', '.join(c or '(blank)' for c in unknown)}. "
            f"The columns are: {', '.join(COLUMNS)}.",
        )
    if repeated := sorted({column for column in header if header.count(column) > 1}):
        report.add(1, "", f"Column(s) given twice: {', '.join(repeated)}.")
    return None if report.errors else header


def read_rows(content: bytes, report: ImportReport) -> list[ImportRow]:
    """The data rows of the file, or none (with the reason in `report`)."""
    text = _decode(content, report)
    records = _records(text, report) if text is not None else []
    records = [cells for cells in records if any(cell.strip() for cell in cells)]
    if not records:
        if report.ok:
            report.add(None, "", "The file is empty.")
        return []
    header = _header(records[0], report)
    if header is None:
        return []
    rows = []
    for number, cells in enumerate(records[1:], start=2):
        if len(cells) > len(header):
            report.add(number, "", f"{len(cells)} values, but the header has {len(header)}.")
            continue
        values = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
        rows.append(ImportRow(number, values))
    if not rows and report.ok:
        report.add(None, "", "The file has a header but no people in it.")
    report.rows = len(rows)
    return rows


# --- checking every row ------------------------------------------------------------------


@dataclass
class _Known:
    """What the partner has already: its contacts (by email, lower case) and units by name."""

    everyone: list
    contacts: dict
    units: dict  # lower-case name → list of units

    @classmethod
    def load(cls, partner: Partner):
        everyone = list(Contact.objects.filter(partner=partner))
        contacts = {contact.email.lower(): contact for contact in everyone if contact.email}
        units: dict = {}
        for unit in OrgUnit.objects.filter(partner=partner):
            units.setdefault(unit.name.lower(), []).append(unit)
        return cls(everyone, contacts, units)


def _check_values(row: ImportRow, report: ImportReport) -> None:
    for column in REQUIRED_COLUMNS:
        if not row.values.get(column):
            report.add(row.number, column, "A value is required.")
    for column, limit in MAX_LENGTHS.items():
        if len(row.values.get(column, "")) > limit:
            report.add(row.number, column, f"At most {limit} characters.")
    for column in ("email", "reports_to_email"):
        value = row.values.get(column, "")
        if value:
            try:
                validate_email(value)
            except ValidationError:
                report.add(row.number, column, f"“{value}” is not a valid email address.")


def _check_identity(rows, known: _Known, report: ImportReport) -> None:
    first_row_of: dict = {}
    for row in rows:
        if not row.key:
            continue
        if row.key in first_row_of:
            report.add(
                row.number, "email", f"Same email as row {first_row_of[row.key]}: one row a person."
            )
            continue
        first_row_of[row.key] = row.number
        existing = known.contacts.get(row.key)
        if existing is not None and existing.left_on is not None:
            report.add(
                row.number,
                "email",
                f"This is the email of {existing}, who left on {existing.left_on:%d %b %Y}; "
                "a former contact is not imported again.",
            )
        unit_matches = known.units.get(row.unit.lower(), []) if row.unit else []
        if len(unit_matches) > 1:
            report.add(row.number, "unit", f"Several units are named “{row.unit}”.")


def _check_managers(rows, known: _Known, report: ImportReport) -> None:
    in_file = {row.key for row in rows}
    already_wrong = {(error.row, error.column) for error in report.errors}
    for row in rows:
        manager = row.manager_key
        if not manager or (row.number, "reports_to_email") in already_wrong:
            continue
        if manager == row.key:
            report.add(row.number, "reports_to_email", "A person cannot report to themselves.")
        elif manager in in_file:
            continue
        elif (existing := known.contacts.get(manager)) is None:
            report.add(
                row.number,
                "reports_to_email",
                f"No one with the email “{row.reports_to_email}” in the file or among the "
                "partner's contacts.",
            )
        elif existing.left_on is not None:
            report.add(row.number, "reports_to_email", f"{existing} has left the partner.")


def _final_managers(rows, known: _Known) -> dict:
    """Who reports to whom once the file is in: person key → manager key (None at the top).

    A person is keyed by their email (lower case), or by id if they have none."""

    def key_of(contact):
        return contact.email.lower() if contact.email else f"#{contact.pk}"

    by_pk = {contact.pk: contact for contact in known.everyone}
    parent = {}
    for contact in known.everyone:
        if contact.left_on is None:
            manager = by_pk.get(contact.reports_to_id)
            parent[key_of(contact)] = key_of(manager) if manager else None
    for row in rows:
        parent[row.key] = row.manager_key or None
    return parent


def _check_cycles(rows, parent: dict, known: _Known, report: ImportReport) -> None:
    names = {f"#{contact.pk}": str(contact) for contact in known.everyone}
    for row in rows:
        chain, node = [row.key], parent.get(row.key)
        while node is not None and node not in chain:
            chain.append(node)
            node = parent.get(node)
        if node == row.key and len(chain) > 1:
            loop = " → ".join(names.get(key, key) for key in [*chain, row.key])
            report.add(row.number, "reports_to_email", f"This makes a reporting cycle: {loop}.")


def check_rows(rows, known: _Known, report: ImportReport) -> dict:
    """Every problem of every row; the managers each person will have if there is none."""
    for row in rows:
        _check_values(row, report)
    _check_identity(rows, known, report)
    _check_managers(rows, known, report)
    parent = _final_managers(rows, known) if report.ok else {}
    if report.ok:
        _check_cycles(rows, parent, known, report)
    report.errors.sort(key=lambda error: error.row or 0)
    return parent


# --- writing -------------------------------------------------------------------------------


def _depth(key, parent: dict) -> int:
    depth, node, seen = 0, parent.get(key), {key}
    while node is not None and node not in seen:
        seen.add(node)
        depth, node = depth + 1, parent.get(node)
    return depth


def _units_for(rows, known: _Known, *, actor, partner, report, dry_run) -> dict:
    units = {name: matches[0] for name, matches in known.units.items()}
    for row in rows:
        name = row.unit.lower()
        if name and name not in units:
            units[name] = (
                None
                if dry_run
                else services.org_unit_create(actor=actor, partner=partner, name=row.unit)
            )
            report.new_units.append(row.unit)
    return units


def _same(contact: Contact, fields: dict) -> bool:
    """Nothing to change (compared by id for relations, so no query per row)."""
    for name, value in fields.items():
        if name in ("org_unit", "reports_to"):
            if getattr(contact, f"{name}_id") != (value.pk if value is not None else None):
                return False
        elif getattr(contact, name) != value:
            return False
    return True


def _write_row(row, existing, fields, *, actor, partner, report) -> Contact:
    if existing is None:
        report.created += 1
        return services.contact_create(actor=actor, partner=partner, **fields)
    if _same(existing, fields):
        report.unchanged += 1
        return existing
    report.updated += 1
    return services.contact_update(actor=actor, contact=existing, **fields)


def _write(rows, parent, known, *, actor, partner, report, dry_run) -> None:
    units = _units_for(rows, known, actor=actor, partner=partner, report=report, dry_run=dry_run)
    contacts = dict(known.contacts)
    # Managers before their reports, so each manager exists (and sits where the file says)
    # by the time someone is put under them: no step ever makes a cycle.
    for row in sorted(rows, key=lambda row: (_depth(row.key, parent), row.number)):
        fields = {
            "first_name": row.first_name,
            "last_name": row.last_name,
            "title": row.title,
            "email": row.values["email"],
            "phone": row.phone,
            "org_unit": units.get(row.unit.lower()) if row.unit else None,
            "reports_to": contacts.get(row.manager_key) if row.manager_key else None,
        }
        existing = known.contacts.get(row.key)
        if dry_run:
            report.created += existing is None
            report.updated += existing is not None
            continue
        try:
            contacts[row.key] = _write_row(
                row, existing, fields, actor=actor, partner=partner, report=report
            )
        except ValidationError as error:
            _report_service_error(row, error, report)
            raise


def _report_service_error(row, error: ValidationError, report: ImportReport) -> None:
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                report.add(row.number, COLUMN_FOR_FIELD.get(name, name), message)
    else:
        for message in error.messages:
            report.add(row.number, "", message)


def contact_import(
    *, actor, partner: Partner, content: bytes, dry_run: bool = False
) -> ImportReport:
    """Check every row, then import all of them in one transaction, or none.

    `dry_run` checks and counts what would happen (new people, people matched by email, new
    units) without writing anything.
    """
    services._require_staff(actor)
    report = ImportReport()
    rows = read_rows(content, report)
    if not report.ok:
        return report
    known = _Known.load(partner)
    parent = check_rows(rows, known, report)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _write(
                rows, parent, known, actor=actor, partner=partner, report=report, dry_run=dry_run
            )
    except ValidationError:
        # A row the checks above let through and a service refused: nothing is kept.
        report.created = report.updated = report.unchanged = 0
        report.new_units = []
        return report
    report.committed = not dry_run
    return report
