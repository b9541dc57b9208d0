"""A channel manager moves a partner to Silver with a reason (one try without a reason first);
the partner user sees their tier, benefits and progress to Gold, and downloads an allowed
resource. The portal tier page at phone width too. A channel manager edits Silver's
requirements and adds a benefit on the "Program tiers" page (one try with a kind Silver already
has first), at desktop and phone width."""

import pytest
from playwright.sync_api import expect

from incentives.services import program as services
from tests.incentives.program_factories import (
    BenefitFactory,
    ResourceFactory,
    TierRequirementFactory,
    tiers,
    upload,
)
from tests.performance.targets_factories import ActualFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def program(partner, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registered, silver, gold = tiers()
    partner.tier = registered
    partner.save()
    TierRequirementFactory(tier=gold, min_annual_revenue=1_000_000, min_certified_people=3,
                           min_audit_score=60)  # fmt: skip
    TierRequirementFactory(tier=silver, min_annual_revenue=250_000)
    BenefitFactory(tier=silver, kind="discount", value="18% off list")
    BenefitFactory(tier=silver, kind="deal_protection", value="90 days")
    from django.utils import timezone

    today = timezone.localdate()
    ActualFactory(partner=partner, year=today.year, quarter=(today.month - 1) // 3 + 1,
                  value=420_000)  # fmt: skip
    services.resource_create(
        actor=manager, title="Deal registration checklist", category="sales",
        minimum_tier=silver, description="What to do before you quote.",
        file=upload("checklist.txt", b"1. Register.\n2. Quote.\n"),
    )  # fmt: skip
    ResourceFactory(title="Brand guide", category="marketing", link="https://example.com/brand")
    ResourceFactory(title="Gold roadmap", category="sales", minimum_tier=gold)
    return registered, silver, gold


def test_manager_changes_tier_partner_sees_progress_and_downloads(
    page, mobile_page, live_server, manager, partner, partner_member, program
):
    base = live_server.url
    login(page, base, manager.username, name="rel-program")
    page.goto(f"{base}/partners/{partner.slug}/tab/program/")
    expect(page.locator("#program-progress")).to_contain_text("Towards Silver")
    shot(page, "rel-program-01-tab-registered")

    page.select_option("#tier-change select[name=to_tier]", label="Silver")
    page.fill("#tier-change textarea[name=reason]", "   ")  # passes the browser, not the server
    page.click("#tier-change button[type=submit]")
    expect(page.locator("#tier-change .errorlist")).to_be_visible()
    shot(page, "rel-program-02-reason-missing")
    page.fill("#tier-change textarea[name=reason]", "Passed 250k revenue over four quarters.")
    page.click("#tier-change button[type=submit]")
    expect(page.locator("#tier-history")).to_contain_text("Passed 250k revenue")
    expect(page.locator("#program-progress")).to_contain_text("Towards Gold")
    shot(page, "rel-program-03-tab-silver")

    page.goto(f"{base}/program/resources/")
    expect(page.locator("#resource-rows")).to_contain_text("Gold roadmap")
    shot(page, "rel-program-04-resource-list")

    page.context.clear_cookies()
    login(page, base, partner_member.username, name="rel-program-portal")
    page.goto(f"{base}/portal/program/tier/")
    expect(page.locator("h1")).to_contain_text("Silver")
    expect(page.locator("#program-progress")).to_contain_text("Towards Gold")
    shot(page, "rel-program-05-portal-tier")

    page.goto(f"{base}/portal/program/resources/")
    expect(page.locator("main")).not_to_contain_text("Gold roadmap")
    shot(page, "rel-program-06-portal-resources")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.startswith("checklist")

    login(mobile_page, base, partner_member.username, name="rel-program-mobile")
    mobile_page.goto(f"{base}/portal/program/tier/")
    expect(mobile_page.locator("#program-progress")).to_be_visible()
    shot(mobile_page, "rel-program-07-portal-tier-mobile")


def test_manager_edits_tier_requirements_and_adds_a_benefit(
    page, mobile_page, live_server, manager, partner, program
):
    registered, silver, _ = program
    base = live_server.url
    login(page, base, manager.username, name="rel-tiers")
    page.goto(f"{base}/program/tiers/")
    card = page.locator(f"#tier-{silver.pk}")
    expect(card.locator(f"#tier-{silver.pk}-revenue")).to_have_text("250,000 USD")
    expect(card.locator(f"#tier-{silver.pk}-people")).to_have_text("Not required")
    shot(page, "rel-tiers-01-list")

    card.get_by_text("Edit requirements").click()
    card.get_by_label("Revenue with us (USD)").fill("300000")
    card.get_by_label("Certified people").fill("2")
    shot(page, "rel-tiers-02-edit-requirements")
    card.get_by_role("button", name="Save requirements").click()
    expect(card.get_by_role("status")).to_contain_text("Saved the requirements of Silver")
    expect(card.locator(f"#tier-{silver.pk}-revenue")).to_have_text("300,000 USD")
    expect(card.locator(f"#tier-{silver.pk}-people")).to_have_text("2")
    shot(page, "rel-tiers-03-requirements-saved")

    card.get_by_text("Add a benefit").click()
    adding = card.locator(".benefit-add")
    adding.get_by_label("Kind").select_option(label="Discount")  # Silver already has one
    adding.get_by_label("What partners get").fill("20% off list")
    adding.get_by_role("button", name="Add benefit").click()
    expect(card.locator(".benefit-add .errorlist")).to_contain_text("already has a “Discount”")
    shot(page, "rel-tiers-04-benefit-kind-taken")
    adding = card.locator(".benefit-add")
    adding.get_by_label("Kind").select_option(label="MDF eligibility")
    adding.get_by_label("What partners get").fill("Eligible, up to 10k per year")
    adding.get_by_label("Amount").fill("10000")
    adding.get_by_role("button", name="Add benefit").click()
    expect(card.locator(".benefit-list")).to_contain_text("Eligible, up to 10k per year")
    expect(card.get_by_role("status")).to_contain_text("Added “MDF eligibility” to Silver")
    shot(page, "rel-tiers-05-benefit-added")

    discount = card.locator(".benefit-list > li", has_text="Discount")
    discount.locator("summary").click()  # the form loads when opened
    discount.locator("input[name$='-value']").fill("20% off list")
    discount.get_by_role("button", name="Save benefit").click()
    expect(card.locator(".benefit-list")).to_contain_text("20% off list")
    expect(card.locator(".tier-saved")).to_contain_text("Saved “Discount” of Silver")
    shot(page, "rel-tiers-05b-benefit-edited")
    with page.expect_navigation():
        page.locator(f"#tier-{registered.pk} .tier-partners").click()
    expect(page.locator("#partner-rows")).to_contain_text(partner.name)
    shot(page, "rel-tiers-06-partners-of-registered")

    login(mobile_page, base, manager.username, name="rel-tiers-mobile")
    mobile_page.goto(f"{base}/program/tiers/")
    mobile_card = mobile_page.locator(f"#tier-{silver.pk}")
    expect(mobile_card).to_contain_text("Eligible, up to 10k per year")
    discount = mobile_card.locator(".benefit-list > li", has_text="20% off list")
    discount.locator("summary").click()
    expect(mobile_card.get_by_role("button", name="Remove this benefit")).to_be_visible()
    shot(mobile_page, "rel-tiers-07-mobile")
