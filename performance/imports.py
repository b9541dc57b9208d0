"""Actuals from CSV (one use of prm.lib.imports): every row is checked first, then all rows are
written or none.

Columns: partner (slug), year, quarter (empty for the whole year), metric (key), value.
Re-importing the same file writes the same values again, so it changes nothing.
"""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from partners import selectors as partner_selectors
from prm.lib.imports import CsvImport, ImportReport, LookupField

from .models import Actual, ActualSource, Metric

COLUMNS = ("partner", "year", "quarter", "metric", "value")
VALUE_FIELD = Actual._meta.get_field("value")


class ActualRowForm(forms.Form):
    partner = LookupField(unknown="Unknown partner “%(value)s”.", required=False)
    year = forms.CharField(required=False)
    quarter = forms.CharField(required=False)
    metric = LookupField(unknown="Unknown metric “%(value)s”.", required=False)
    value = forms.CharField(required=False)

    def __init__(self, *args, partners: dict, metrics: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].lookup = partners
        self.fields["metric"].lookup = metrics

    def clean_partner(self):
        return self._required("partner", "Unknown partner “”.")

    def clean_metric(self):
        return self._required("metric", "Unknown metric “”.")

    def _required(self, name, message):
        if self.cleaned_data.get(name) is None:
            raise ValidationError(message)
        return self.cleaned_data[name]

    def clean_value(self):
        text = self.cleaned_data["value"].replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValidationError(f"Value “{self.data.get('value', '')}” is not a number.")
        if value < 0:
            raise ValidationError(f"Negative value {value}.")
        # What the database keeps: a value it would refuse or round is refused here.
        forms.DecimalField(
            max_digits=VALUE_FIELD.max_digits, decimal_places=VALUE_FIELD.decimal_places
        ).clean(value)
        return value

    def clean(self):
        data = super().clean()
        year_text, quarter_text = data.get("year", ""), data.get("quarter", "")
        year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
        quarter = int(quarter_text) if quarter_text in ("1", "2", "3", "4") else None
        if year is None or (quarter_text and quarter is None):
            self.add_error(
                "year", f"Bad period “{year_text} {quarter_text}”: a year, a quarter 1–4 or none."
            )
        data["year"], data["quarter"] = year, quarter
        return data


class ActualsImport(CsvImport):
    columns = COLUMNS
    exact_columns = True
    row_form = ActualRowForm
    no_rows_message = "The file has no rows."

    def form_kwargs(self) -> dict:
        partners = partner_selectors.partners().only("pk", "slug", "name")
        return {
            "partners": {partner.slug: partner for partner in partners},
            "metrics": {metric.key: metric for metric in Metric.objects.all()},
        }

    @staticmethod
    def _key(row) -> tuple:
        data = row.cleaned
        return data["partner"].pk, data["year"], data["quarter"], data["metric"].pk

    def check(self, rows, report: ImportReport) -> None:
        first_row_of = {}
        for row in rows:
            if not row.valid:
                continue
            key = self._key(row)
            if key in first_row_of:
                report.add(row.number, "", f"Duplicate of row {first_row_of[key]}.")
            first_row_of.setdefault(key, row.number)

    def __init__(self, *, progress=None, on_written: Callable | None = None):
        super().__init__(progress=progress)
        self.on_written = on_written

    def write(self, rows, report: ImportReport, *, dry_run: bool) -> None:
        self._write(rows, report, dry_run=dry_run)
        if self.on_written is not None and not dry_run:
            # In the same transaction as the rows: a job killed before the commit leaves
            # neither the rows nor "done" behind, and is simply run again.
            self.on_written(report)

    def _write(self, rows, report: ImportReport, *, dry_run: bool) -> None:
        existing = {
            (actual.partner_id, actual.year, actual.quarter, actual.metric_id): actual.value
            for actual in Actual.objects.filter(
                partner_id__in={row.cleaned["partner"].pk for row in rows}
            )
        }
        for row in rows:
            key, data = self._key(row), row.cleaned
            if existing.get(key) == data["value"]:
                report.unchanged += 1  # the same value again: nothing to change
                continue
            if key in existing:
                report.updated += 1
            else:
                report.created += 1
            if not dry_run:
                Actual.objects.update_or_create(
                    partner=data["partner"], metric=data["metric"], year=data["year"],
                    quarter=data["quarter"],
                    defaults={"value": data["value"], "source": ActualSource.IMPORTED},
                )  # fmt: skip


def import_actuals(
    content: bytes, progress: Callable | None = None, on_written: Callable | None = None
) -> ImportReport:
    """Check every row (progress visible to pollers); write all only when none has an error,
    then call `on_written(report)` inside the same transaction."""
    return ActualsImport(progress=progress, on_written=on_written).run(content)
