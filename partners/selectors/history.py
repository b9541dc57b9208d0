"""The partner's audit trail, readable: who changed which field from what to what."""

from prm.lib.history import (
    HISTORY_HIDDEN_FIELDS,
    HistoryEntry,
    object_history,
    object_history_entries,
)

__all__ = ["HISTORY_HIDDEN_FIELDS", "HistoryEntry", "partner_history", "partner_history_entries"]


def partner_history(*, partner, limit: int = 100):
    return object_history(partner, limit=limit)


def partner_history_entries(*, partner, limit: int = 100) -> list[HistoryEntry]:
    return object_history_entries(partner, limit=limit)
