"""Actuals from CSV: every row is validated first, then all rows are written or none.

Columns: partner (slug), year, quarter (empty for the whole year), metric (key), value.
Re-importing the same file writes the same values again, so it changes nothing.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from partners.models import Partner

from .models import Actual, ActualSource, Metric

COLUMNS = ["partner", "year", "quarter", "metric", "value"]


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # [{"row": n, "message": "..."}]
    rows: list = field(default_factory=list)
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(content: bytes) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _parse_row(row, partners, metrics) -> tuple[tuple | None, list[str]]:
    errors = []
    partner = partners.get((row.get("partner") or "").strip())
    if partner is None:
        errors.append(f"Unknown partner “{row.get('partner', '')}”.")
    metric = metrics.get((row.get("metric") or "").strip())
    if metric is None:
        errors.append(f"Unknown metric “{row.get('metric', '')}”.")
    year_text, quarter_text = (row.get("year") or "").strip(), (row.get("quarter") or "").strip()
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    quarter = int(quarter_text) if quarter_text in ("1", "2", "3", "4") else None
    if year is None or (quarter_text and quarter is None):
        errors.append(f"Bad period “{year_text} {quarter_text}”: a year, a quarter 1–4 or none.")
    try:
        value = Decimal((row.get("value") or "").strip().replace(",", ""))
        if not value.is_finite():
            raise InvalidOperation
        if value < 0:
            errors.append(f"Negative value {value}.")
    except InvalidOperation:
        value = None
        errors.append(f"Value “{row.get('value', '')}” is not a number.")
    if errors:
        return None, errors
    return (partner, year, quarter, metric, value), []


def validate_actuals_csv(content: bytes, progress: Callable | None = None) -> ImportResult:
    result = ImportResult()
    text = _decode(content)
    if text is None:
        result.errors.append({"row": 0, "message": "The file is not UTF-8 encoded text."})
        return result
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if header != COLUMNS:
        result.errors.append(
            {"row": 1, "message": f"Columns must be exactly: {', '.join(COLUMNS)}."}
        )
        return result
    reader.fieldnames = header
    lines = list(reader)
    partners = {p.slug: p for p in Partner.objects.only("pk", "slug", "name")}
    metrics = {m.key: m for m in Metric.objects.all()}
    seen = {}
    for index, row in enumerate(lines, start=2):
        parsed, errors = _parse_row(row, partners, metrics)
        if parsed:
            key = (parsed[0].pk, parsed[1], parsed[2], parsed[3].pk)
            if key in seen:
                errors.append(f"Duplicate of row {seen[key]}.")
            seen.setdefault(key, index)
        result.errors += [{"row": index, "message": message} for message in errors]
        if parsed and not errors:
            result.rows.append(parsed)
        if progress:
            progress(index - 1, len(lines))
    if not lines:
        result.errors.append({"row": 0, "message": "The file has no rows."})
    return result


def import_actuals(content: bytes, progress: Callable | None = None) -> ImportResult:
    """Validate every row (progress visible to pollers); write all only when none has an error."""
    result = validate_actuals_csv(content, progress)
    if result.ok:
        _write_rows(result)
    return result


@transaction.atomic
def _write_rows(result: ImportResult) -> None:
    existing = {
        (a.partner_id, a.year, a.quarter, a.metric_id): a.value
        for a in Actual.objects.filter(partner_id__in={row[0].pk for row in result.rows})
    }
    for partner, year, quarter, metric, value in result.rows:
        if existing.get((partner.pk, year, quarter, metric.pk)) == value:
            continue  # the same value again: nothing to change
        Actual.objects.update_or_create(
            partner=partner, metric=metric, year=year, quarter=quarter,
            defaults={"value": value, "source": ActualSource.IMPORTED},
        )  # fmt: skip
        result.written += 1
