"""The partners services behind the org chart: reporting lines and unit trees never form a
cycle, errors name the field to fix, people who leave keep their place in history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partners import services
from partners.models import Contact, OrgUnit
from tests.factories import ContactFactory, OrgUnitFactory

TODAY = datetime.date.today()


@pytest.fixture
def chain(partner):
    """boss ← middle ← junior (each reports to the one before)."""
    boss = ContactFactory(partner=partner, first_name="Bea", last_name="Boss")
    middle = ContactFactory(partner=partner, first_name="Max", last_name="Middle", reports_to=boss)
    junior = ContactFactory(partner=partner, first_name="Jo", last_name="Junior", reports_to=middle)
    return boss, middle, junior


def error_fields(excinfo) -> set:
    return set(excinfo.value.message_dict)


def test_contact_create_sets_manager_and_unit(manager, partner):
    unit = OrgUnitFactory(partner=partner, name="Sales")
    boss = ContactFactory(partner=partner)
    person = services.contact_create(
        actor=manager, partner=partner, first_name="Ann", last_name="Lee",
        reports_to=boss, org_unit=unit, email="ann@acme.example",
    )  # fmt: skip
    person.refresh_from_db()
    assert (person.reports_to, person.org_unit, person.partner) == (boss, unit, partner)


def test_contact_update_refuses_a_direct_reporting_cycle(manager, chain):
    boss, middle, _ = chain
    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(actor=manager, contact=boss, reports_to=middle)
    assert "reporting cycle" in excinfo.value.message_dict["reports_to"][0]
    boss.refresh_from_db()
    assert boss.reports_to is None


def test_contact_move_refuses_an_indirect_reporting_cycle(manager, chain):
    boss, _, junior = chain
    with pytest.raises(ValidationError) as excinfo:
        services.contact_move(actor=manager, contact=boss, reports_to=junior)
    assert error_fields(excinfo) == {"reports_to"}
    assert Contact.objects.get(pk=boss.pk).reports_to_id is None


def test_contact_update_refuses_reporting_to_themselves(manager, chain):
    boss, _, _ = chain
    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(actor=manager, contact=boss, reports_to=boss)
    assert excinfo.value.message_dict["reports_to"] == ["A person cannot report to themselves."]


def test_contact_update_refuses_a_manager_at_another_partner(manager, chain, other_partner):
    stranger = ContactFactory(partner=other_partner)
    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(actor=manager, contact=chain[1], reports_to=stranger)
    assert error_fields(excinfo) == {"reports_to"}


def test_contact_update_refuses_a_manager_who_left(manager, partner, chain):
    gone = ContactFactory(partner=partner, left_on=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(actor=manager, contact=chain[2], reports_to=gone)
    assert "has left" in excinfo.value.message_dict["reports_to"][0]


def test_contact_update_refuses_a_unit_of_another_partner(manager, chain, other_partner):
    with pytest.raises(ValidationError) as excinfo:
        services.contact_update(
            actor=manager, contact=chain[0], org_unit=OrgUnitFactory(partner=other_partner)
        )
    assert error_fields(excinfo) == {"org_unit"}


def test_contact_email_taken_is_reported_at_the_email_field(manager, partner, chain):
    chain[0].email = "bea@acme.example"
    chain[0].save()
    with pytest.raises(ValidationError) as excinfo:
        services.contact_create(
            actor=manager, partner=partner, first_name="Other", last_name="Bea",
            email="BEA@acme.example",
        )  # fmt: skip
    assert "Bea Boss" in excinfo.value.message_dict["email"][0]


def test_contact_email_may_repeat_at_another_partner(manager, partner, other_partner):
    ContactFactory(partner=partner, email="same@example.com")
    person = services.contact_create(
        actor=manager, partner=other_partner, first_name="A", last_name="B",
        email="same@example.com",
    )  # fmt: skip
    assert person.pk


def test_contact_move_changes_only_what_it_is_given(manager, partner, chain):
    boss, middle, junior = chain
    unit = OrgUnitFactory(partner=partner)
    Contact.objects.filter(pk=junior.pk).update(org_unit=unit)
    junior.refresh_from_db()
    services.contact_move(actor=manager, contact=junior, reports_to=boss)
    junior.refresh_from_db()
    assert (junior.reports_to, junior.org_unit) == (boss, unit)
    services.contact_move(actor=manager, contact=junior, org_unit=None)
    junior.refresh_from_db()
    assert (junior.reports_to, junior.org_unit) == (boss, None)


def test_contact_mark_left_moves_direct_reports_up(manager, chain):
    boss, middle, junior = chain
    services.contact_mark_left(actor=manager, contact=middle, left_on=TODAY)
    junior.refresh_from_db()
    middle.refresh_from_db()
    assert junior.reports_to == boss
    assert middle.left_on == TODAY
    assert middle.reports_to == boss  # kept as history: where they were when they left


def test_contact_mark_left_at_the_top_puts_reports_at_the_top(manager, chain):
    boss, middle, _ = chain
    services.contact_mark_left(actor=manager, contact=boss, left_on=TODAY)
    middle.refresh_from_db()
    assert middle.reports_to is None
    assert list(Contact.objects.current().filter(partner=boss.partner)) != []


def test_contact_mark_left_twice_is_refused(manager, chain):
    services.contact_mark_left(actor=manager, contact=chain[2], left_on=TODAY)
    with pytest.raises(ValidationError) as excinfo:
        services.contact_mark_left(actor=manager, contact=chain[2], left_on=TODAY)
    assert error_fields(excinfo) == {"left_on"}


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_contact_services_refuse_partner_users(request, persona, partner, chain):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.contact_create(actor=user, partner=partner, first_name="X", last_name="Y")
    with pytest.raises(PermissionDenied):
        services.contact_update(actor=user, contact=chain[0], title="Hacked")
    with pytest.raises(PermissionDenied):
        services.contact_mark_left(actor=user, contact=chain[0], left_on=TODAY)
    with pytest.raises(PermissionDenied):
        services.org_unit_create(actor=user, partner=partner, name="Hacked")
    assert not Contact.objects.filter(title="Hacked").exists()


# --- units ----------------------------------------------------------------------------------


@pytest.fixture
def units(partner):
    """top ⊃ middle ⊃ bottom"""
    top = OrgUnitFactory(partner=partner, name="Sales")
    middle = OrgUnitFactory(partner=partner, name="EMEA", parent=top)
    bottom = OrgUnitFactory(partner=partner, name="DACH", parent=middle)
    return top, middle, bottom


def test_org_unit_update_refuses_a_parent_inside_itself(manager, units):
    top, _, bottom = units
    with pytest.raises(ValidationError) as excinfo:
        services.org_unit_update(actor=manager, unit=top, parent=bottom)
    assert "cannot sit under its own sub-unit" in excinfo.value.message_dict["parent"][0]
    top.refresh_from_db()
    assert top.parent is None


def test_org_unit_update_refuses_itself_as_parent(manager, units):
    with pytest.raises(ValidationError) as excinfo:
        services.org_unit_update(actor=manager, unit=units[1], parent=units[1])
    assert error_fields(excinfo) == {"parent"}


def test_org_unit_parent_must_be_of_the_same_partner(manager, partner, other_partner):
    with pytest.raises(ValidationError) as excinfo:
        services.org_unit_create(
            actor=manager, partner=partner, name="X", parent=OrgUnitFactory(partner=other_partner)
        )
    assert error_fields(excinfo) == {"parent"}


def test_org_unit_rename_and_move(manager, units):
    top, middle, bottom = units
    services.org_unit_update(actor=manager, unit=bottom, name="Germany", parent=top)
    bottom.refresh_from_db()
    assert (bottom.name, bottom.parent) == ("Germany", top)


def test_org_unit_duplicate_name_under_the_same_parent_is_reported_at_name(manager, units):
    top, middle, _ = units
    with pytest.raises(ValidationError) as excinfo:
        services.org_unit_create(actor=manager, partner=top.partner, name="emea", parent=top)
    assert excinfo.value.message_dict["name"] == ["“Sales” already has a sub-unit named “emea”."]
    with pytest.raises(ValidationError) as excinfo:
        services.org_unit_create(actor=manager, partner=top.partner, name="Sales")
    assert error_fields(excinfo) == {"name"}


def test_org_unit_delete_keeps_its_people_without_a_unit(manager, partner, units):
    bottom = units[2]
    person = ContactFactory(partner=partner, org_unit=bottom)
    services.org_unit_delete(actor=manager, unit=bottom)
    person.refresh_from_db()
    assert person.org_unit is None
    assert not OrgUnit.objects.filter(pk=bottom.pk).exists()


def test_org_unit_delete_refuses_a_unit_with_sub_units(manager, units):
    with pytest.raises(ValidationError):
        services.org_unit_delete(actor=manager, unit=units[0])
    assert OrgUnit.objects.filter(pk=units[0].pk).exists()
