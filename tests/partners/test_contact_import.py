"""Contacts CSV import (partners/imports.py) and `manage.py import_contacts`: every row is
checked first, then all rows are written or none; re-importing the same file changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command, execute_from_command_line

from partners.imports import contact_import
from partners.models import Contact, OrgUnit
from tests.factories import ContactFactory, OrgUnitFactory

HEADER = "first_name,last_name,title,email,phone,unit,reports_to_email\n"
GOOD = (
    HEADER
    + "Chloé,Martin,Account Manager,chloe@acme.example,,Sales,ben@acme.example\n"
    + "Ana,Silva,Managing Director,ana@acme.example,+49 30 1,Management,\n"
    + "Ben,Okafor,Head of Sales,ben@acme.example,,Sales,ana@acme.example\n"
)


def run(manager, partner, text, **kwargs):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return contact_import(actor=manager, partner=partner, content=content, **kwargs)


def errors(report) -> list[tuple]:
    return [(error.row, error.column) for error in report.errors]


def people(partner) -> dict:
    return {
        c.email: (c.full_name, c.reports_to.email if c.reports_to else None, str(c.org_unit or ""))
        for c in Contact.objects.filter(partner=partner).select_related("reports_to", "org_unit")
    }


def test_import_creates_people_units_and_reporting_lines(manager, partner):
    report = run(manager, partner, GOOD)
    assert report.ok and report.committed
    assert (report.rows, report.created, report.updated) == (3, 3, 0)
    assert sorted(report.new_units) == ["Management", "Sales"]
    assert people(partner) == {
        "ana@acme.example": ("Ana Silva", None, "Management"),
        "ben@acme.example": ("Ben Okafor", "ana@acme.example", "Sales"),
        "chloe@acme.example": ("Chloé Martin", "ben@acme.example", "Sales"),
    }


def test_import_twice_changes_nothing_the_second_time(manager, partner):
    run(manager, partner, GOOD)
    before = people(partner)
    report = run(manager, partner, GOOD)
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert report.new_units == []
    assert people(partner) == before
    assert Contact.objects.filter(partner=partner).count() == 3
    assert OrgUnit.objects.filter(partner=partner).count() == 2


def test_import_updates_people_matched_by_email_and_uses_existing_units(manager, partner):
    sales = OrgUnitFactory(partner=partner, name="Sales")
    ana = ContactFactory(partner=partner, first_name="A.", last_name="S.", email="ANA@acme.example")
    report = run(manager, partner, GOOD)
    assert (report.created, report.updated) == (2, 1)
    ana.refresh_from_db()
    assert ana.full_name == "Ana Silva" and ana.title == "Managing Director"
    assert Contact.objects.get(email="ben@acme.example").org_unit == sales
    assert report.new_units == ["Management"]


def test_import_resolves_managers_among_existing_contacts(manager, partner):
    boss = ContactFactory(partner=partner, email="boss@acme.example")
    run(manager, partner, HEADER + "New,Person,,new@acme.example,,,boss@acme.example\n")
    assert Contact.objects.get(email="new@acme.example").reports_to == boss


def test_import_may_turn_an_existing_hierarchy_around(manager, partner):
    """Written managers-first, no intermediate step makes a cycle the service would refuse."""
    ana = ContactFactory(partner=partner, email="ana@acme.example")
    ContactFactory(partner=partner, email="ben@acme.example", reports_to=ana)
    report = run(
        manager,
        partner,
        HEADER
        + "Ana,Silva,,ana@acme.example,,,ben@acme.example\n"
        + "Ben,Okafor,,ben@acme.example,,,\n",
    )
    assert report.ok, report.errors
    assert people(partner)["ana@acme.example"][1] == "ben@acme.example"
    assert people(partner)["ben@acme.example"][1] is None


def test_import_dry_run_writes_nothing(manager, partner):
    report = run(manager, partner, GOOD, dry_run=True)
    assert report.ok and not report.committed
    assert (report.created, len(report.new_units)) == (3, 2)
    assert not Contact.objects.filter(partner=partner).exists()
    assert not OrgUnit.objects.filter(partner=partner).exists()


def test_import_reads_semicolons_and_a_byte_order_mark(manager, partner):
    text = "\ufefffirst_name;last_name;email\nAna;Silva;ana@acme.example\n"
    report = run(manager, partner, text)
    assert report.ok, report.errors
    assert Contact.objects.get(partner=partner).email == "ana@acme.example"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(b"", [(None, "")], id="empty file"),
        pytest.param(b"  \n\n", [(None, "")], id="blank lines only"),
        pytest.param(HEADER.encode(), [(None, "")], id="header only"),
        pytest.param(
            "first_name,last_name,email\nJosé,Núñez,j@x.example\n".encode("latin-1"),
            [(None, "")],
            id="not utf-8",
        ),
        pytest.param(b"first_name,email\nAna,a@x.example\n", [(1, "")], id="missing column"),
        pytest.param(
            b"first_name,last_name,email,boss\nA,B,a@x.example,x\n", [(1, "")], id="unknown column"
        ),
        pytest.param(
            b"first_name,last_name,email\nAna,,a@x.example\n,Silva,\n",
            [(2, "last_name"), (3, "first_name"), (3, "email")],
            id="missing values",
        ),
        pytest.param(
            b"first_name,last_name,email,reports_to_email\nAna,Silva,not-an-email,also-bad\n",
            [(2, "email"), (2, "reports_to_email")],
            id="bad email",
        ),
        pytest.param(
            b"first_name,last_name,email\nAna,Silva,a@x.example\nAnn,Silva,A@x.example\n",
            [(3, "email")],
            id="duplicate email in the file",
        ),
        pytest.param(
            b"first_name,last_name,email,reports_to_email\nAna,Silva,a@x.example,ghost@x.example\n",
            [(2, "reports_to_email")],
            id="unknown manager",
        ),
        pytest.param(
            b"first_name,last_name,email,reports_to_email\nAna,Silva,a@x.example,a@x.example\n",
            [(2, "reports_to_email")],
            id="reports to themselves",
        ),
        pytest.param(
            b"first_name,last_name,email,reports_to_email\n"
            b"A,A,a@x.example,c@x.example\nB,B,b@x.example,a@x.example\n"
            b"C,C,c@x.example,b@x.example\nD,D,d@x.example,a@x.example\n",
            [(2, "reports_to_email"), (3, "reports_to_email"), (4, "reports_to_email")],
            id="reporting cycle",
        ),
        pytest.param(
            b"first_name,last_name,email\nA,B,a@x.example,extra\n", [(2, "")], id="too many values"
        ),
        pytest.param(
            ("first_name,last_name,email\n" + "A" * 81 + ",B,a@x.example\n").encode(),
            [(2, "first_name")],
            id="too long",
        ),
    ],
)
def test_import_reports_every_error_and_writes_nothing(manager, partner, text, expected):
    report = run(manager, partner, text)
    assert not report.ok and not report.committed
    assert errors(report) == expected
    assert all(error.message for error in report.errors)
    assert not Contact.objects.filter(partner=partner).exists()
    assert not OrgUnit.objects.filter(partner=partner).exists()


def test_import_refuses_a_duplicate_of_a_contact_who_left(manager, partner):
    ContactFactory(partner=partner, email="gone@x.example", left_on=datetime.date(2024, 5, 1))
    report = run(manager, partner, HEADER + "Back,Again,,gone@x.example,,,\n")
    assert errors(report) == [(2, "email")]
    assert "left on 01 May 2024" in report.errors[0].message


def test_import_refuses_a_manager_who_left(manager, partner):
    ContactFactory(partner=partner, email="gone@x.example", left_on=datetime.date(2024, 5, 1))
    report = run(manager, partner, HEADER + "New,One,,new@x.example,,,gone@x.example\n")
    assert errors(report) == [(2, "reports_to_email")]


def test_import_refuses_a_cycle_through_existing_contacts(manager, partner):
    ana = ContactFactory(partner=partner, email="ana@x.example")
    ContactFactory(partner=partner, email="ben@x.example", reports_to=ana)
    report = run(manager, partner, HEADER + "Ana,Silva,,ana@x.example,,,ben@x.example\n")
    assert errors(report) == [(2, "reports_to_email")]
    assert "cycle" in report.errors[0].message
    ana.refresh_from_db()
    assert ana.reports_to is None


def test_import_with_one_bad_row_keeps_none_of_the_good_ones(manager, partner):
    report = run(manager, partner, GOOD + "Dan,,,dan@acme.example,,Support,\n")
    assert errors(report) == [(5, "last_name")]
    assert not Contact.objects.exists()
    assert not OrgUnit.objects.filter(name="Support").exists()


def test_import_rolls_back_when_a_service_refuses_a_row(manager, partner, monkeypatch):
    from partners import services

    real = services.contact_create

    def refuse_ben(**kwargs):
        if kwargs.get("email") == "ben@acme.example":
            raise services.ValidationError({"reports_to": "Refused by the service."})
        return real(**kwargs)

    monkeypatch.setattr(services, "contact_create", refuse_ben)
    report = run(manager, partner, GOOD)
    assert errors(report) == [(4, "reports_to_email")]
    assert not report.committed
    assert not Contact.objects.filter(partner=partner).exists()
    assert not OrgUnit.objects.filter(partner=partner).exists()


def test_import_is_for_the_channel_team(partner_admin, partner):
    with pytest.raises(PermissionDenied):
        run(partner_admin, partner, GOOD)


# --- the command ---------------------------------------------------------------------------


def test_import_contacts_command_imports_the_file(manager, partner, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_contacts", partner.slug, str(path))
    assert "Imported 3 people for Acme Systems: 3 new" in capsys.readouterr().out
    assert Contact.objects.filter(partner=partner).count() == 3
    call_command("import_contacts", partner.slug, str(path), "--user", manager.username)
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_import_contacts_command_prints_row_errors_and_fails(manager, partner, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD + "Dan,,,bad-email,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_contacts", partner.slug, str(path))
    err = capsys.readouterr().err
    assert "row 5, last_name: A value is required." in err
    assert "row 5, email: “bad-email” is not a valid email address." in err
    assert not Contact.objects.exists()


def test_import_contacts_command_dry_run(manager, partner, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_contacts", partner.slug, str(path), "--dry-run")
    assert "Nothing was written" in capsys.readouterr().out
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-partner", "x.csv"], "No partner"),
        (["acme-systems", "/no/such/file.csv"], "Cannot read"),
        (["acme-systems", "x.csv", "--user", "pa-acme"], "not a member of the channel team"),
    ],
)
def test_import_contacts_command_refuses_bad_arguments(
    manager, partner, partner_admin, args, message
):
    with pytest.raises(CommandError, match=message):
        call_command("import_contacts", *args)


def test_import_contacts_command_exits_non_zero_on_errors(manager, partner, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_contacts", partner.slug, str(path)])
    assert exit_info.value.code == 1
    assert "file: The file is empty." in capsys.readouterr().err
