"""When partners left the program: from `Partner.exited_on` where the model has it, otherwise
from the audit trail's status changes to "exited". One query either way."""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from ..models import Partner, PartnerStatus


def _has_exit_date() -> bool:
    return any(field.name == "exited_on" for field in Partner._meta.concrete_fields)


def exit_source() -> str:
    """Where `partner_exits` reads from, in words."""
    if _has_exit_date():
        return "partners' exit dates"
    return "status changes to “exited” in the partners' history"


def partner_exits(*, since: datetime.date, until: datetime.date) -> dict[int, datetime.date]:
    """`{partner id: the day it exited}` for exits in [since, until]."""
    if _has_exit_date():
        rows = Partner.objects.filter(exited_on__gte=since, exited_on__lte=until)
        return dict(rows.values_list("pk", "exited_on"))
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Partner),
        timestamp__date__gte=since, timestamp__date__lte=until,
        changes__has_key="status",
    ).order_by("timestamp")  # fmt: skip
    exits = {}
    for object_pk, changes, timestamp in entries.values_list("object_pk", "changes", "timestamp"):
        status = (changes or {}).get("status") if isinstance(changes, dict) else None
        if status and status[-1] == PartnerStatus.EXITED:
            exits[int(object_pk)] = timestamp.date()
    return exits
