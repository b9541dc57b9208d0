"""How an inbox item reads on a page and in the API: its age or how overdue it is, its link."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from . import InboxItem, rank

URGENCY = ("overdue", "due", "waiting")


@dataclass(frozen=True)
class Row:
    item: InboxItem
    kind_label: str
    url: str
    age_days: int
    overdue_days: int | None
    when: str
    urgency: str


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def days(count: int) -> str:
    """A span of days as people say it: days up to eight weeks, then months, then years."""
    if count < 60:
        return _plural(count, "day")
    if count < 730:
        return _plural(count // 30, "month")
    return _plural(count // 365, "year")


def _when(item: InboxItem, today: datetime.date, age_days: int) -> str:
    """ "overdue by 3 days", "due today", "due in 2 days", or how long it has waited."""
    if item.due is not None:
        delta = (item.due - today).days
        if delta < 0:
            return f"overdue by {days(-delta)}"
        return "due today" if delta == 0 else f"due in {days(delta)}"
    return "new today" if age_days <= 0 else f"waiting {days(age_days)}"


def present(items, *, labels: dict[str, str], today: datetime.date) -> list[Row]:
    rows = []
    for item in items:
        age_days = max((today - timezone.localtime(item.since).date()).days, 0)
        overdue = (today - item.due).days if item.due is not None and item.due < today else None
        rows.append(Row(
            item, labels.get(item.kind, item.kind), item.link.url, age_days, overdue,
            _when(item, today, age_days), URGENCY[rank(item, today)],
        ))  # fmt: skip
    return rows
