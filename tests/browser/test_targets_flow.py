"""Targets set together: a manager proposes a target (the challenge check flags it), the partner
admin counters in the portal, the manager accepts; then an actuals import with errors and a
clean one, and the attainment portfolio. Key pages again at 390 px."""

import pytest
from playwright.sync_api import expect

from performance.models import Target
from tests.performance.targets_factories import ActualFactory, metric

from .conftest import login, shot

pytestmark = pytest.mark.browser
HEADER = b"partner,year,quarter,metric,value\n"
BAD_CSV = HEADER + b"acme-systems,2026,1,revenue,lots\nnobody,2026,1,revenue,5\n"
GOOD_CSV = HEADER + b"acme-systems,2026,1,revenue,1150\nacme-systems,2026,1,pipeline,400000\n"


def test_manager_and_partner_admin_agree_a_target(
    page, live_server, manager, partner, partner_admin, tmp_path
):
    base = live_server.url
    ActualFactory(partner=partner, year=2025, quarter=1, value=1000)
    login(page, base, manager.username, name="rel-targets-01")
    page.goto(f"{base}/partners/{partner.slug}/tab/targets/")
    expect(page.get_by_text("No targets yet")).to_be_visible()
    shot(page, "rel-targets-02-tab-empty")

    form = page.locator("#target-propose form")
    form.locator("select[name=metric]").select_option(label="Revenue")
    form.locator("input[name=year]").fill("2026")
    form.locator("select[name=quarter]").select_option("1")
    form.locator("input[name=value]").fill("1020")
    form.locator("textarea[name=comment]").fill("A steady start to the year.")
    form.get_by_role("button", name="Propose target").click()
    expect(page.locator("[data-flag=too_easy]")).to_contain_text("Too easy")
    shot(page, "rel-targets-03-proposed-too-easy")

    page.context.clear_cookies()
    login(page, base, partner_admin.username, name="rel-targets-04")
    page.get_by_role("link", name="Targets").click()
    expect(page.get_by_role("heading", name="Targets", exact=True)).to_be_visible()
    shot(page, "rel-targets-05-portal-proposal")
    page.fill("input[name=value] >> nth=-1", "1100")
    page.get_by_role("button", name="Counter").click()
    expect(page.get_by_text("Waiting for the channel team")).to_be_visible()
    shot(page, "rel-targets-06-portal-countered")

    page.context.clear_cookies()
    login(page, base, manager.username, name="rel-targets-07")
    page.goto(f"{base}/partners/{partner.slug}/tab/targets/")
    page.get_by_role("button", name="Accept 1,100").click()
    expect(page.locator("#target-negotiations .badge.agreed")).to_be_visible()
    assert Target.objects.get().agreed_value == 1100

    page.goto(f"{base}/performance/actuals/import/")
    shot(page, "rel-targets-08-import-page")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_CSV)
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    expect(page.locator(".import-errors")).to_contain_text("Unknown partner")
    shot(page, "rel-targets-09-import-errors")

    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    page.get_by_role("link", name="Upload a corrected file").click()
    page.set_input_files("input[name=file]", str(good))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_text("All 2 rows are valid")).to_be_visible()
    shot(page, "rel-targets-10-import-done")

    page.get_by_role("link", name="See attainment").click()
    expect(page.locator("#attainment-table")).to_contain_text("105 %")
    shot(page, "rel-targets-11-portfolio")
    page.goto(f"{base}/partners/{partner.slug}/tab/targets/")
    page.wait_for_timeout(300)
    shot(page, "rel-targets-12-tab-agreed")


def test_targets_pages_at_mobile_width(mobile_page, live_server, manager, partner, partner_admin):
    from performance.services.targets import target_propose

    target_propose(actor=manager, partner=partner, metric=metric(),
                   year=2026, quarter=1, value=1000, comment="Proposal")  # fmt: skip
    base = live_server.url
    login(mobile_page, base, partner_admin.username, name="rel-targets-m01")
    mobile_page.goto(f"{base}/portal/performance/targets/")
    expect(mobile_page.get_by_role("button", name="Counter")).to_be_visible()
    shot(mobile_page, "rel-targets-m02-portal")
    mobile_page.context.clear_cookies()
    login(mobile_page, base, manager.username, name="rel-targets-m03")
    mobile_page.goto(f"{base}/partners/{partner.slug}/tab/targets/")
    shot(mobile_page, "rel-targets-m04-tab")
