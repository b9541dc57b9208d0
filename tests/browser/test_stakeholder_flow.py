"""A channel manager assesses a stakeholder, sees the strategy, designates the champion, writes
the individual plan, prints it and reads the partner's influence map."""

import datetime

import pytest
from playwright.sync_api import expect

from relationships.models import RelationshipPlan, Stakeholder, Stance
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory

from .conftest import login, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def org(partner, manager, other_manager):
    """Acme's people: a small org chart, half of it analysed already."""
    board = OrgUnitFactory(partner=partner, name="Management")
    sales = OrgUnitFactory(partner=partner, name="Sales", parent=board)
    ceo = ContactFactory(partner=partner, first_name="Maria", last_name="Keller", title="CEO",
                         org_unit=board)  # fmt: skip
    people = {"ceo": ceo}
    for key, first, last, title, unit in [
        ("cto", "Dana", "Cruz", "Chief Technology Officer", board),
        ("cfo", "Ana", "Ruiz", "CFO", board),
        ("vp", "Tom", "Becker", "VP Sales", sales),
        ("presales", "Lena", "Fischer", "Head of Presales", sales),
        ("ops", "Omar", "Haddad", "Operations Lead", sales),
        ("mkt", "Ines", "Vogel", "Marketing Manager", sales),
    ]:
        people[key] = ContactFactory(partner=partner, first_name=first, last_name=last,
                                     title=title, org_unit=unit, reports_to=ceo)  # fmt: skip
    analysed = [
        ("ceo", Stance.NEUTRAL, 5, 3, "strategic", "conservative"),
        ("cfo", Stance.NON_SUPPORTER, 5, 2, "strategic", "sceptic"),
        ("vp", Stance.SUPPORTER, 4, 4, "tactical", "pragmatist"),
        ("presales", Stance.SUPPORTER, 3, 5, "operational", "visionary"),
        ("ops", Stance.NON_SUPPORTER, 2, 2, "operational", "conservative"),
    ]
    for key, stance, influence, level, orientation, adaptability in analysed:
        StakeholderFactory(contact=people[key], stance=stance, influence=influence,
                           relationship_level=level, decision_orientation=orientation,
                           adaptability=adaptability, owners=[other_manager])  # fmt: skip
    return people


def test_manager_assesses_designates_plans_and_maps(page, live_server, manager, partner, org):
    base = live_server.url
    login(page, base, manager.username, name="rel-stakeholders")
    page.goto(f"{base}/partners/{partner.slug}/tab/influence/")
    unassessed = page.locator("#unassessed")
    expect(unassessed).to_contain_text("Dana Cruz")
    shot(page, "rel-stakeholders-01-influence-before")

    unassessed.get_by_role("link", name="Assess Dana Cruz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assess Dana Cruz")
    shot(page, "rel-stakeholders-02-assess-form")

    form = page.locator("#stakeholder-form")
    form.locator("textarea[name=formal_responsibilities]").fill("Owns the technology roadmap")
    form.locator("textarea[name=business_objectives]").fill("Move every customer to the cloud")
    form.locator("textarea[name=decides_alone]").fill("The technology stack and its vendors")
    form.locator("textarea[name=influences]").fill("The CEO's choice of strategic partners")
    form.locator("select[name=stance]").select_option("supporter")
    form.locator("select[name=influence]").select_option("5")
    form.locator("select[name=relationship_level]").select_option("4")
    form.locator("select[name=decision_orientation]").select_option("strategic")
    form.locator("select[name=adaptability]").select_option("visionary")
    form.locator("input[name=cadence_days]").fill("0")
    form.get_by_role("button", name="Save the analysis").click()
    expect(page.locator("#field-cadence_days .errorlist")).to_contain_text(
        "greater than or equal to 1"
    )
    assert not Stakeholder.objects.filter(contact=org["cto"]).exists()
    shot(page, "rel-stakeholders-03-assess-error")

    page.locator("#stakeholder-form input[name=cadence_days]").fill("21")
    page.locator("#stakeholder-form").get_by_role("button", name="Save the analysis").click()
    expect(page.locator("#strategy-heading")).to_have_text("Leverage")
    expect(page.locator(".strategy-card")).to_contain_text("open doors")
    expect(page.locator("body")).to_contain_text("Out of cadence")
    shot(page, "rel-stakeholders-04-stakeholder-detail")

    champion = page.locator("#champion-card")
    champion.get_by_role("button", name="Designate Dana as champion").click()
    expect(champion.locator(".errorlist")).to_contain_text("Say why")
    champion.locator("textarea[name=champion_reason]").fill(
        "Sponsors our platform internally and sits on the partner board."
    )
    champion.get_by_role("button", name="Designate Dana as champion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Champion of Acme Systems")
    expect(page.locator("#current-champion")).to_contain_text("Dana Cruz")
    expect(page.locator("#champion-candidates")).to_contain_text("Tom Becker")
    shot(page, "rel-stakeholders-05-champion")

    page.locator("#current-champion").get_by_role("link", name="Dana Cruz").click()
    page.get_by_role("link", name="Write a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationship plan for Dana Cruz")
    plan_form = page.locator("#plan-form")
    expect(plan_form.locator("textarea[name=business_objectives]")).to_have_value(
        "Move every customer to the cloud"
    )
    expect(plan_form.locator("textarea[name=position_and_responsibilities]")).to_have_value(
        "Chief Technology Officer; Owns the technology roadmap"
    )
    shot(page, "rel-stakeholders-06-plan-form")
    plan_form.locator("textarea[name=value_we_provide]").fill(
        "A cloud platform their team can resell"
    )
    plan_form.locator("textarea[name=how_to_build_more_value]").fill("Joint reference architecture")
    plan_form.locator("textarea[name=current_relationship]").fill("Trusted; she asks us first")
    plan_form.locator("textarea[name=value_communication]").fill("Quarterly roadmap briefings")
    plan_form.get_by_label("Ana Ruiz — CFO").check()
    plan_form.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relationship plan for Dana Cruz")
    expect(page.locator(".plan-answers")).to_contain_text("Joint reference architecture")
    expect(page.locator(".plan-answers")).to_contain_text("needs a plan")
    assert RelationshipPlan.objects.get(stakeholder__contact=org["cto"]).owner == manager
    shot(page, "rel-stakeholders-07-plan-detail")

    page.get_by_role("link", name="Printable view").click()
    expect(page.locator(".sheet")).to_contain_text("Individual relationship plan")
    expect(page.locator(".sheet")).to_contain_text("How will we communicate our value")
    shot(page, "rel-stakeholders-08-plan-print")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    shot(page, "rel-stakeholders-09-plan-print-media")
    page.emulate_media(media="screen")

    page.goto(f"{base}/partners/{partner.slug}/tab/influence/")
    for chart in ("influence-map", "adoption-spread"):
        canvas = page.locator(f"canvas[data-chart='{chart}-data']")
        expect(canvas).to_have_attribute("data-drawn", "1")
        assert canvas.bounding_box()["height"] > 200
    expect(page.locator(".influence-tables")).to_contain_text("Dana Cruz")
    expect(page.locator(".influence-tables")).to_contain_text("Ana Ruiz")
    shot(page, "rel-stakeholders-10-influence-map")


def test_stakeholder_pages_at_mobile_width(mobile_page, live_server, manager, partner, org):
    page, base = mobile_page, live_server.url
    cto = StakeholderFactory(contact=org["cto"], stance=Stance.SUPPORTER, influence=5,
                             relationship_level=5, decision_orientation="strategic")  # fmt: skip
    plan = RelationshipPlan.objects.create(
        stakeholder=cto,
        position_and_responsibilities="CTO; owns the technology roadmap",
        value_we_provide="A platform they can build services on",
        owner=manager,
        review_on=datetime.date.today() - datetime.timedelta(days=3),
    )
    login(page, base, manager.username, name="rel-mobile")
    pages = [
        ("rel-mobile-01-stakeholder", cto.get_absolute_url()),
        ("rel-mobile-02-plan", plan.get_absolute_url()),
        ("rel-mobile-03-plan-print", f"/relationships/plans/{plan.pk}/print/"),
        ("rel-mobile-04-champion", f"/relationships/partners/{partner.slug}/champion/"),
        ("rel-mobile-05-influence", f"/partners/{partner.slug}/tab/influence/"),
        ("rel-mobile-06-assess", f"/relationships/stakeholders/new/{org['mkt'].pk}/"),
    ]
    for name, path in pages:
        page.goto(f"{base}{path}")
        if "influence" in name:
            expect(page.locator("canvas[data-chart='influence-map-data']")).to_have_attribute(
                "data-drawn", "1"
            )
        shot(page, name)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name}: {widths[0]}px wide in {widths[1]}px"
    expect(page.locator("body")).to_contain_text("Assess Ines Vogel")
