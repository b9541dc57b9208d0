"""The panel and tab registry through which apps add to pages the core owns."""

import copy

import pytest

from prm import panels


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry for the test to change; the real one is restored afterwards."""
    monkeypatch.setattr(panels, "_registry", copy.deepcopy(panels._registry))
    return panels._registry


def no_context(request, *args):
    return {}


def test_register_panel_appears_in_its_slot(registry):
    panels.register_panel("dashboard", key="probe", template="probe.html", context=no_context)
    (panel,) = [p for p in panels.panels_for("dashboard") if p.key == "probe"]
    assert (panel.slot, panel.template, panel.order, panel.label) == (
        "dashboard",
        "probe.html",
        100,
        "",
    )


def test_panels_are_ordered_by_order_then_key(registry):
    registry["portal_home"].clear()
    panels.register_panel("portal_home", key="b", template="b.html", context=no_context, order=5)
    panels.register_panel("portal_home", key="c", template="c.html", context=no_context, order=1)
    panels.register_panel("portal_home", key="a", template="a.html", context=no_context, order=5)
    panels.register_panel("portal_home", key="z", template="z.html", context=no_context)
    assert [p.key for p in panels.panels_for("portal_home")] == ["c", "a", "b", "z"]


def test_registering_a_key_again_replaces_the_panel(registry):
    panels.register_panel("dashboard", key="probe", template="old.html", context=no_context)
    panels.register_panel("dashboard", key="probe", template="new.html", context=no_context)
    probes = [p for p in panels.panels_for("dashboard") if p.key == "probe"]
    assert [p.template for p in probes] == ["new.html"]


def test_register_tab_has_a_label_and_is_found_by_key(registry):
    panels.register_tab(
        "partner", key="probe", label="Probe", template="t.html", context=no_context, order=50
    )
    tab = panels.tab_for("partner", "probe")
    assert (tab.label, tab.order, tab.template) == ("Probe", 50, "t.html")
    assert panels.tab_for("partner", "missing") is None


@pytest.mark.parametrize(
    "call",
    [
        lambda: panels.register_panel("sidebar", key="x", template="x.html", context=no_context),
        lambda: panels.register_tab(
            "partners", key="x", label="X", template="x.html", context=no_context
        ),
        lambda: panels.panels_for("dashbaord"),
        lambda: panels.tab_for("partnr", "overview"),
        lambda: panels.render_panels("nowhere", None),
    ],
)
def test_unknown_slot_is_an_error(registry, call):
    with pytest.raises(ValueError, match="Unknown panel slot"):
        call()


def test_unknown_slot_registers_nothing(registry):
    before = copy.deepcopy(registry)
    with pytest.raises(ValueError):
        panels.register_panel("sidebar", key="x", template="x.html", context=no_context)
    assert registry == before
    assert "sidebar" not in registry


def test_render_panels_calls_each_context_with_request_and_arguments(registry):
    registry["partner"].clear()
    calls = []

    def context(request, obj):
        calls.append((request, obj))
        return {"seen": obj}

    panels.register_tab("partner", key="one", label="One", template="1.html", context=context)
    panels.register_tab(
        "partner", key="two", label="Two", template="2.html", context=context, order=1
    )
    rendered = panels.render_panels("partner", "the-request", "the-partner")
    assert [item["panel"].key for item in rendered] == ["two", "one"]
    assert [item["context"] for item in rendered] == [{"seen": "the-partner"}] * 2
    assert calls == [("the-request", "the-partner")] * 2


def test_partners_app_registers_its_panels_and_tabs():
    assert "partner-counts" in [p.key for p in panels.panels_for("dashboard")]
    portal = [p.key for p in panels.panels_for("portal_home")]
    assert portal.index("company") < portal.index("team")
    tabs = [p.key for p in panels.panels_for("partner")]
    assert tabs[0] == "overview"
    assert tabs[-1] == "history"
    assert panels.tab_for("partner", "history").label == "History"


def test_panels_are_immutable(registry):
    panels.register_panel("dashboard", key="probe", template="p.html", context=no_context)
    panel = panels.tab_for("dashboard", "probe")
    with pytest.raises(AttributeError):
        panel.order = 1


def test_panel_context_by_dotted_path_is_imported_when_called(registry):
    panels.register_panel(
        "dashboard", key="by-path", template="x.html", context="tests.prm.test_panels.no_context"
    )
    panel = next(p for p in panels.panels_for("dashboard") if p.key == "by-path")
    assert panel.context(None) == {}
