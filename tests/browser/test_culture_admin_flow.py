"""Culture behind the pages: an administrator reviews the seeded assessments in the admin, makes
an older profile of our culture current, edits an assimilation guideline; a manager reads the
culture API in the browser; a partner user is refused it."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from relationships.models import CultureAssessment, CultureGuideline

from .conftest import login, shot

pytestmark = pytest.mark.browser
PASSWORD = "demo"


@pytest.fixture
def demo_data(transactional_db):
    # The live server's tests flush the database after each test, which also drops the default
    # descriptors and guidelines a data migration wrote: put them back first.
    import_module("relationships.migrations.0006_culture_defaults").add_defaults(apps, None)
    call_command("seed_demo", force=True, partners=4, password=PASSWORD, stdout=io.StringIO())


def test_culture_admin_reviews_assessments_and_edits_guidance(page, live_server, demo_data):
    base = live_server.url
    login(page, base, "admin", PASSWORD, name="rel-culture-admin-00")

    page.goto(f"{base}/admin/relationships/cultureassessment/")
    expect(page.get_by_text("Our culture").first).to_be_visible()
    expect(page.locator("th", has_text="Dominant type")).to_be_visible()
    shot(page, "rel-culture-admin-01-assessments")

    assessment = CultureAssessment.objects.filter(is_own=False).first()
    page.goto(f"{base}/admin/relationships/cultureassessment/{assessment.pk}/change/")
    expect(page.get_by_role("heading", name="Culture ratings")).to_be_visible()
    shot(page, "rel-culture-admin-02-assessment-with-ratings")

    older = CultureAssessment.objects.get(is_own=True, is_current=False)
    page.goto(f"{base}/admin/relationships/cultureassessment/?is_own__exact=1")
    page.check(f"input[name=_selected_action][value='{older.pk}']")
    page.select_option("select[name=action]", "make_current")
    with page.expect_navigation():
        page.click("button[name=index]")
    expect(page.get_by_text("is now our current culture profile")).to_be_visible()
    shot(page, "rel-culture-admin-03-made-current")
    older.refresh_from_db()
    assert older.is_current

    page.goto(f"{base}/admin/relationships/cultureguideline/?culture_type__exact=bureaucratic")
    expect(page.get_by_text("5 culture guidelines")).to_be_visible()
    shot(page, "rel-culture-admin-04-guidelines")
    guideline = CultureGuideline.objects.get(culture_type="bureaucratic", dimension="power")
    page.goto(f"{base}/admin/relationships/cultureguideline/{guideline.pk}/change/")
    expect(page.get_by_role("link", name="Add culture guideline")).to_have_count(0)
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)
    page.fill("textarea[name=guidance]", "Go through the formal owner of the decision first.")
    shot(page, "rel-culture-admin-05-guideline-edit")
    with page.expect_navigation():
        page.click("input[name=_save]")
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    guideline.refresh_from_db()
    assert guideline.guidance == "Go through the formal owner of the decision first."


def test_culture_api_in_the_browser_for_a_manager(page, live_server, demo_data):
    base = live_server.url
    login(page, base, "manager", PASSWORD, name="rel-culture-api-00")

    page.goto(f"{base}/api/v1/culture-assessments/?is_own=true&is_current=true")
    expect(page.get_by_text('"dominant_type"').first).to_be_visible()
    expect(page.get_by_text('"by_dimension"').first).to_be_visible()
    shot(page, "rel-culture-api-01-own-profile")

    page.goto(f"{base}/api/v1/culture-guidelines/?culture_type=entrepreneurial")
    expect(page.get_by_text('"count": 5').first).to_be_visible()
    shot(page, "rel-culture-api-02-guidelines")


def test_culture_api_is_refused_to_a_partner_user(page, live_server, demo_data):
    base = live_server.url
    login(page, base, "portal-a", PASSWORD, name="rel-culture-api-10-portal")

    response = page.goto(f"{base}/api/v1/culture-assessments/")

    assert response.status == 403
    assert "dominant_type" not in page.content()
    shot(page, "rel-culture-api-11-portal-refused")


def test_culture_admin_at_mobile_width(mobile_page, live_server, demo_data):
    base = live_server.url
    login(mobile_page, base, "admin", PASSWORD, name="rel-culture-admin-20-mobile")

    mobile_page.goto(f"{base}/admin/relationships/cultureassessment/")
    expect(mobile_page.get_by_text("Our culture").first).to_be_visible()
    shot(mobile_page, "rel-culture-admin-21-mobile-assessments")
