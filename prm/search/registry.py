"""The kinds of things the search finds, registered by the apps, and one search across them."""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .terms import SearchTerms

STAFF = "staff"  # vendor staff: internal pages
PORTAL = "portal"  # partner users: their own partner's rows, portal pages
AUDIENCES = (STAFF, PORTAL)


@dataclass(frozen=True)
class Result:
    """One row found, as the user sees it: what it is, a short context line, where it is."""

    title: str
    context: str
    url: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    selector: Callable[..., Any]
    present: Callable[..., Result]
    audiences: frozenset[str]
    order: int = 100
    more: Callable[..., str | None] | None = None


@dataclass(frozen=True)
class Group:
    """The results of one kind: at most the limit, and whether there are more."""

    kind: Kind
    results: list[Result]
    has_more: bool
    more_url: str | None


_registry: dict[str, Kind] = {}


def _by_path(target):
    """A callable, or a dotted path imported when first called (registering a kind does not
    import the app's selectors at start-up)."""
    if not isinstance(target, str):
        return target
    module_name, function_name = target.rsplit(".", 1)

    def call(*args, **kwargs):
        return getattr(import_module(module_name), function_name)(*args, **kwargs)

    return call


def register_kind(key, *, label, selector, present, audiences, order=100, more=None) -> None:
    """`selector(*, user, terms)` returns the user's matching rows, ordered best first;
    `present(row, *, portal)` a `Result`; `more(text, *, portal)`, if given, the URL of the
    kind's own list filtered by the query (else the search page lists more of the kind)."""
    unknown = set(audiences) - set(AUDIENCES)
    if unknown or not audiences:
        raise ValueError(f"Audiences of {key!r} must be among {AUDIENCES}, not {audiences!r}.")
    # Registering a key again replaces it, so a re-run `ready()` does not duplicate kinds.
    _registry[key] = Kind(
        key=key, label=label, selector=_by_path(selector), present=_by_path(present),
        audiences=frozenset(audiences), order=order, more=_by_path(more) if more else None,
    )  # fmt: skip


def audience_of(user) -> str | None:
    """Which side the user searches from; None for anyone who may not search."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_vendor_staff:
        return STAFF
    if user.is_partner_user:
        return PORTAL
    return None


def kinds_for(user) -> list[Kind]:
    audience = audience_of(user)
    kinds = [kind for kind in _registry.values() if audience in kind.audiences]
    return sorted(kinds, key=lambda kind: (kind.order, kind.key))


def run_search(user, terms: SearchTerms, *, limit: int, only: str = "") -> list[Group]:
    """One query per kind the user may search (`only`: that kind alone), each at most `limit`
    rows: one more is read to know whether there are more."""
    portal = audience_of(user) == PORTAL
    groups = []
    for kind in kinds_for(user):
        if only and kind.key != only:
            continue
        rows = list(kind.selector(user=user, terms=terms)[: limit + 1])
        results = [kind.present(row, portal=portal) for row in rows[:limit]]
        more_url = kind.more(terms.text, portal=portal) if kind.more else None
        groups.append(Group(kind, results, len(rows) > limit, more_url))
    return groups
