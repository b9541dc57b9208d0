"""Small helpers the page tests share: reading a response as a person would."""

import html
import re

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_text(response) -> str:
    """The visible text of a page: tags removed, entities decoded, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def field_block(response, field: str) -> str:
    """The HTML of one form field's wrapper (its classes, label, widget and own errors)."""
    page = response.content.decode()
    start = page.rindex('<div class="field', 0, page.index(f'id="field-{field}"'))
    following = page.find('<div class="field', start + 1)
    return page[start : following if following != -1 else len(page)]


def field_errors(response, field: str) -> str:
    """The error messages shown at one form field."""
    block = field_block(response, field)
    return " ".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', block, re.S))


def edit_of(obj, data: dict, *, prefix: str = "") -> dict:
    """An edit form's POST as a browser sends it: the fields, and the version of `obj` the page
    was opened at (edit forms carry it hidden, prm.lib.versioning)."""
    return {**data, f"{prefix}version": obj.version}
