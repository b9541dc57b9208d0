"""Incentive claims end to end: a manager opens a program, a partner user claims from it in the
portal (first with a mistake), the manager approves and records the payment, the partner sees
it paid. Then the portal claim pages at 390 px."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incentives.models import ClaimStatus, IncentiveClaim, IncentiveProgram
from tests.factories import ProgramTierFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory

from .conftest import login, menu_link, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def gold_partner(partner):
    partner.tier = ProgramTierFactory(name="Gold", rank=3)
    partner.save(update_fields=["tier"])
    return partner


def sign_out(page):
    page.context.clear_cookies()


def test_manager_opens_program_partner_claims_manager_approves_and_pays(
    page, live_server, gold_partner, partner_member, manager
):
    base, today = live_server.url, timezone.localdate()
    login(page, base, manager.username, name="inc-claims-01")
    menu_link(page, "Program", menu="Main").click()
    page.get_by_role("link", name="Incentives", exact=True).click()
    expect(page.locator("main")).to_contain_text("No incentive programs yet")
    shot(page, "inc-claims-02-programs-empty")
    page.get_by_role("link", name="New program").click()
    page.fill("input[name=name]", "Co-marketing MDF")
    page.select_option("select[name=kind]", "mdf")
    page.fill("input[name=budget]", "0")
    page.get_by_role("button", name="Save program").click()
    expect(page.locator("#field-budget .errorlist")).to_contain_text("more than zero")
    expect(page.locator("#field-targeted_behaviour .errorlist")).to_be_visible()
    shot(page, "inc-claims-03-program-form-errors")
    page.select_option("select[name=targeted_behaviour]", "results")
    page.fill("textarea[name=behaviour_description]", "Joint campaigns that bring new pipeline.")
    page.fill("input[name=budget]", "20000")
    page.fill("input[name=starts_on]", (today - datetime.timedelta(days=10)).isoformat())
    page.fill("input[name=ends_on]", (today + datetime.timedelta(days=80)).isoformat())
    page.get_by_label("Gold").check()
    page.get_by_role("button", name="Save program").click()
    expect(page.locator("h1")).to_contain_text("Co-marketing MDF")
    shot(page, "inc-claims-04-program-detail-new")
    program = IncentiveProgram.objects.get(name="Co-marketing MDF")

    sign_out(page)
    login(page, base, partner_member.username, name="inc-claims-05")
    menu_link(page, "Incentives").click()
    expect(page.locator("main")).to_contain_text("not claimed any incentives yet")
    shot(page, "inc-claims-06-portal-claims-empty")
    page.get_by_role("link", name="New claim").click()
    page.select_option("select[name=program]", label="Co-marketing MDF")
    page.fill("input[name=amount]", "25000")
    page.fill("textarea[name=description]", "Joint webinar series, 240 registrations.")
    page.get_by_role("button", name="Submit claim").click()
    expect(page.locator("#field-amount .errorlist")).to_contain_text("remaining budget")
    shot(page, "inc-claims-07-portal-claim-error")
    page.fill("input[name=amount]", "4500")
    page.fill("input[name=attributed_revenue]", "60000")
    page.get_by_role("button", name="Submit claim").click()
    expect(page.locator("main")).to_contain_text("Requested")
    shot(page, "inc-claims-08-portal-claim-requested")

    sign_out(page)
    login(page, base, manager.username, name="inc-claims-09")
    page.goto(f"{base}/program/claims/?status=requested")
    row = page.locator("#claim-rows tbody tr", has_text=gold_partner.name)
    shot(page, "inc-claims-10-queue")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("approved")
    page.goto(f"{base}/program/claims/?status=approved")
    row = page.locator("#claim-rows tbody tr", has_text=gold_partner.name)
    row.get_by_label("Payment reference").fill("PAY-2026-0042")
    row.get_by_role("button", name="Mark paid").click()
    expect(page.locator(".messages")).to_contain_text("paid")
    shot(page, "inc-claims-11-queue-paid")
    claim = IncentiveClaim.objects.get(program=program)
    assert (claim.status, claim.amount, claim.decided_by) == (
        ClaimStatus.PAID, Decimal("4500.00"), manager
    )  # fmt: skip
    page.goto(f"{base}{program.get_absolute_url()}")
    expect(page.locator("#program-budget")).to_contain_text("Paid 4,500.00")
    shot(page, "inc-claims-12-program-detail-paid")
    page.goto(f"{base}/program/incentives/")
    expect(page.locator("#program-rows")).to_contain_text("22% committed")
    shot(page, "inc-claims-13-program-list")

    sign_out(page)
    login(page, base, partner_member.username, name="inc-claims-14")
    page.goto(f"{base}/portal/program/claims/")
    expect(page.locator("main")).to_contain_text("PAY-2026-0042")
    shot(page, "inc-claims-15-portal-claim-paid")


def test_claim_pages_at_mobile_width(mobile_page, live_server, gold_partner, partner_member,
                                     manager):  # fmt: skip
    page, base = mobile_page, live_server.url
    program = IncentiveProgramFactory(name="Platform focus SPIFF", budget=Decimal("50000"))
    IncentiveClaimFactory(program=program, partner=gold_partner, amount=Decimal("1200"),
                          requested_by=partner_member)  # fmt: skip
    IncentiveClaimFactory(program=program, amount=Decimal("800"), status=ClaimStatus.REJECTED,
                          rejection_reason="No proof attached.", decided_by=manager)  # fmt: skip
    login(page, base, partner_member.username, name="inc-claims-m01")
    page.goto(f"{base}/portal/program/claims/")
    expect(page.locator("main")).to_contain_text("Platform focus SPIFF")
    shot(page, "inc-claims-m02-portal-claims")
    page.goto(f"{base}/portal/program/claims/new/")
    shot(page, "inc-claims-m03-portal-claim-form")
    sign_out(page)
    login(page, base, manager.username, name="inc-claims-m04")
    page.goto(f"{base}/program/claims/")
    shot(page, "inc-claims-m05-queue")
    page.goto(f"{base}/program/incentives/")
    shot(page, "inc-claims-m06-programs")
    page.goto(f"{base}{program.get_absolute_url()}")
    shot(page, "inc-claims-m07-program-detail")
