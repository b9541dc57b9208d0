"""The work inbox: what waits for a person, gathered from the sources the apps register.

The core knows no domain app. Each app registers, in its `AppConfig.ready()` (through its
`panels` module), the kinds of work it can leave waiting for someone:

    inbox.register_source(key="deals", label="Deal registrations to decide", audience="staff",
                          selector="performance.selectors.inbox.deals_to_decide", order=10)

`audience` is "staff" (the vendor's channel team, the /inbox/ page) or "portal" (a partner's
users, the panel on the portal home). The selector is called as
`selector(user=..., scope=..., today=..., limit=...)` and returns a `Waiting`: how many items
wait in all, and the first `limit` of them (none when `limit` is 0) as `InboxItem`s, in the
inbox's order (`in_waiting_order`), in a constant number of queries. `scope` is "mine" or
"team" for staff; a portal source always answers for the user's own partner only. A new kind
of work (partner feedback, say) is one more selector and one more `register_source` call.

Order, the same in every source so that the first n items of the inbox are among the first n
of each source: overdue first (the most overdue first), then what has a due date (the soonest
first), then the rest, newest first.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module

from django.db.models import Case, DateField, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone

AUDIENCES = ("staff", "portal")
SCOPES = ("mine", "team")
# What is due within this many days counts as waiting (plan actions, reviews).
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Link:
    """Where the item is done: a URL name and its arguments, a query and a fragment (plain
    values, so a selector builds no URL)."""

    url_name: str
    args: tuple = ()
    query: str = ""
    fragment: str = ""

    @property
    def url(self) -> str:
        url = reverse(self.url_name, args=self.args)
        if self.query:
            url += f"?{self.query}"
        return url + (f"#{self.fragment}" if self.fragment else "")


@dataclass(frozen=True)
class InboxItem:
    kind: str
    pk: int
    partner: str
    what: str
    action: str
    since: datetime.datetime
    link: Link
    due: datetime.date | None = None
    detail: str = ""


@dataclass(frozen=True)
class Waiting:
    count: int
    items: list[InboxItem] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    audience: str
    selector: Callable[..., Waiting]
    order: int = 100


_registry: dict[str, dict[str, Source]] = {audience: {} for audience in AUDIENCES}


def _by_path(dotted: str) -> Callable[..., Waiting]:
    module_name, function_name = dotted.rsplit(".", 1)

    def selector(**kwargs):
        return getattr(import_module(module_name), function_name)(**kwargs)

    return selector


def register_source(*, key, label, audience, selector, order=100) -> None:
    """Register (or replace: a re-run `ready()` duplicates nothing) a source of waiting work."""
    if audience not in _registry:
        raise ValueError(f"Unknown inbox audience {audience!r}; choose one of {AUDIENCES}.")
    if isinstance(selector, str):
        selector = _by_path(selector)
    _registry[audience][key] = Source(key, label, audience, selector, order)


def sources_for(audience) -> list[Source]:
    if audience not in _registry:
        raise ValueError(f"Unknown inbox audience {audience!r}; choose one of {AUDIENCES}.")
    return sorted(_registry[audience].values(), key=lambda source: (source.order, source.key))


def audience_of(user) -> str | None:
    """Which side's inbox a user has: "staff", "portal", or None (no access yet)."""
    if user.is_vendor_staff:
        return "staff"
    return "portal" if user.is_partner_user else None


# --- what the sources share --------------------------------------------------------------


def moment(value) -> datetime.datetime:
    """An aware datetime for a date or a datetime (a date: the start of that day here)."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def in_waiting_order(queryset, *, since, today, due=None):
    """`queryset` in the inbox's order, `inbox_since` and `inbox_due` annotated.

    `since` (when the item began to wait) and `due` (when it must be done; None: no date) are
    expressions; rank 0 is overdue, 1 has a due date, 2 has none."""
    due = due if due is not None else Value(None, output_field=DateField())
    return (
        queryset.annotate(inbox_since=since, inbox_due=due)
        .annotate(
            inbox_rank=Case(
                When(Q(inbox_due__lt=today), then=Value(0)),
                When(Q(inbox_due__isnull=False), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "inbox_rank",
            F("inbox_due").asc(nulls_last=True),
            F("inbox_since").desc(),
            F("pk").desc(),
        )  # fmt: skip
    )


def waiting(queryset, *, limit: int, build: Callable) -> Waiting:
    """The count and the first `limit` rows as items: two queries (one when `limit` is 0)."""
    count = queryset.count()
    items = [build(row) for row in queryset[:limit]] if limit else []
    return Waiting(count, items)


def rank(item: InboxItem, today: datetime.date) -> int:
    if item.due is None:
        return 2
    return 0 if item.due < today else 1


def sort_key(item: InboxItem, today: datetime.date, order: dict[str, int]) -> tuple:
    """The Python twin of `in_waiting_order`, to merge what the sources return."""
    return (
        rank(item, today),
        item.due or datetime.date.max,
        -item.since.timestamp(),
        order.get(item.kind, 0),
        -item.pk,
    )


# --- gathering ---------------------------------------------------------------------------


@dataclass
class Gathered:
    """What waits, over the sources asked: counts per source and the merged first items."""

    sources: list[Source]
    counts: dict[str, int]
    items: list[InboxItem]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def gather(*, user, audience, scope="mine", kinds: Iterable[str] = (), limit=0, today=None):
    """Every source of `audience` counted; the first `limit` items of the `kinds` asked (all
    when empty), merged in the inbox's order. Each source costs a constant number of queries."""
    today = today or timezone.localdate()
    sources = sources_for(audience)
    wanted = set(kinds) or {source.key for source in sources}
    counts, items = {}, []
    for source in sources:
        result = source.selector(
            user=user, scope=scope, today=today, limit=limit if source.key in wanted else 0
        )
        counts[source.key] = result.count
        items.extend(result.items)
    order = {source.key: index for index, source in enumerate(sources)}
    items.sort(key=lambda item: sort_key(item, today, order))
    return Gathered(sources, counts, items[:limit] if limit else [])


def gather_pages(*, user, audience, scope, kind, pages, size, today) -> tuple[Gathered, int]:
    """Enough of the inbox for its first `pages` pages of `size` (of one kind, or all), and
    how many items the list has in all."""
    gathered = gather(user=user, audience=audience, scope=scope, kinds=[kind] if kind else (),
                      limit=pages * size, today=today)  # fmt: skip
    return gathered, gathered.counts.get(kind, 0) if kind else gathered.total
