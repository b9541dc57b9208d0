"""Playwright fixtures for the browser tests: the system Chromium against pytest-django's
live server, one browser per session, a fresh context (cookies, storage) per test.

Every page a test visits is saved as a full-page PNG with `shot(page, name)`; the folder is
printed at the end of the session. Look at them.

The app's Content Security Policy is on (no `bypass_csp`): a test fails on any violation the
browser reports. `shot` also runs axe-core on the page, and a test fails on any violation of
impact "serious" or "critical". Pages whose markup is not ours are left out of the axe check
(still under the policy): Django's admin, DRF's browsable API and the Swagger UI under /api/.
"""

import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import factory.random
import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the live
# server's fixtures and the factories in the same thread) would otherwise refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
PASSWORD = "pw"  # what tests.factories.UserFactory sets for every user

_session_started = time.time()


class _OneRequestAtATimeServer(WSGIServer):
    """The live server without a thread per request, for SQLite: there every request shares the
    tests' one in-memory connection, and pages now load their top-bar counts and panels with
    htmx right after they arrive (several requests at once), which interleaved transactions on
    that one connection and could hang a test. PostgreSQL (CI) keeps Django's threaded server:
    each thread has a connection of its own. A browser is told to close each connection, so
    requests queue rather than wait on a kept-alive one."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    from django.db import connection

    if connection.vendor == "sqlite":
        LiveServerThread.server_class = _OneRequestAtATimeServer
    yield


# axe-core, vendored for the tests only (tests/browser/vendor, with its licence). It is
# evaluated through the DevTools protocol: a <script> tag (page.add_script_tag) would itself be
# refused by the Content Security Policy under test.
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text()
AXE_FAILING_IMPACTS = {"serious", "critical"}
NOT_OUR_MARKUP = ("/admin/", "/api/")
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""
# Every violation of the policy is reported to the console, where the fixtures collect it.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} (${(event.sample || "").slice(0, 80)})`);
});
"""


def screenshot_dir() -> Path:
    """PRM_SCREENSHOT_DIR (relative paths from the repo root), else var/screenshots."""
    folder = Path(os.environ.get("PRM_SCREENSHOT_DIR") or "var/screenshots")
    return folder if folder.is_absolute() else REPO_ROOT / folder


def shot(page, name: str) -> Path:
    """Save a full-page screenshot of what the user sees now, as `<name>.png`."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    check_accessibility(page, name)
    return path


def check_accessibility(page, name: str):
    """Run axe-core on the page as it is now; serious and critical violations fail the test
    (at teardown, so one run lists every page's)."""
    path = urlsplit(page.url).path
    if path.startswith(NOT_OUR_MARKUP) or not hasattr(page, "a11y_violations"):
        return
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    for violation in page.evaluate(AXE_RUN):
        if violation["impact"] in AXE_FAILING_IMPACTS:
            page.a11y_violations.append({"page": name, "url": page.url, **violation})


def login(page, base_url: str, username: str, password: str = PASSWORD, *, name: str):
    """Sign in through the real login form; `name` prefixes the login page's screenshot."""
    page.goto(f"{base_url}/accounts/login/")
    shot(page, f"{name}-login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    folder = screenshot_dir()
    if not folder.is_dir():
        return
    fresh = [p for p in folder.glob("*.png") if p.stat().st_mtime >= _session_started]
    if fresh:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(fresh)} screenshots in {folder}")


@pytest.fixture(autouse=True)
def _same_fake_names_every_run():
    """Faker-made names (users' first and last names) repeat, so screenshots compare."""
    factory.random.reseed_random("prm-browser-tests")


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        reason = "Chromium is not installed (no `chromium` on PATH): browser tests need it."
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " CI must run them, not skip them.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    context.set_default_timeout(10_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    errors, csp_violations = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def on_console(message):
        text = message.text
        if message.type == "error" and (
            "Content Security Policy" in text or "CSP violation" in text
        ):
            csp_violations.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.js_errors = errors
    page.csp_violations = csp_violations
    page.a11y_violations = []
    return context, page


def _check_page(page):
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"
    assert not page.csp_violations, "Content Security Policy violations:\n" + "\n".join(
        page.csp_violations
    )
    assert not page.a11y_violations, "Serious or critical accessibility violations (axe):\n" + (
        "\n".join(
            f"{v['page']} {v['url']}: {v['impact']} {v['id']}: {v['help']} {v['targets']}"
            for v in page.a11y_violations
        )
    )


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()
    _check_page(page)


@pytest.fixture
def mobile_page(browser, live_server):
    context, page = _new_page(browser, MOBILE)
    yield page
    context.close()
    _check_page(page)


# A laptop's and a phone's page, at the widths the screenshots ask for (1366 and 360 px).
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def laptop(browser, live_server):
    context, page = _new_page(browser, LAPTOP)
    yield page
    context.close()
    _check_page(page)


@pytest.fixture
def phone(browser, live_server):
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()
    _check_page(page)


def menu_link(page, name: str, *, menu: str = "Portal"):
    """A top-bar menu entry by its label. On a laptop the entries that do not fit the bar's one
    line sit under "More" (static/js/ui.js): this opens it first when the entry is there."""
    # The bar is fitted again once the inbox count and the bell have arrived.
    page.wait_for_load_state("networkidle")
    nav = page.get_by_role("navigation", name=menu, exact=True)
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.locator("summary", has_text="More").click()
    return link
