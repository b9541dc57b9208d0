"""A registry that lets a higher app add columns to a lower app's lists of partners.

A list page knows no app: it asks the registry which columns its slot has, and each column
brings what the page needs, registered in the contributing app's `AppConfig.ready()`:

    columns.register_column(
        "partner_list", key="health", label="Health", order=10, classes="num",
        value=latest_health,        # value("pk") → an SQL expression of the row's partner
        cells=score_cells,          # cells([partner id, …]) → {partner id: cell context}
        template="performance/column_health.html", stylesheet="css/scores.css",
        filters=("min", "max"), bounds=(0, 100), tables=lambda: [ScoreRun],
    )

Slots: "partner_list" (the partner list) and "portfolio" (the relationship portfolio, whose
sections list stakeholders, partners and actions: each row's partner is reached by a path).

- `value(partner_path)` returns an expression the list aliases onto its queryset, e.g. a
  `Subquery` over `OuterRef(partner_path)` ("pk" on a list of partners, "partner_id" on a list
  of stakeholders): sorting and filtering happen in SQL, across every page (`order`, `narrow`).
- `filters` names what the list offers on that value, each a field of its filter form
  (`ColumnFilterForm`): "min" (`min_<key>`, at least), "max" (`max_<key>`, at most), "moved"
  (`moved_<key>`, at least that far from zero either way), "dropped" (`dropped_<key>`, below
  zero). `bounds` are the values' range, which the fields validate.
- `cells(partner_ids)` returns what the column's `template` shows per partner of a page (as
  `cell`, None for a partner it knows nothing of; when the cell is a dict, its entry under the
  column's key is also given as `value`). It runs a fixed number of queries; columns that share
  one `cells` callable (or dotted path) get one call per page between them. A column without a
  template is offered for sorting and filtering but not shown.
- `short_label` is what a heading shows where the label is long for a column of two-digit
  numbers (the label stays its accessible name and tooltip).
- `tables()` lists the models its values are read from, for pages that keep a result while
  its tables are unchanged (`prm.lib.cache.cached_while_unchanged`).

`cells` and `tables` may be given as dotted paths, imported when first called.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import Any

from django import forms
from django.db.models import F, Q

SLOTS = ("partner_list", "portfolio")
FILTER_KINDS = ("min", "max", "moved", "dropped")


@dataclass(frozen=True)
class Column:
    slot: str
    key: str
    label: str
    value: Callable[[str], Any]
    cells: Callable[[list[int]], dict[int, Any]] | str | None = None
    template: str = ""
    order: int = 100
    filters: tuple[str, ...] = ("min", "max")
    bounds: tuple[int, int] = (0, 100)
    classes: str = ""
    stylesheet: str = ""
    tables: Callable[[], list] | str | None = None
    short_label: str = ""

    @property
    def alias(self) -> str:
        """The name its value takes on a queryset (kept apart from the model's fields)."""
        return f"column_{self.key}"

    @property
    def shown(self) -> bool:
        return bool(self.template)


_registry: dict[str, dict[str, Column]] = {slot: {} for slot in SLOTS}


def _slot(slot) -> dict[str, Column]:
    if slot not in _registry:
        raise ValueError(f"Unknown column slot {slot!r}; choose one of {SLOTS}.")
    return _registry[slot]


def _call(target, *args):
    if isinstance(target, str):
        module_name, function_name = target.rsplit(".", 1)
        target = getattr(import_module(module_name), function_name)
    return target(*args)


def register_column(slot, *, key, label, value, cells=None, template="", order=100,
                    filters=("min", "max"), bounds=(0, 100), classes="", stylesheet="",
                    tables=None, short_label=""):  # fmt: skip
    unknown = set(filters) - set(FILTER_KINDS)
    if unknown:
        raise ValueError(f"Unknown column filters {sorted(unknown)}; choose of {FILTER_KINDS}.")
    if template and cells is None:
        raise ValueError(f"Column {key!r} has a template but no cells to fill it.")
    # Registering a key again replaces it, so a re-run `ready()` does not duplicate columns.
    _slot(slot)[key] = Column(slot, key, label, value, cells, template, order, tuple(filters),
                              tuple(bounds), classes, stylesheet, tables, short_label)  # fmt: skip


def columns_for(slot) -> list[Column]:
    return sorted(_slot(slot).values(), key=lambda column: (column.order, column.key))


def shown_columns(slot) -> list[Column]:
    return [column for column in columns_for(slot) if column.shown]


def column_for(slot, key: str) -> Column | None:
    return _slot(slot).get(key)


def stylesheets(slot) -> list[str]:
    """The static paths the shown columns' cells need, each once."""
    return list(dict.fromkeys(c.stylesheet for c in shown_columns(slot) if c.stylesheet))


def tables(slot) -> list:
    """The models every column's values are read from (for stamps of cached results)."""
    models = [model for c in columns_for(slot) if c.tables for model in _call(c.tables)]
    return list(dict.fromkeys(models))


def sort_keys(slot) -> list[str]:
    """Every sort a list may ask of the slot: `key` (lowest first) and `-key` (highest first)."""
    keys = [column.key for column in columns_for(slot)]
    return keys + [f"-{key}" for key in keys]


def sort_choices(slot) -> list[tuple[str, str]]:
    """The sorts as a select offers them: each column highest first, then lowest first."""
    return [
        choice
        for column in columns_for(slot)
        for choice in ((f"-{column.key}", f"{column.label}, highest first"),
                       (column.key, f"{column.label}, lowest first"))
    ]  # fmt: skip


# --- sorting and filtering in SQL ------------------------------------------------------------


def _with_value(queryset, column: Column, partner: str):
    if column.alias in queryset.query.annotations:
        return queryset
    return queryset.alias(**{column.alias: column.value(partner)})


def order(queryset, slot, sort: str, *, partner: str = "pk"):
    """`queryset` ordered by a column's value (`sort` is `key` or `-key`), partners without
    one last either way, then in its own order; unchanged if `sort` names no column."""
    column = column_for(slot, sort.lstrip("-")) if sort else None
    if column is None:
        return queryset
    value = F(column.alias)
    first = value.desc(nulls_last=True) if sort.startswith("-") else value.asc(nulls_last=True)
    then = queryset.query.order_by or queryset.model._meta.ordering or ("pk",)
    return _with_value(queryset, column, partner).order_by(first, *then)


def _condition(kind: str, alias: str, value) -> Q | None:
    if value in (None, "", False):
        return None
    if kind == "min":
        return Q(**{f"{alias}__gte": value})
    if kind == "max":
        return Q(**{f"{alias}__lte": value})
    if kind == "moved":
        return Q(**{f"{alias}__gte": value}) | Q(**{f"{alias}__lte": -value})
    return Q(**{f"{alias}__lt": 0})  # dropped


def narrow(queryset, slot, values: dict, *, partner: str = "pk"):
    """`queryset` keeping the rows whose columns' values pass the filters in `values` (a filter
    form's `column_values()`); a row without a value fails any filter on it."""
    for column in columns_for(slot):
        conditions = [
            condition
            for kind in column.filters
            if (condition := _condition(kind, column.alias, values.get(field_name(kind, column))))
        ]
        if conditions:
            queryset = _with_value(queryset, column, partner).filter(*conditions)
    return queryset


def cache_key(slot, sort: str, values: dict) -> str:
    """The sort and the filters in use as a short stable text, for the key of a cached list."""
    names = {field_name(kind, c) for c in columns_for(slot) for kind in c.filters}
    used = sorted(f"{name}={values[name]}" for name in names if values.get(name) not in (None, ""))
    column = column_for(slot, sort.lstrip("-")) if sort else None
    return ",".join([sort if column else "", *used])


# --- cells of a page -------------------------------------------------------------------------


def load_cells(slot, partner_ids: Iterable[int]) -> Callable[[int], list[dict]]:
    """What the shown columns need for these partners, read once: a function giving a row's
    cells (`[{"column", "cell": context or None, "value"}, …]`) by its partner's id."""
    ids = list(dict.fromkeys(partner_ids))
    shown = shown_columns(slot)
    by_source: dict[Any, dict] = {}
    for column in shown:
        if column.cells not in by_source:
            by_source[column.cells] = _call(column.cells, ids) if ids else {}

    def row_cells(partner_id: int) -> list[dict]:
        row = []
        for column in shown:
            cell = by_source[column.cells].get(partner_id)
            value = cell.get(column.key) if isinstance(cell, Mapping) else None
            row.append({"column": column, "cell": cell, "value": value})
        return row

    return row_cells


def attach_cells(rows, slot, *, partner_id=lambda row: row.pk) -> None:
    """Set `row.column_cells` on each row of a page (templates: `components/column_cells.html`)."""
    rows = list(rows)
    row_cells = load_cells(slot, [partner_id(row) for row in rows])
    for row in rows:
        row.column_cells = row_cells(partner_id(row))


# --- the filter form -------------------------------------------------------------------------

FIELD_PREFIXES = {"min": "min", "max": "max", "moved": "moved", "dropped": "dropped"}


def field_name(kind: str, column: Column) -> str:
    return f"{FIELD_PREFIXES[kind]}_{column.key}"


def _number(label, low, high) -> forms.DecimalField:
    return forms.DecimalField(
        required=False, label=label, min_value=low, max_value=high, max_digits=5,
        decimal_places=1, widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip


def _filter_field(kind: str, column: Column) -> forms.Field:
    low, high = (Decimal(bound) for bound in column.bounds)
    if kind == "min":
        return _number("At least", low, high)
    if kind == "max":
        return _number("At most", low, high)
    if kind == "moved":
        field = _number("By at least", Decimal(0), high - low)
        field.help_text = "points, up or down"
        return field
    return forms.BooleanField(required=False, label="Dropped only")


class ColumnFilterForm:
    """Mixed into a list's filter form (before `forms.Form`): adds the filter fields of the
    columns of `column_slot`, and checks that a minimum is not above its maximum."""

    column_slot = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for column in columns_for(self.column_slot):
            for kind in column.filters:
                self.fields[field_name(kind, column)] = _filter_field(kind, column)

    def column_field_names(self) -> list[str]:
        return [
            field_name(kind, column)
            for column in columns_for(self.column_slot)
            for kind in column.filters
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for column in columns_for(self.column_slot):
            low, high = cleaned.get(f"min_{column.key}"), cleaned.get(f"max_{column.key}")
            if low is not None and high is not None and low > high:
                self.add_error(f"max_{column.key}", f"Can't be below the minimum ({low}).")
        return cleaned

    def column_values(self) -> dict:
        """The valid, non-empty column filters: `{field name: value}`."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.column_field_names()
            if name not in self.errors and data.get(name) not in (None, "", False)
        }

    def column_filter_groups(self) -> list[dict]:
        """Each filterable column's fields, for the template: `{"label", "fields"}`."""
        return [
            {"label": c.label, "fields": [self[field_name(kind, c)] for kind in c.filters]}
            for c in columns_for(self.column_slot)
            if c.filters
        ]

    def column_filters_used(self) -> bool:
        """Whether any column filter is set or wrong (the page opens them then)."""
        names = self.column_field_names()
        return bool(self.column_values()) or any(name in self.errors for name in names)
