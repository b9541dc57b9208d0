"""The menus of the two layouts, filled by the apps (the core's templates know no app).

Each app registers its entries in `AppConfig.ready()`, through its `panels` module:

    menus.register_menu_item("main", key="deals", label="Deals", order=40,
                             url_name="performance:deal-list", active=("performance:deal*",))

`menu` is "main" (vendor staff, `templates/base.html`), "portal" (partner users,
`templates/portal/base.html`; the entry registered with `home=True` is the portal's home) or
"dashboard" (the buttons at the top of the channel team's dashboard) or "portal_actions" (the
buttons on every portal page that open a small form about the page the user is on: the form's
URL gets `?from=<that page's path>`, and the form loads in place with htmx). An entry is marked
current when the page's view name (`namespace:url_name`) matches one of its `active` patterns
(fnmatch: `*` matches anything).
`visible`, if given, is called with the template context and hides the entry when false (the
Admin link for non-admins, the company profile for partner members).
"""

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse

MENUS = ("main", "portal", "dashboard", "portal_actions")


@dataclass(frozen=True)
class MenuItem:
    menu: str
    key: str
    label: str
    url_name: str
    order: int = 100
    active: tuple[str, ...] = ()
    visible: Callable[[Any], bool] | None = None
    home: bool = False


_registry: dict[str, dict[str, MenuItem]] = {menu: {} for menu in MENUS}


def _menu(menu: str) -> dict[str, MenuItem]:
    if menu not in _registry:
        raise ValueError(f"Unknown menu {menu!r}; choose one of {MENUS}.")
    return _registry[menu]


def register_menu_item(
    menu, *, key, label, url_name, order=100, active=(), visible=None, home=False
):
    # Registering a key again replaces it, so a re-run `ready()` does not duplicate entries.
    item = MenuItem(menu, key, label, url_name, order, tuple(active), visible, home)
    _menu(menu)[key] = item


def menu_items(menu) -> list[MenuItem]:
    return sorted(_menu(menu).values(), key=lambda item: (item.order, item.key))


def menu_links(menu, context) -> list[dict]:
    """The entries a page shows: label, URL and whether it is the current section."""
    match = getattr(context.get("request"), "resolver_match", None)
    view_name = match.view_name if match else ""
    return [
        {
            "key": item.key,
            "label": item.label,
            "url": _entry_url(item.url_name, get_urlconf(), get_script_prefix()),
            "active": any(fnmatchcase(view_name, pattern) for pattern in item.active),
        }
        for item in menu_items(menu)
        if item.visible is None or item.visible(context)
    ]


@lru_cache(maxsize=256)
def _entry_url(url_name: str, urlconf, script_prefix: str) -> str:
    """An entry's URL (it takes no arguments): reversed once per process for each URL conf and
    script prefix, instead of on every page for every entry."""
    return reverse(url_name, urlconf=urlconf)


def home_url(menu) -> str:
    """Where a menu's pages start (the portal's home): the entry registered with `home=True`,
    else the first one."""
    items = sorted(menu_items(menu), key=lambda item: not item.home)
    if not items:
        raise ValueError(f"The {menu!r} menu has no entries.")
    return reverse(items[0].url_name)
