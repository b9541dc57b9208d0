"""A channel manager profiles our own culture, assesses a partner's (one invalid try first),
reads the result, validates it, compares it with ours on the Culture tab, opens the brief and
the portfolio. The same pages at phone width."""

import datetime

import pytest
from playwright.sync_api import expect

from relationships.culture import DIMENSIONS, TYPES
from relationships.models import CultureAssessment
from tests.factories import CultureAssessmentFactory, PartnerFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser

OURS = {
    "decision_making": "bureaucratic",
    "work_structure": "bureaucratic",
    "communication": "collaborative",
    "control": "bureaucratic",
    "power": "bureaucratic",
}
THEIRS = {"decision_making": "entrepreneurial", "work_structure": "entrepreneurial",
          "communication": "collaborative", "control": "entrepreneurial",
          "power": "entrepreneurial"}  # fmt: skip


@pytest.fixture(autouse=True)
def culture_defaults(db):
    """The live server's tests flush the database, data migrations included: put the default
    descriptors and guidelines back (what every real installation has)."""
    from importlib import import_module

    from django.apps import apps

    from relationships.models import CultureDescriptor

    if not CultureDescriptor.objects.exists():
        import_module("relationships.migrations.0006_culture_defaults").add_defaults(apps, None)


def rate(page, leaning: dict) -> None:
    """4 for the type that fits each dimension, 1 for the others."""
    for d in DIMENSIONS:
        for t in TYPES:
            score = 4 if leaning[d] == t else 1
            page.check(f"input[name=rating__{d}__{t}][value='{score}']")


def test_manager_assesses_compares_and_briefs(page, live_server, manager, partner):
    base = live_server.url
    login(page, base, manager.username, name="rel-culture")

    page.goto(f"{base}/relationships/culture/ours/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("not profiled yet")
    shot(page, "rel-culture-01-own-empty")
    page.get_by_role("link", name="Profile our culture").click()
    page.fill("textarea[name=values]", "Reliability, compliance, doing things properly.")
    rate(page, OURS)
    shot(page, "rel-culture-02-own-form")
    page.get_by_role("button", name="Save our profile").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Our culture")
    page.goto(f"{base}/relationships/culture/ours/")
    expect(page.locator("#own-profiles")).to_contain_text("current")
    shot(page, "rel-culture-03-own-list")

    page.goto(f"{base}/partners/{partner.slug}/tab/culture/")
    expect(page.locator("#tab-panel")).to_contain_text("has not been assessed yet")
    shot(page, "rel-culture-04-tab-empty")
    page.get_by_role("link", name="Assess the culture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Assess the culture of {partner.name}"
    )
    page.fill("textarea[name=values]", "Speed, ownership, winning the deal.")
    page.fill("textarea[name=behaviours]", "The account owner decides on the spot.")
    page.get_by_role("button", name="Save the assessment").click()  # no ratings yet
    expect(page.locator("#field-ratings")).to_contain_text("an assessment needs ratings")
    shot(page, "rel-culture-05-form-error")
    assert not CultureAssessment.objects.filter(partner=partner).exists()

    rate(page, THEIRS)
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Culture of {partner.name}")
    expect(page.locator(".culture-dominant")).to_have_text("Entrepreneurial")
    page.wait_for_timeout(400)  # chart animation
    shot(page, "rel-culture-06-result")

    page.fill("textarea[name=validation_tactics]", "Observe their weekly deal review.")
    page.fill("textarea[name=validation_outcome]", "The account owner decided alone, twice.")
    page.check("input[name=validated]")
    page.get_by_role("button", name="Save the validation").click()
    expect(page.locator("#validation")).to_contain_text("Validated by")
    shot(page, "rel-culture-07-validated")

    page.goto(f"{base}/partners/{partner.slug}/tab/culture/")
    expect(page.locator("#culture-compare")).to_contain_text("culture distance")
    expect(page.locator("#culture-guidelines li")).to_have_count(4)
    page.wait_for_timeout(400)
    shot(page, "rel-culture-08-tab-compare")

    page.get_by_role("link", name="Brief for a meeting").click()
    expect(page.locator(".culture-brief")).to_contain_text("Their culture in one line")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    shot(page, "rel-culture-09-brief")

    page.goto(f"{base}/relationships/culture/")
    expect(page.locator("#culture-table")).to_contain_text(partner.name)
    page.wait_for_timeout(400)
    shot(page, "rel-culture-10-portfolio")


@pytest.fixture
def culture_data(partner, manager):
    def ratings(leaning, bump=None):
        values = {(d, t): (4 if leaning[d] == t else 1) for d in DIMENSIONS for t in TYPES}
        values.update(bump or {})
        return values

    CultureAssessmentFactory(partner=None, is_own=True, assessed_by=manager, ratings=ratings(OURS))
    CultureAssessmentFactory(
        partner=partner, assessed_by=manager, ratings=ratings(OURS),
        assessed_on=datetime.date.today() - datetime.timedelta(days=180),
    )  # fmt: skip
    latest = CultureAssessmentFactory(partner=partner, assessed_by=manager,
                                      ratings=ratings(THEIRS))  # fmt: skip
    for index, leaning in enumerate([OURS, THEIRS, THEIRS]):
        other = PartnerFactory(name=f"Partner {index + 1}")
        CultureAssessmentFactory(partner=other, assessed_by=manager, ratings=ratings(leaning))
    PartnerFactory(name="Unassessed Ltd")
    return latest


def test_culture_pages_at_phone_width(mobile_page, live_server, manager, partner, culture_data):
    page, base = mobile_page, live_server.url
    login(page, base, manager.username, name="rel-culture-m")
    page.goto(f"{base}/partners/{partner.slug}/tab/culture/")
    expect(page.locator("#culture-history")).to_contain_text("Since")
    page.wait_for_timeout(400)
    shot(page, "rel-culture-m01-tab")
    for part in ("culture-compare", "culture-history"):
        page.locator(f"#{part}").screenshot(path=str(shot(page, f"rel-culture-m01-{part}")))
    page.goto(f"{base}/relationships/partners/{partner.slug}/culture/new/")
    shot(page, "rel-culture-m02-form")
    page.goto(f"{base}/relationships/culture/{culture_data.pk}/")
    page.wait_for_timeout(400)
    shot(page, "rel-culture-m03-result")
    page.goto(f"{base}/relationships/partners/{partner.slug}/culture/brief/")
    shot(page, "rel-culture-m04-brief")
    page.goto(f"{base}/relationships/culture/")
    page.wait_for_timeout(400)
    shot(page, "rel-culture-m05-portfolio")
    page.goto(f"{base}/relationships/culture/ours/")
    shot(page, "rel-culture-m06-own")
    for url in [f"/partners/{partner.slug}/tab/culture/", "/relationships/culture/"]:
        page.goto(base + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} scrolls sideways ({width}px)"
