"""The checks every browser test relies on can fail: the policy refuses inline code and the
fixtures see it; axe-core finds a field without a label."""

import pytest
from playwright.sync_api import expect

from .conftest import check_accessibility

pytestmark = pytest.mark.browser


def test_a_refused_inline_style_and_script_are_reported(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """() => {
      document.body.setAttribute("style", "background: red");
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
    }"""
    )
    expect(page.locator("body")).not_to_have_css("background-color", "rgb(255, 0, 0)")
    assert page.evaluate("() => window.inlineRan === undefined")
    page.wait_for_timeout(200)  # the violation events are dispatched asynchronously
    reported = "\n".join(page.csp_violations)
    assert "style-src" in reported and "script-src" in reported, reported
    page.csp_violations.clear()  # seen: the fixture's own check would fail the test


def test_axe_finds_a_field_without_a_label(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    check_accessibility(page, "checks-login")
    assert page.a11y_violations == []
    page.evaluate(
        """() => {
      const field = document.createElement("input");
      field.type = "text";
      document.querySelector("main").append(field);
    }"""
    )
    check_accessibility(page, "checks-login-unlabelled")
    assert [v["id"] for v in page.a11y_violations] == ["label"]
    page.a11y_violations.clear()
