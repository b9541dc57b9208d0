"""The demo a channel manager is shown: seeded data, portal-a's partner's org chart and influence
map, the 500-person organisation, and the relationships API in the browser. A partner user is
refused the same API."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from partners.models import Partner, PartnerMembership

from .conftest import login, shot

pytestmark = pytest.mark.browser
PASSWORD = "demo"


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", force=True, partners=4, password=PASSWORD, stdout=io.StringIO())
    portal = PartnerMembership.objects.get(user__username="portal-a").partner
    biggest = Partner.objects.annotate(n=Count("stakeholders")).order_by("-n").first()
    return portal, biggest


def test_demo_manager_sees_rich_org_charts_and_the_api(page, live_server, demo_data):
    portal, biggest = demo_data
    base = live_server.url
    login(page, base, "manager", PASSWORD, name="rel-demo-00")

    page.goto(f"{base}/partners/{portal.slug}/tab/org-chart/")
    expect(page.locator("#orgchart").get_by_text("Anna Schmidt").first).to_be_visible()
    expect(page.get_by_text("Head of Vendor Alliances").first).to_be_visible()
    shot(page, "rel-demo-01-portal-partner-org-chart")

    page.goto(f"{base}/partners/{portal.slug}/tab/influence/")
    expect(page.locator("canvas[data-chart]").first).to_have_attribute("data-drawn", "1")
    shot(page, "rel-demo-02-portal-partner-influence")

    page.goto(f"{base}/partners/{biggest.slug}/tab/org-chart/")
    expect(page.get_by_text("Chief Executive Officer").first).to_be_visible()
    shot(page, "rel-demo-03-big-org-chart")

    page.goto(f"{base}/api/v1/stakeholders/by-partner/")
    expect(page.get_by_text(biggest.slug).first).to_be_visible()
    expect(page.get_by_text('"stakeholders": 500').first).to_be_visible()
    shot(page, "rel-demo-04-api-stakeholders-by-partner")

    page.goto(f"{base}/api/v1/stakeholders/?partner={portal.pk}&influence=5")
    expect(page.get_by_text('"strategy"').first).to_be_visible()
    shot(page, "rel-demo-05-api-stakeholders")

    page.goto(f"{base}/api/docs/")
    # Swagger UI renders only the operations in view (a virtual list): the first is there, and
    # the schema it reads documents the rest.
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    schema = page.request.get(f"{base}/api/schema/?format=json").json()
    assert "/api/v1/relationship-plans/" in schema["paths"]
    assert "/api/v1/incentive-claims/{id}/pay/" in schema["paths"]
    shot(page, "rel-demo-06-api-docs")


def test_demo_portal_user_is_refused_the_relationships_api(page, live_server, demo_data):
    base = live_server.url
    login(page, base, "portal-a", PASSWORD, name="rel-demo-10-portal")

    response = page.goto(f"{base}/api/v1/stakeholders/")

    assert response.status == 403
    expect(page.get_by_text("vendor's channel team").first).to_be_visible()
    assert "strategy" not in page.content()
    shot(page, "rel-demo-11-portal-api-refused")


def test_demo_org_chart_at_mobile_width(mobile_page, live_server, demo_data):
    portal, _ = demo_data
    base = live_server.url
    login(mobile_page, base, "manager", PASSWORD, name="rel-demo-20-mobile")

    mobile_page.goto(f"{base}/partners/{portal.slug}/tab/org-chart/")

    expect(mobile_page.locator("#orgchart").get_by_text("Anna Schmidt").first).to_be_visible()
    shot(mobile_page, "rel-demo-21-mobile-org-chart")
