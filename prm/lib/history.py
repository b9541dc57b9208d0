"""Any audited object's trail, readable: who changed which field from what to what."""

from collections import defaultdict

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError

# How many entries an object's page shows in its "Changes" section (the admin has them all).
CHANGES_SHOWN = 20

# Bookkeeping columns change on every save and tell a reader nothing.
HISTORY_HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})


class HistoryEntry:
    """A log entry whose changes are already readable: field labels, choice labels and the
    names of related objects, resolved for all entries at once.

    auditlog's own `changes_display_dict` costs queries per entry (its content type and each
    related object) and shows many-to-many changes as the keys of their dict.
    """

    def __init__(self, entry, changes_display_dict):
        self.entry = entry
        self.changes_display_dict = changes_display_dict

    def __getattr__(self, name):
        if name == "entry":  # not set yet (copy, pickle): do not recurse
            raise AttributeError(name)
        return getattr(self.entry, name)


def object_history(obj, *, limit: int = 100):
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )


def _history_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if name in HISTORY_HIDDEN_FIELDS or not (field.many_to_many or field.concrete):
        return None
    return field


def _history_related_names(model, entries) -> dict:
    """`{(model, pk string): name}` for every foreign key value the entries mention."""
    wanted = defaultdict(set)
    for entry in entries:
        for name, values in entry.changes_dict.items():
            field = _history_field(model, name)
            if field is not None and field.many_to_one:
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))
    names = {}
    for related, pks in wanted.items():
        for pk, obj in related._base_manager.in_bulk(_valid_pks(related, pks)).items():
            names[(related, str(pk))] = str(obj)
    return names


def _valid_pks(model, values):
    pks = []
    for value in values:
        try:
            pks.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return pks


def _history_value(field, value, related_names) -> str:
    if value in (None, "None"):
        return ""
    if field.many_to_one:
        return related_names.get((field.related_model, str(value)), f"(deleted #{value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _history_changes(model, changes: dict, related_names) -> dict:
    shown = {}
    for name, values in changes.items():
        field = _history_field(model, name)
        if field is None:
            continue
        label = str(field.verbose_name)
        if field.many_to_many:
            shown[label] = values  # {"type": "m2m", "operation": ..., "objects": [...]}
            continue
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue  # not an [old, new] pair: nothing sensible to show
        old, new = (_history_value(field, value, related_names) for value in values)
        if old != new:
            shown[label] = [old, new]
    return shown


def object_history_entries(obj, *, limit: int = 100) -> list[HistoryEntry]:
    """The newest `limit` entries of `obj`'s trail, readable, in a constant number of queries."""
    model = type(obj)
    entries = list(object_history(obj, limit=limit))
    related_names = _history_related_names(model, entries)
    return [
        HistoryEntry(entry, _history_changes(model, entry.changes_dict, related_names))
        for entry in entries
    ]
