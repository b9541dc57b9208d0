"""Import a partner's contacts from CSV (one use of prm.lib.imports).

Every row is checked first (columns, required values, emails, duplicates, units, managers,
reporting cycles); then either all rows are written in one transaction through the services,
or nothing is, and the report lists each problem with its row and column. People are matched to
existing contacts by email, so importing the same file twice changes nothing the second time.
The import page and `manage.py import_contacts` both call `contact_import`.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from prm.lib.access import require_vendor_staff
from prm.lib.imports import CsvImport, ImportReport, Row

from . import services
from .models import Contact, OrgUnit, Partner

COLUMNS = ("first_name", "last_name", "title", "email", "phone", "unit", "reports_to_email")
REQUIRED_COLUMNS = ("first_name", "last_name", "email")
SAMPLE_CSV = (
    "first_name,last_name,title,email,phone,unit,reports_to_email\n"
    "Ana,Silva,Managing Director,ana.silva@example.com,+49 30 1234,Management,\n"
    "Ben,Okafor,Head of Sales,ben.okafor@example.com,,Sales,ana.silva@example.com\n"
    "Chloé,Martin,Account Manager,chloe.martin@example.com,,Sales,ben.okafor@example.com\n"
)
REQUIRED = {"required": "A value is required."}
INVALID_EMAIL = {"invalid": "“%(value)s” is not a valid email address."}


def _field(model, name, *, required=False, field_class=forms.CharField, messages=None):
    """A form field as long as the model's, with the import's messages."""
    limit = model._meta.get_field(name).max_length
    messages = {**REQUIRED, "max_length": f"At most {limit} characters.", **(messages or {})}
    return field_class(max_length=limit, required=required, error_messages=messages)


class ContactRowForm(forms.Form):
    """One person of the file, in the order of the columns."""

    first_name = _field(Contact, "first_name", required=True)
    last_name = _field(Contact, "last_name", required=True)
    title = _field(Contact, "title")
    email = forms.EmailField(
        max_length=Contact._meta.get_field("email").max_length,
        error_messages={
            **REQUIRED,
            **INVALID_EMAIL,
            "max_length": "At most %(limit_value)d characters.",
        },
    )
    phone = _field(Contact, "phone")
    unit = _field(OrgUnit, "name")
    reports_to_email = forms.EmailField(required=False, error_messages=INVALID_EMAIL)


@dataclass
class ContactImportReport(ImportReport):
    new_units: list[str] = field(default_factory=list)

    def discard_counts(self) -> None:
        super().discard_counts()
        self.new_units = []


class ContactRow(Row):
    """A person of the file, keyed by their email (lower case). The cross-row checks read a row
    whose form found errors too, from its text."""

    def _value(self, column) -> str:
        return self.cleaned[column] if self.valid else self.values.get(column, "")

    @property
    def key(self) -> str:
        return self._value("email").lower()

    @property
    def manager_key(self) -> str:
        return self._value("reports_to_email").lower()

    @property
    def unit(self) -> str:
        return self._value("unit")

    @property
    def reports_to_email(self) -> str:
        return self._value("reports_to_email")


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


class ContactImport(CsvImport):
    columns = COLUMNS
    required_columns = REQUIRED_COLUMNS
    row_form = ContactRowForm
    row_class = ContactRow
    report_class = ContactImportReport
    # Service error keys → the CSV column the user has to fix.
    column_for_field = {"org_unit": "unit", "reports_to": "reports_to_email"}
    no_rows_message = "The file has a header but no people in it."

    def __init__(self, *, actor, partner: Partner):
        super().__init__()
        self.actor, self.partner = actor, partner
        self.known = _Known.load(partner)
        self.parent: dict = {}

    def check(self, rows, report) -> None:
        _check_identity(rows, self.known, report)
        _check_managers(rows, self.known, report)
        if report.ok:
            self.parent = _final_managers(rows, self.known)
            _check_cycles(rows, self.parent, self.known, report)

    def write(self, rows, report, *, dry_run) -> None:
        _write(self, rows, report, dry_run=dry_run)


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


def _write(importer: ContactImport, rows, report, *, dry_run) -> None:
    actor, partner, known = importer.actor, importer.partner, importer.known
    units = _units_for(rows, known, actor=actor, partner=partner, report=report, dry_run=dry_run)
    contacts = dict(known.contacts)
    # Managers before their reports, so each manager exists (and sits where the file says)
    # by the time someone is put under them: no step ever makes a cycle.
    for row in sorted(rows, key=lambda row: (_depth(row.key, importer.parent), row.number)):
        data = row.cleaned
        fields = {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "title": data["title"],
            "email": data["email"],
            "phone": data["phone"],
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
            importer.refuse(row, error)


def contact_import(
    *, actor, partner: Partner, content: bytes, dry_run: bool = False
) -> ContactImportReport:
    """Check every row, then import all of them in one transaction, or none.

    `dry_run` checks and counts what would happen (new people, people matched by email, new
    units) without writing anything.
    """
    require_vendor_staff(actor, services.ORGANISATION_STAFF_ONLY)
    return ContactImport(actor=actor, partner=partner).run(content, dry_run=dry_run)
