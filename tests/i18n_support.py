"""Helpers of the translation tests: a small .po reader, the visible text of a page, and the
bare (untranslated) text of a template."""

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.template.base import Lexer, TokenType


@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def catalog_key(self):
        """The key `gettext.GNUTranslations._catalog` uses for this entry."""
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        return msgid


def read_po(path) -> list[PoEntry]:
    """The entries of a .po file (the header, msgid "", included)."""
    entries, entry, last = [], PoEntry(), None

    def finish():
        nonlocal entry
        if entry.msgstr or entry.msgid:
            entries.append(entry)
        entry = PoEntry()

    with open(path, encoding="utf-8") as po_file:
        lines = po_file.read().splitlines()
    for raw in lines:
        line = raw.strip()
        if line.startswith("#~"):
            continue  # obsolete entries are not in the catalog
        if not line:
            if entry.msgstr:
                finish()
            continue
        if line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            if entry.msgstr:
                finish()
            entry.references += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, last, ast.literal_eval(line))
        else:
            keyword, _space, value = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and entry.msgstr:
                finish()
            last = keyword
            _append(entry, last, ast.literal_eval(value), first=True)
    finish()
    return entries


def _append(entry, keyword, text, first=False):
    if keyword.startswith("msgstr"):
        index = int(keyword[7:-1]) if "[" in keyword else 0
        entry.msgstr[index] = ("" if first else entry.msgstr.get(index, "")) + text
    elif keyword == "msgctxt":
        entry.msgctxt = ("" if first else entry.msgctxt or "") + text
    else:
        setattr(entry, keyword, ("" if first else getattr(entry, keyword)) + text)


class _VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "hx-confirm", "data-confirm"}


def visible_text(html: str) -> str:
    """The text a person reads on a page (and in titles, labels, placeholders), one line per
    piece, whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(" ".join(part.split()) for part in parser.parts if part.strip())


# A piece of template text must say something to need translating: letters, not only
# punctuation, symbols, numbers or entities.
WORDS = re.compile(r"[^\W\d_]{2,}")
# What stands for a template tag or variable: parses as an attribute inside an HTML tag and as
# no word in text.
PLACEHOLDER = " _ "
# Blocks whose content is markup, never shown (the layout's body class).
MARKUP_BLOCKS = {"body_class", "extra_head"}
# Names that read the same in every language.
PROPER_NAMES = re.compile(r"\bPRM\b")


class _BareText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value and _says_something(value):
                self.found.append(f'{name}="{_shown(value)}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and _says_something(data):
            self.found.append(_shown(data))


def _says_something(text: str) -> bool:
    return bool(WORDS.search(PROPER_NAMES.sub(" ", text)))


def _shown(text: str) -> str:
    return " ".join(text.replace(PLACEHOLDER, "…").split())


def bare_text(source: str) -> list[str]:
    """The text of a template that is shown but not marked for translation: what is outside
    {% translate %}/{% blocktranslate %}, template comments and tags, in text and in visible
    attributes."""
    pieces, skipping, blocks = [], None, []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            bits = token.contents.split() or [""]
            if skipping is None and bits[0] in ("comment", "blocktranslate", "blocktrans"):
                skipping = "end" + bits[0]
            elif bits[0] == skipping:
                skipping = None
            elif bits[0] == "block":
                blocks.append(bits[1] if len(bits) > 1 else "")
            elif bits[0] == "endblock" and blocks:
                blocks.pop()
            pieces.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and skipping is None:
            if blocks and blocks[-1] in MARKUP_BLOCKS:
                continue
            pieces.append(token.contents)
        else:
            pieces.append(PLACEHOLDER)
    parser = _BareText()
    parser.feed("".join(pieces))
    parser.close()
    return parser.found
