"""The menus and demo seeders apps register with the core (prm/menus.py, prm/demo.py)."""

import copy
import io
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from prm import demo, menus


@pytest.fixture
def menu_registry(monkeypatch):
    monkeypatch.setattr(menus, "_registry", copy.deepcopy(menus._registry))
    return menus._registry


@pytest.fixture
def seeders(monkeypatch):
    monkeypatch.setattr(demo, "_seeders", {})
    return demo._seeders


def context_at(view_name: str, **extra) -> dict:
    request = SimpleNamespace(resolver_match=SimpleNamespace(view_name=view_name))
    return {"request": request, **extra}


def test_menu_entries_are_ordered_and_marked_current_by_view_name(menu_registry):
    menu_registry["main"].clear()
    menus.register_menu_item("main", key="b", label="B", url_name="home", order=20)
    menus.register_menu_item(
        "main", key="a", label="A", url_name="healthz", order=10, active=("partners:*",)
    )
    links = menus.menu_links("main", context_at("partners:partner-list"))
    assert [(link["label"], link["active"]) for link in links] == [("A", True), ("B", False)]
    assert links[0]["url"] == reverse("healthz")


def test_a_menu_entry_can_hide_itself(menu_registry):
    menu_registry["portal"].clear()
    menus.register_menu_item(
        "portal", key="profile", label="Profile", url_name="home",
        visible=lambda context: context.get("admin", False),
    )  # fmt: skip
    assert menus.menu_links("portal", context_at("home")) == []
    assert len(menus.menu_links("portal", context_at("home", admin=True))) == 1


def test_an_unknown_menu_is_an_error(menu_registry):
    with pytest.raises(ValueError, match="Unknown menu"):
        menus.register_menu_item("sidebar", key="x", label="X", url_name="home")


def test_every_app_registers_its_menu_entries():
    assert [item.key for item in menus.menu_items("main")] == [
        "dashboard", "partners", "relationships", "culture", "surveys", "feedback", "deals",
        "targets", "audits", "scores", "perception",
        "program", "api", "admin",
    ]  # fmt: skip
    assert [item.key for item in menus.menu_items("portal")][0] == "home"
    assert [item.key for item in menus.menu_items("portal")][-1] == "profile"


def test_portal_pages_show_the_portal_menu_and_hide_the_profile_from_members(
    client_for, partner_admin, partner_member
):
    admin_page = client_for(partner_admin).get(reverse("portal:home")).content.decode()
    assert 'aria-label="Portal"' in admin_page and reverse("portal:profile-edit") in admin_page
    member_page = client_for(partner_member).get(reverse("portal:home")).content.decode()
    assert reverse("performance-portal:deal-list") in member_page
    assert reverse("portal:profile-edit") not in member_page


@pytest.mark.django_db  # between seeders, PostgreSQL's statistics are refreshed (ANALYZE)
def test_seeders_run_after_what_they_depend_on(seeders):
    ran = []
    demo.register_seeder("c", lambda state: ran.append("c"), after=("a", "b"))
    demo.register_seeder("b", lambda state: ran.append("b"), after=("a",))
    demo.register_seeder("a", lambda state: ran.append("a"))
    out = io.StringIO()
    demo.seed_all(state=SimpleNamespace(stdout=out))
    assert ran == ["a", "b", "c"]
    assert re.findall(r"\((\w): [\d.]+ s\)", out.getvalue()) == ["a", "b", "c"]  # each one's time


def test_a_seeder_depending_on_an_unknown_one_is_an_error(seeders):
    demo.register_seeder("b", lambda state: None, after=("nobody",))
    with pytest.raises(ValueError, match="nobody"):
        demo.seeders()


def test_seeders_say_whether_their_data_is_present(seeders):
    demo.register_seeder("a", lambda state: None, present=lambda: False)
    assert not demo.demo_data_present()
    demo.register_seeder("b", lambda state: None, present="builtins.bool")
    assert not demo.demo_data_present()  # bool() is False
    demo.register_seeder("c", lambda state: None, present=lambda: True)
    assert demo.demo_data_present()


def test_every_app_registers_its_seeder_in_layer_order():
    order = [seeder.key for seeder in demo.seeders()]
    assert order[:2] == ["prm", "partners"]
    # Channel planning, the top layer, seeds one area at a time ("planning-<area>"), last.
    apps = [key for key in order if not key.startswith("planning-")]
    assert apps[-1] == "performance"
    assert order.index("performance") < min(
        (order.index(key) for key in order if key.startswith("planning-")), default=len(order)
    )
    assert set(apps) == {"prm", "partners", "relationships", "incentives", "performance"}


def test_a_menu_starts_at_its_home_entry_or_its_first(menu_registry):
    menus.register_menu_item("portal", key="early", label="Early", url_name="healthz", order=-5)
    assert menus.home_url("portal") == reverse("portal:home")
    menu_registry["dashboard"].clear()
    menus.register_menu_item("dashboard", key="only", label="Only", url_name="healthz")
    assert menus.home_url("dashboard") == reverse("healthz")
    menu_registry["dashboard"].clear()
    with pytest.raises(ValueError, match="no entries"):
        menus.home_url("dashboard")


def test_the_dashboard_shows_the_actions_apps_register(client_for, manager, partner_admin):
    page = client_for(manager).get(reverse("home")).content.decode()
    assert f'<a class="btn" href="{reverse("partners:partner-create")}">Add partner</a>' in page
    response = client_for(partner_admin).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
