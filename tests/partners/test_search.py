"""What the global search finds in partners (partners.selectors.search, partners.panels.search):
partners by name or website for vendor staff only; people by name, email or job title, a
partner user only their own partner's people still there."""

import datetime

import pytest

from partners.panels.search import contact_result, partner_result
from partners.selectors.search import search_contacts, search_partners
from prm.search import SearchTerms
from tests.factories import ContactFactory, PartnerFactory, UserFactory
from tests.search_support import require_postgresql


def _find(selector, user, text):
    return list(selector(user=user, terms=SearchTerms.parse(text)))


@pytest.mark.parametrize("text", ["acm", "ACME", "acme sys", "Systems", "acme-systems.example"])
def test_search_partners_by_name_fragments_and_website(manager, partner, other_partner, text):
    partner.website = "https://acme-systems.example"
    partner.save()
    assert _find(search_partners, manager, text) == [partner]


def test_search_partners_is_for_vendor_staff_only(partner_member, outsider, partner):
    assert _find(search_partners, partner_member, "acme") == []
    assert _find(search_partners, outsider, "acme") == []
    assert _find(search_partners, UserFactory(role=""), "acme") == []


@pytest.mark.parametrize("text", ["jan", "kowal", "Jana Kowalska", "jana.kow", "channel dir"])
def test_search_contacts_by_name_email_and_title_fragments(manager, partner, text):
    jana = ContactFactory(
        partner=partner, first_name="Jana", last_name="Kowalska", title="Channel Director",
        email="jana.kowalska@acme.example",
    )  # fmt: skip
    ContactFactory(partner=partner, first_name="Piotr", last_name="Nowak", title="Engineer")
    assert _find(search_contacts, manager, text) == [jana]


def test_search_contacts_scopes_a_partner_user_to_their_partners_people_still_there(
    manager, partner_member, outsider, partner, other_partner
):
    own = ContactFactory(partner=partner, first_name="Jana", last_name="Kowalska")
    left = ContactFactory(
        partner=partner, first_name="Janusz", last_name="Kowal", left_on=datetime.date(2025, 1, 31)
    )
    theirs = ContactFactory(partner=other_partner, first_name="Jan", last_name="Kowalczyk")
    assert set(_find(search_contacts, manager, "kowal")) == {own, left, theirs}
    assert _find(search_contacts, partner_member, "kowal") == [own]
    assert _find(search_contacts, outsider, "kowal") == [theirs]
    assert _find(search_contacts, UserFactory(role=""), "kowal") == []


def test_partner_and_contact_results_say_what_they_are_and_link_to_their_side(partner):
    partner.website = "https://acme.example"
    jana = ContactFactory(
        partner=partner, first_name="Jana", last_name="Kowalska", title="Channel Director",
        email="jana@acme.example", left_on=datetime.date(2025, 1, 31),
    )  # fmt: skip
    result = partner_result(partner, portal=False)
    assert (result.title, result.url) == ("Acme Systems", "/partners/acme-systems/")
    assert result.context == "Reseller · Active · No tier · Germany"
    staff = contact_result(jana, portal=False)
    assert staff.context == "Channel Director · Acme Systems · left 31 Jan 2025"
    assert staff.url == f"/partners/acme-systems/tab/org-chart/?expand=all#person-{jana.pk}"
    portal = contact_result(jana, portal=True)
    assert (portal.context, portal.url) == (
        "Channel Director · jana@acme.example",
        f"/portal/people/#person-{jana.pk}",
    )
    jana.email, jana.phone = "", "+49 30 1234"
    assert contact_result(jana, portal=True).url == f"/portal/people/#person-{jana.pk}"


def test_search_partners_ranks_a_name_above_a_website_on_postgresql(manager, db):
    require_postgresql()
    by_site = PartnerFactory(name="Blue Harbour", website="https://northwind.example")
    by_name = PartnerFactory(name="Northwind Traders", website="https://nwt.example")
    assert _find(search_partners, manager, "northwind") == [by_name, by_site]


def test_search_contacts_ranks_a_name_above_a_job_title_on_postgresql(manager, partner):
    require_postgresql()
    by_title = ContactFactory(partner=partner, first_name="Ada", last_name="Lee", title="Hunter")
    by_name = ContactFactory(partner=partner, first_name="Hunter", last_name="Moss", title="CFO")
    assert _find(search_contacts, manager, "hunt") == [by_name, by_title]
