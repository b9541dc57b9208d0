"""The inbox's pages: /inbox/ (staff, and its portal variant), the top bar's count and the
dashboard's and portal home's panels, each loaded lazily; who may open them; query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.models import Alert, AlertKind
from performance.services.deals import deal_approve
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.incentives.claims_factories import IncentiveClaimFactory
from tests.incentives.enablement_factories import RulesFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory

pytestmark = pytest.mark.django_db
INBOX, COUNT, PANEL = "/inbox/", "/inbox/count/", "/inbox/panel/"
TODAY = timezone.localdate()


def some_of_everything(partner, owner, *, n=1):
    """Items of most staff kinds on `partner`, `n` of each (its review is not due)."""
    ReviewFactory(partner=partner)
    DealRegistrationFactory.create_batch(n, partner=partner)
    IncentiveClaimFactory.create_batch(n, partner=partner)
    plan = BusinessPlanFactory(partner=partner)
    PlanActionFactory.create_batch(
        n, plan=plan, owner_side="vendor", owner_name="", owner_user=owner, due=TODAY
    )
    for index in range(n):
        Alert.objects.create(
            partner=partner,
            kind=AlertKind.NO_CHAMPION,
            subject=f"s{index}",
            message="No champion named.",
            raised_on=TODAY,
            last_seen_on=TODAY,
        )


def accessible_text(html) -> str:
    """The link's visible text (tags dropped, spaces folded): part of its accessible name."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_inbox_lists_my_items_with_kind_partner_age_and_link(client_for, manager, partner):
    ReviewFactory(partner=partner)
    deal = DealRegistrationFactory(partner=partner, customer_name="Initech")
    PlanActionFactory(
        plan=BusinessPlanFactory(partner=partner),
        owner_side="vendor",
        owner_name="",
        owner_user=manager,
        title="Send the MDF plan",
        due=TODAY - datetime.timedelta(days=3),
    )
    DealRegistrationFactory(partner=PartnerFactory(name="Not Mine"))
    html = client_for(manager).get(INBOX).content.decode()
    assert "Initech, 25,000 EUR" in html and f'href="/performance/deals/{deal.pk}/"' in html
    assert "Deal registrations to decide" in html and "Acme Systems" in html
    assert "overdue by 3 days" in html and "new today" in html
    assert html.index("Send the MDF plan") < html.index("Initech")  # overdue first
    assert "Not Mine" not in html and "2 items waiting" in html


def test_team_scope_shows_everyone_and_says_who_the_team_is(client_for, manager, partner):
    DealRegistrationFactory(partner=partner)
    DealRegistrationFactory(partner=PartnerFactory(name="Someone Else"))
    html = client_for(manager).get(INBOX, {"scope": "team"}).content.decode()
    assert "Someone Else" in html and "everyone on the vendor's channel team" in html


def test_kind_filter_counts_each_kind_and_keeps_filters_in_links(client_for, manager, partner):
    some_of_everything(partner, manager, n=2)
    html = client_for(manager).get(INBOX, {"kind": "claims", "scope": "team"}).content.decode()
    assert 'href="?kind=deals&amp;scope=team"' in html
    assert 'Claims to approve or pay <span class="inbox-kind-count">2</span>' in html
    assert "Program 0" in html and "Customer" not in html  # only the claims


def test_pages_keep_the_filters(client_for, manager, partner):
    DealRegistrationFactory.create_batch(27, partner=partner)
    client = client_for(manager)
    first = client.get(INBOX, {"kind": "deals"}).content.decode()
    assert "Page 1 of 2" in first and 'href="?kind=deals&amp;page=2"' in first
    second = client.get(INBOX, {"kind": "deals", "page": 2}).content.decode()
    assert second.count('class="inbox-item') == 2
    for past_the_end in (99, 10**9):
        html = client.get(INBOX, {"kind": "deals", "page": past_the_end}).content.decode()
        assert "Page 2 of 2" in html


def test_bad_filters_fall_back_to_defaults(client_for, manager, partner):
    ReviewFactory(partner=partner)
    DealRegistrationFactory(partner=partner)
    response = client_for(manager).get(INBOX, {"kind": "nope", "scope": "all", "page": "x"})
    assert response.status_code == 200 and "1 item waiting" in response.content.decode()


def test_inbox_full_page_and_htmx_fragment(client_for, manager, partner):
    DealRegistrationFactory(partner=partner)
    client = client_for(manager)
    page = client.get(INBOX).content.decode()
    fragment = client.get(INBOX, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in page and 'id="inbox-region"' in page
    assert "<html" not in fragment and fragment.strip().startswith('<div id="inbox-region"')
    assert "Vary" in client.get(INBOX).headers and "HX-Request" in client.get(INBOX)["Vary"]


def test_empty_inbox_says_nothing_waits(client_for, manager):
    html = client_for(manager).get(INBOX).content.decode()
    assert "Nothing waits for you" in html


@pytest.mark.parametrize("url", [INBOX, COUNT, PANEL])
def test_wrong_method_is_405(client_for, manager, url):
    assert client_for(manager).post(url).status_code == 405


@pytest.mark.parametrize("url", [INBOX, COUNT, PANEL])
def test_anonymous_goes_to_login_and_a_user_without_a_role_is_refused(client, url):
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(role=""))
    assert client.get(url).status_code == 403


def test_top_bar_count_has_a_distinct_accessible_name(client_for, manager, partner):
    some_of_everything(partner, manager)
    html = client_for(manager).get(COUNT).content.decode()
    assert 'href="/inbox/"' in html
    assert 'aria-label="Inbox, 4 waiting"' in html and accessible_text(html) == "Inbox 4"
    assert "hx-get" not in html  # the fragment does not load itself again


def test_every_page_has_the_inbox_link_without_running_a_query_for_it(manager):
    request = RequestFactory().get("/")
    request.user = manager
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("components/topbar_inbox.html", {"user": manager}, request)
    assert len(queries) == 0
    assert 'href="/inbox/"' in html and 'hx-get="/inbox/count/"' in html
    assert 'hx-trigger="load"' in html


def test_pages_carry_the_lazy_inbox_link(client_for, manager, partner_admin):
    assert 'hx-get="/inbox/count/"' in client_for(manager).get("/partners/").content.decode()
    portal = client_for(partner_admin).get("/portal/").content.decode()
    assert 'href="/portal/#waiting"' in portal and 'hx-get="/inbox/count/"' in portal


def test_portal_count_and_panel_show_only_their_own_partner(
    client_for, manager, partner, partner_member, other_partner
):
    RulesFactory(version=1, effective_on=TODAY)
    deal = DealRegistrationFactory(partner=partner, customer_name="Ours Ltd")
    other = DealRegistrationFactory(partner=other_partner, customer_name="Theirs Ltd")
    deal_approve(actor=manager, deal=deal)
    deal_approve(actor=manager, deal=other)
    client = client_for(partner_member)
    count = client.get(COUNT).content.decode()
    assert 'aria-label="Inbox, 2 waiting"' in count and 'href="/portal/#waiting"' in count
    panel = client.get(PANEL).content.decode()
    assert "Ours Ltd: approved" in panel and "Version 1, in force since" in panel
    assert "Theirs Ltd" not in panel and "/performance/" not in panel.replace("/portal/", "")


def test_portal_home_has_the_waiting_panel_loaded_lazily(client_for, partner_admin):
    html = client_for(partner_admin).get("/portal/").content.decode()
    assert 'id="waiting"' in html and "Needs you" in html and "Waiting for you" in html
    assert 'hx-get="/inbox/panel/"' in html and 'href="/inbox/"' in html


def test_portal_inbox_page_works_without_javascript(client_for, partner_member, other_partner):
    RulesFactory(version=1, effective_on=TODAY)
    html = client_for(partner_member).get(INBOX).content.decode()
    assert "Version 1, in force since" in html and "Acme Systems" in html
    assert "Mine" not in html  # no scope switch on the portal


def test_dashboard_has_waiting_for_me_loaded_lazily(client_for, manager, partner):
    DealRegistrationFactory(partner=partner, customer_name="Initech")
    client = client_for(manager)
    home = client.get("/").content.decode()
    assert "Waiting for me" in home and 'hx-get="/inbox/panel/"' in home
    assert "Initech, 25,000 EUR" not in home  # the items come with the panel's own request
    panel = client.get(PANEL).content.decode()
    assert "Initech, 25,000 EUR" in panel and "Deal registrations to decide" in panel


def test_panel_shows_the_first_five_and_how_many_in_all(client_for, manager, partner):
    ReviewFactory(partner=partner)
    DealRegistrationFactory.create_batch(7, partner=partner)
    html = client_for(manager).get(PANEL).content.decode()
    assert html.count('class="inbox-item') == 5 and "7 in all" in html


@pytest.mark.parametrize("url", [INBOX, INBOX + "?scope=team", COUNT, PANEL])
def test_query_count_is_constant_in_the_amount_waiting(
    client_for, manager, partner, count_queries, url
):
    client = client_for(manager)
    some_of_everything(partner, manager, n=1)
    small = count_queries(client, url)
    some_of_everything(PartnerFactory(owner=manager), manager, n=30)
    some_of_everything(PartnerFactory(), UserFactory(role="channel_manager"), n=5)
    assert count_queries(client, url) == small


def test_portal_query_count_is_constant(client_for, partner, partner_member, count_queries):
    client = client_for(partner_member)
    RulesFactory(version=1, effective_on=TODAY)
    small = [count_queries(client, url) for url in (INBOX, COUNT, PANEL)]
    PlanActionFactory.create_batch(12, plan=BusinessPlanFactory(partner=partner), due=TODAY)
    MembershipFactory.create_batch(3, partner=partner)
    assert [count_queries(client, url) for url in (INBOX, COUNT, PANEL)] == small
