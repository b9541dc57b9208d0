"""Playwright fixtures for the browser tests: the system Chromium against pytest-django's
live server, one browser per session, a fresh context (cookies, storage) per test.

Every page a test visits is saved as a full-page PNG with `shot(page, name)`; the folder is
printed at the end of the session. Look at them.
"""

import os
import shutil
import time
from pathlib import Path

import factory.random
import pytest

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
    return path


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
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"


@pytest.fixture
def mobile_page(browser, live_server):
    context, page = _new_page(browser, MOBILE)
    yield page
    context.close()
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"
