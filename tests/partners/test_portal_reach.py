"""Every portal task is at most three clicks from the portal home.

The walk starts at /portal/ as the demo's partner admin (portal-a, with `seed_demo`'s data)
and follows what a user can click: links (`<a href>`), forms (a POST form's action is reached
by submitting it; it is not fetched) and the regions a page loads by itself with htmx
(`hx-get` with `hx-trigger="load"`, such as the "Needs you" panel), which count as part of the
page. The tasks are every named URL under /portal/, read from the URLconf: a page another app
adds is included without touching this test. A URL with an id is reached when any instance of
it is (one deal's page stands for every deal's)."""

import io
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from partners.models import PartnerMembership

PORTAL_PREFIX = "portal/"
MAX_CLICKS = 3
# Pages a walk must not open: they end the session.
NEVER_FOLLOW = ("/accounts/logout/",)


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace, pattern.name


def portal_tasks() -> set[str]:
    """The view name of every named portal URL (`performance-portal:deal-detail`, …)."""
    return {
        f"{namespace}:{name}" if namespace else name
        for text, namespace, name in _walk(get_resolver())
        if text.startswith(PORTAL_PREFIX)
    }


class Clickables(HTMLParser):
    """What a page offers to click, and the regions it loads by itself."""

    def __init__(self):
        super().__init__()
        self.follow: list[str] = []  # links and GET forms: pages to open
        self.submit: list[str] = []  # POST forms: reached by submitting, not opened
        self.loads: list[str] = []  # htmx regions loaded with the page

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.follow.append(attrs["href"])
        elif tag == "form":
            action = attrs.get("action") or ""
            if (attrs.get("method") or "get").lower() == "post":
                self.submit.append(action or "")
            else:
                self.follow.append(action or "")
        if attrs.get("hx-get") and "load" in (attrs.get("hx-trigger") or ""):
            self.loads.append(attrs["hx-get"])


def _local_path(base: str, href: str) -> str | None:
    """The path of a same-site URL (None for another site, a mail link, a fragment)."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("http", "") or url.netloc not in ("testserver", ""):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _clickables(client, path: str) -> Clickables | None:
    """The page's clickables, with those of the regions it loads (None: not an HTML page)."""
    response = client.get(path)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    found = Clickables()
    found.feed(response.content.decode())
    for region in list(found.loads):
        fragment = client.get(urljoin(path, region), headers={"HX-Request": "true"})
        if fragment.status_code == 200:
            found.feed(fragment.content.decode())
    return found


def walk(client, start: str, max_clicks: int) -> dict[str, int]:
    """Breadth first from `start`: the fewest clicks to each view name reached."""
    reached = {_view_name(start): 0}
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        path, clicks = queue.popleft()
        if clicks >= max_clicks:
            continue
        found = _clickables(client, path)
        if found is None:
            continue
        for href, opens in [(h, True) for h in found.follow] + [(h, False) for h in found.submit]:
            target = _local_path(path, href)
            if target is None or target.startswith(NEVER_FOLLOW):
                continue
            name = _view_name(target)
            if name is not None:
                reached.setdefault(name, clicks + 1)
            if opens and target not in seen and name is not None:
                seen.add(target)
                queue.append((target, clicks + 1))
    return reached


@pytest.fixture
def demo_partner_admin(db):
    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    return PartnerMembership.objects.select_related("user").get(user__username="portal-a").user


def test_portal_tasks_are_found_in_the_urlconf():
    tasks = portal_tasks()
    assert {"portal:home", "performance-portal:deal-detail", "incentives-portal:claim-create"} <= (
        tasks
    )


def test_every_portal_task_is_at_most_three_clicks_from_home(client, demo_partner_admin):
    client.force_login(demo_partner_admin)
    reached = walk(client, "/portal/", MAX_CLICKS)
    missing = sorted(portal_tasks() - set(reached))
    assert not missing, f"Portal pages more than {MAX_CLICKS} clicks from /portal/: {missing}"


def test_clickables_are_links_forms_and_regions_loaded_with_the_page():
    found = Clickables()
    found.feed(
        '<a href="/portal/program/tier/">Tier</a><a>no link</a>'
        '<form method="post" action="/portal/performance/targets/1/accept/"></form>'
        '<form action=""></form>'
        '<div hx-get="/inbox/panel/" hx-trigger="load"></div><div hx-get="/x/"></div>'
    )
    assert found.follow == ["/portal/program/tier/", ""]
    assert found.submit == ["/portal/performance/targets/1/accept/"]
    assert found.loads == ["/inbox/panel/"]
    assert _local_path("/portal/", "https://example.com/") is None
    assert _local_path("/portal/", "?page=2") == "/portal/?page=2"
