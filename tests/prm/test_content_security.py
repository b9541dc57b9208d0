"""The Content Security Policy: enforced on every page, and no template relies on what it
refuses (inline scripts, <style> blocks, style attributes, inline event handlers)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from prm.templatetags.widths import width_class
from tests.factories import PartnerFactory

REPO_ROOT = Path(settings.BASE_DIR)
HEADER = "Content-Security-Policy"

# Template syntax is dropped before looking at the HTML: `{% include … with style="x" %}` is
# not an attribute, and comments may mention what they avoid.
TEMPLATE_SYNTAX = re.compile(
    r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}|\{%.*?%\}", re.DOTALL
)
INLINE = {
    "inline <script>": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/json[\"'])[^>]*>", re.I
    ),
    "<style> block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.DOTALL),
    "inline event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.DOTALL),
    "htmx inline handler": re.compile(r"\shx-on[:\-]", re.I),
    "javascript: URL": re.compile(r"\b(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I),
}


def inline_code(html: str) -> list[str]:
    """What in `html` the policy would refuse, by kind."""
    html = TEMPLATE_SYNTAX.sub("", html)
    return [kind for kind, pattern in INLINE.items() if pattern.search(html)]


def project_templates() -> list[Path]:
    folders = [REPO_ROOT / "templates"] + [
        path for path in REPO_ROOT.glob("*/templates") if ".venv" not in path.parts
    ]
    return sorted({path for folder in folders for path in folder.rglob("*.html")})


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<script>alert(1)</script>", "inline <script>"),
        ('<script type="module">x()</script>', "inline <script>"),
        ("<style>p { color: red }</style>", "<style> block"),
        ('<div class="bar" style="width: 42%">', "style attribute"),
        ('<button\n  type="button" onclick="print()">', "inline event handler"),
        ('<form hx-on::after-request="x()">', "htmx inline handler"),
        ('<a href="javascript:void(0)">', "javascript: URL"),
    ],
)
def test_inline_code_finds_what_the_policy_refuses(html, kind):
    assert kind in inline_code(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/app.js" defer></script>',
        '<script id="x-data" type="application/json">{"a": 1}</script>',
        '{% include "button.html" with style="secondary" %}',
        '{# style="width: 1%" is refused #}<span class="w-42"></span>',
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>',
    ],
)
def test_inline_code_allows_external_scripts_json_and_template_syntax(html):
    assert inline_code(html) == []


def test_no_template_has_inline_script_style_or_handler():
    templates = project_templates()
    assert len(templates) > 100, "the templates were not found"
    found = {
        str(path.relative_to(REPO_ROOT)): kinds
        for path in templates
        if (kinds := inline_code(path.read_text()))
    }
    assert found == {}


def _strict(policy: str) -> None:
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe" not in policy


def test_sign_in_page_is_served_with_the_policy(client):
    response = client.get(reverse("login"))
    assert HEADER + "-Report-Only" not in response
    _strict(response[HEADER])


def test_internal_pages_are_served_with_the_policy_and_no_inline_code(client_for, manager):
    partner = PartnerFactory(name="Acme Systems", slug="acme-systems", owner=manager)
    client = client_for(manager)
    for url in ["/", reverse("partners:partner-list"), partner.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        _strict(response[HEADER])
        assert inline_code(response.content.decode()) == [], url


def test_portal_pages_are_served_with_the_policy_and_no_inline_code(client_for, partner_admin):
    response = client_for(partner_admin).get(reverse("portal:home"))
    assert response.status_code == 200
    _strict(response[HEADER])
    assert inline_code(response.content.decode()) == []


def test_api_docs_keep_the_strict_policy(client_for, manager):
    client = client_for(manager)
    page = client.get(reverse("api-docs"))
    assert page.status_code == 200
    _strict(page[HEADER])
    assert inline_code(page.content.decode()) == []
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_only_the_browsable_api_may_apply_inline_styles(client_for, manager):
    client = client_for(manager)
    html = client.get("/api/v1/partners/", HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    policy = html[HEADER]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy + ";"
    json = client.get("/api/v1/partners/", HTTP_ACCEPT="application/json")
    _strict(json[HEADER])


@pytest.mark.parametrize(
    ("value", "css_class"),
    [
        (42, "w-42"),
        ("42.6", "w-43"),
        (0, "w-0"),
        (-5, "w-0"),
        (130, "w-100"),
        (None, "w-0"),
        ("", "w-0"),
        ("nan", "w-0"),
    ],
)
def test_width_class_is_a_whole_percentage_within_bounds(value, css_class):
    assert width_class(value) == css_class


def test_every_width_class_exists_in_the_stylesheet():
    css = (REPO_ROOT / "static" / "css" / "app.css").read_text()
    assert all(f".w-{n}{{width:{n}%}}" in css for n in range(101))


def test_no_template_comment_spans_lines():
    """`{# … #}` ends at the line's end: a comment over two lines is shown to the user."""
    broken = [
        str(path.relative_to(REPO_ROOT))
        for path in project_templates()
        if any(
            "{#" in line and "#}" not in line.split("{#", 1)[1]
            for line in path.read_text().splitlines()
        )
    ]
    assert broken == []
