"""When partners left the program: their exit dates (`Partner.exited_on`). One query."""

import datetime

from ..models import Partner

EXIT_SOURCE = "partners' exit dates"


def exit_source() -> str:
    """Where `partner_exits` reads from, in words."""
    return EXIT_SOURCE


def partner_exits(*, since: datetime.date, until: datetime.date) -> dict[int, datetime.date]:
    """`{partner id: the day it exited}` for exits in [since, until]."""
    rows = Partner.objects.filter(exited_on__gte=since, exited_on__lte=until)
    return dict(rows.values_list("pk", "exited_on"))
