"""One page of the inbox, as the inbox page and `GET /api/v1/inbox/` both show it."""

import datetime
import math
from dataclasses import dataclass

from . import Gathered, gather_pages
from .present import Row, present


@dataclass
class InboxPage:
    rows: list[Row]
    number: int  # the page shown (a page past the end shows the last one, when clamped)
    pages: int
    total: int  # items in the list (of the kind asked, or all)
    gathered: Gathered  # every source and its count, for the kind chips


def read_page(*, user, audience, scope, kind, number, size, today: datetime.date) -> InboxPage:
    """Page `number` of `size` items; `number` past the end gives the last page (callers that
    must refuse it compare `number` with the page they asked for)."""
    gathered, total = gather_pages(
        user=user, audience=audience, scope=scope, kind=kind, pages=number, size=size, today=today
    )
    pages = max(1, math.ceil(total / size))
    number = min(number, pages)
    start = (number - 1) * size
    labels = {source.key: source.label for source in gathered.sources}
    rows = present(gathered.items[start : start + size], labels=labels, today=today)
    return InboxPage(rows=rows, number=number, pages=pages, total=total, gathered=gathered)
