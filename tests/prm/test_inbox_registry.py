"""The inbox registry in the core: sources register by audience, and the inbox merges what
they return in one order (overdue first, the most overdue first; then due soonest; then the
newest), paging across sources."""

import copy
import datetime

import pytest
from django.utils import timezone

from prm import inbox
from prm.inbox import InboxItem, Link, Waiting
from prm.inbox.present import present

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the real one is restored afterwards."""
    monkeypatch.setattr(inbox, "_registry", {audience: {} for audience in inbox.AUDIENCES})
    return inbox._registry


def item(kind, pk, *, days_ago=0, due_in=None):
    since = timezone.make_aware(datetime.datetime(2026, 6, 15, 9)) - datetime.timedelta(
        days=days_ago
    )
    due = TODAY + datetime.timedelta(days=due_in) if due_in is not None else None
    return InboxItem(kind=kind, pk=pk, partner="P", what=f"{kind} {pk}", action="Do",
                     since=since, due=due, link=Link("home"))  # fmt: skip


def fixed_source(kind, items):
    """A source over fixed items, honouring `limit` in the inbox's order, as a real one."""

    def selector(*, user, scope, today, limit):
        ordered = sorted(items, key=lambda i: inbox.sort_key(i, today, {}))
        return Waiting(len(items), ordered[:limit])

    return selector


def test_register_source_by_audience_and_order(registry):
    inbox.register_source(key="b", label="B", audience="staff", selector=fixed_source("b", []),
                          order=20)  # fmt: skip
    inbox.register_source(key="a", label="A", audience="staff", selector=fixed_source("a", []),
                          order=10)  # fmt: skip
    inbox.register_source(key="p", label="P", audience="portal", selector=fixed_source("p", []))
    assert [s.key for s in inbox.sources_for("staff")] == ["a", "b"]
    assert [s.key for s in inbox.sources_for("portal")] == ["p"]


def test_registering_a_key_again_replaces_it(registry):
    for label in ("Old", "New"):
        inbox.register_source(key="a", label=label, audience="staff",
                              selector=fixed_source("a", []))  # fmt: skip
    assert [s.label for s in inbox.sources_for("staff")] == ["New"]


def test_an_unknown_audience_is_an_error(registry):
    with pytest.raises(ValueError, match="audience"):
        inbox.register_source(key="a", label="A", audience="everyone", selector=lambda **k: None)
    with pytest.raises(ValueError):
        inbox.sources_for("everyone")


def test_a_selector_by_dotted_path_is_imported_when_first_called(registry):
    inbox.register_source(key="x", label="X", audience="staff",
                          selector="tests.prm.test_inbox_registry.dotted_selector")  # fmt: skip
    gathered = inbox.gather(user=None, audience="staff", today=TODAY, limit=5)
    assert gathered.counts == {"x": 1} and gathered.items[0].what == "x 1"


def dotted_selector(**kwargs):
    return Waiting(1, [item("x", 1)])


def test_merged_order_overdue_then_due_soonest_then_newest(registry):
    inbox.register_source(key="a", label="A", audience="staff", selector=fixed_source("a", [
        item("a", 1, days_ago=1), item("a", 2, days_ago=9, due_in=-2),
        item("a", 3, days_ago=0, due_in=5),
    ]))  # fmt: skip
    inbox.register_source(key="b", label="B", audience="staff", selector=fixed_source("b", [
        item("b", 1, days_ago=0), item("b", 2, days_ago=3, due_in=-10),
        item("b", 3, days_ago=2, due_in=1), item("b", 4, days_ago=5),
    ]))  # fmt: skip
    gathered = inbox.gather(user=None, audience="staff", today=TODAY, limit=10)
    assert [i.what for i in gathered.items] == [
        "b 2",  # overdue by 10 days
        "a 2",  # overdue by 2 days
        "b 3",  # due tomorrow
        "a 3",  # due in 5 days
        "b 1",  # newest without a date
        "a 1",
        "b 4",
    ]
    assert gathered.counts == {"a": 3, "b": 4} and gathered.total == 7


def test_pages_across_sources_match_the_whole_order(registry):
    a = [item("a", n, days_ago=n * 2) for n in range(1, 8)]
    b = [item("b", n, days_ago=n * 3) for n in range(1, 8)]
    inbox.register_source(key="a", label="A", audience="staff", selector=fixed_source("a", a))
    inbox.register_source(key="b", label="B", audience="staff", selector=fixed_source("b", b))
    whole = inbox.gather(user=None, audience="staff", today=TODAY, limit=100).items
    for pages in (1, 2, 3):
        gathered, total = inbox.gather_pages(user=None, audience="staff", scope="mine", kind="",
                                              pages=pages, size=4, today=TODAY)  # fmt: skip
        assert total == 14 and gathered.items == whole[: pages * 4]


def test_one_kind_is_counted_alone_and_the_others_still_counted(registry):
    inbox.register_source(key="a", label="A", audience="staff",
                          selector=fixed_source("a", [item("a", 1)]))  # fmt: skip
    inbox.register_source(key="b", label="B", audience="staff",
                          selector=fixed_source("b", [item("b", 1), item("b", 2)]))  # fmt: skip
    gathered, total = inbox.gather_pages(user=None, audience="staff", scope="mine", kind="b",
                                          pages=1, size=10, today=TODAY)  # fmt: skip
    assert total == 2 and {i.kind for i in gathered.items} == {"b"}
    assert gathered.counts == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("days_ago", "due_in", "when", "urgency"),
    [
        (0, None, "new today", "waiting"),
        (1, None, "waiting 1 day", "waiting"),
        (3, None, "waiting 3 days", "waiting"),
        (3, -1, "overdue by 1 day", "overdue"),
        (3, -12, "overdue by 12 days", "overdue"),
        (3, 0, "due today", "due"),
        (3, 4, "due in 4 days", "due"),
        (70, None, "waiting 2 months", "waiting"),
        (3, -59, "overdue by 59 days", "overdue"),
        (3, -400, "overdue by 13 months", "overdue"),
        (3, -3440, "overdue by 9 years", "overdue"),
    ],
)
def test_each_item_says_its_age_or_how_overdue_it_is(days_ago, due_in, when, urgency):
    [row] = present([item("a", 1, days_ago=days_ago, due_in=due_in)], labels={"a": "Alpha"},
                    today=TODAY)  # fmt: skip
    assert (row.when, row.urgency, row.kind_label, row.age_days) == (when, urgency, "Alpha",
                                                                     days_ago)  # fmt: skip
    assert row.overdue_days == (-due_in if due_in is not None and due_in < 0 else None)


def test_the_apps_register_their_sources_and_a_new_kind_can_join(monkeypatch):
    staff = {s.key for s in inbox.sources_for("staff")}
    portal = {s.key for s in inbox.sources_for("portal")}
    # Partner feedback joined as the docs said it would: one selector, one register_source.
    assert staff == {"deals", "targets", "claims", "certifications", "plan-actions", "reviews",
                     "alerts", "people-corrections", "feedback"}  # fmt: skip
    assert portal == {"portal-targets", "portal-plan-actions", "portal-deals", "portal-claims",
                      "portal-certifications", "portal-rules", "portal-surveys"}  # fmt: skip
    monkeypatch.setattr(inbox, "_registry", copy.deepcopy(inbox._registry))
    # A later app adds its kind with one call; nothing in the core changes.
    inbox.register_source(key="surveys", label="Partner surveys", audience="staff",
                          selector=fixed_source("surveys", [item("surveys", 1)]))  # fmt: skip
    assert "surveys" in {s.key for s in inbox.sources_for("staff")}
