"""CSV and Excel exports of list pages, streamed in constant memory.

A list defines its columns once (a header and a value getter per row) and the same columns make
the CSV and the xlsx file. A list page answers `?export=csv` or `?export=xlsx` with its current
filters by handing its filtered rows — a QuerySet read with `.iterator()`, or any iterable the
list builds chunk by chunk — to `export_response`:

    fmt = exports.requested_format(request)
    if fmt:
        return exports.export_response(fmt, name="partners", columns=COLUMNS,
                                       rows=exports.iterate(queryset))

CSV streams row by row (`StreamingHttpResponse`); xlsx is written by XlsxWriter in
`constant_memory` mode (one row held at a time) to a temporary file, which is sent with
`FileResponse` and removed when the download is read. Text cells that a spreadsheet would run as
a formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe.
"""

import csv
import datetime
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import BadRequest
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
PARAMETER = "export"
CHUNK_SIZE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and how a row gives its value."""

    header: str
    value: Callable[[Any], Any]


def column(header: str, path: str | Callable[[Any], Any]) -> Column:
    """A column from a getter, or from a dotted attribute path ("partner.name"; a `get_…_display`
    step is called; a missing link gives an empty cell)."""
    if callable(path):
        return Column(header, path)
    return Column(header, lambda row: _follow(row, path.split(".")))


def _follow(value, steps: Sequence[str]):
    for step in steps:
        if value is None:
            return None
        value = value.get(step) if isinstance(value, dict) else getattr(value, step)
        if callable(value) and not hasattr(value, "all"):
            value = value()
    return value


def requested_format(request) -> str | None:
    """The format `?export=` asks for, or None for the page itself; an unknown one is a 400."""
    value = request.GET.get(PARAMETER)
    if value is None:
        return None
    if value not in FORMATS:
        raise BadRequest(f"Unknown export format {value!r}: use csv or xlsx.")
    return value


def without_export(query: QueryDict | str) -> str:
    """A query string without `export` (what the page's own links carry)."""
    data = QueryDict(query, mutable=True) if isinstance(query, str) else query.copy()
    data.pop(PARAMETER, None)
    return data.urlencode()


def iterate(queryset, chunk_size: int = CHUNK_SIZE) -> Iterator:
    """The rows of a QuerySet fetched `chunk_size` at a time (prefetches run per chunk), never
    all at once and never kept in the QuerySet's cache."""
    return queryset.iterator(chunk_size=chunk_size)


def in_chunks(items: Sequence, load: Callable[[Sequence], Iterable], size: int = CHUNK_SIZE):
    """Rows of a list of keys (a ranking), each chunk loaded by `load` (a fixed number of
    queries per chunk), so only one chunk's objects are held at a time."""
    for start in range(0, len(items), size):
        yield from load(items[start : start + size])


def export_response(fmt: str, *, name: str, columns: Sequence[Column], rows: Iterable):
    """The download of `rows` in `fmt`, named after the list and today's date."""
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        return _csv_response(filename, columns, rows)
    if fmt == "xlsx":
        return _xlsx_response(filename, columns, rows)
    raise BadRequest(f"Unknown export format {fmt!r}: use csv or xlsx.")


def cell(value) -> Any:
    """A value as both formats write it: text made safe to open, numbers and dates kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    if hasattr(value, "all"):  # a related manager: its objects, comma-separated
        value = ", ".join(str(item) for item in value.all())
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _values(columns: Sequence[Column], row) -> list:
    return [cell(c.value(row)) for c in columns]


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_lines(columns: Sequence[Column], rows: Iterable) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark, so spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow([c.header for c in columns])
    for row in rows:
        yield writer.writerow([_csv_text(value) for value in _values(columns, row)])


def _csv_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _csv_response(filename: str, columns, rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(filename: str, columns, rows) -> FileResponse:
    import xlsxwriter  # only exports need it

    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        _write_xlsx(xlsxwriter, path, columns, rows)
        download = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    finally:
        # Unlinked while open: the file is gone from the disk once the response is sent.
        os.unlink(path)
    return FileResponse(download, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _write_xlsx(xlsxwriter, path: str, columns: Sequence[Column], rows: Iterable) -> None:
    workbook = xlsxwriter.Workbook(
        path,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
         "strings_to_numbers": False, "remove_timezone": True},
    )  # fmt: skip
    sheet = workbook.add_worksheet("Export")
    bold = workbook.add_format({"bold": True})
    formats = {
        datetime.datetime: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        datetime.date: workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    sheet.write_row(0, 0, [c.header for c in columns], bold)
    sheet.freeze_panes(1, 0)
    for index, row in enumerate(rows, start=1):
        for position, value in enumerate(_values(columns, row)):
            _write_cell(sheet, index, position, value, formats)
    workbook.close()


def _write_cell(sheet, row: int, position: int, value, formats) -> None:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        sheet.write_datetime(row, position, value, formats[datetime.datetime])
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, position, value, formats[datetime.date])
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, position, value)
    else:
        sheet.write_string(row, position, value)


# --- API lists ---------------------------------------------------------------------------------


class ExportListMixin:
    """For a DRF list endpoint: `?export=csv|xlsx` answers every row the list's filters keep
    (not one page), one column per serializer field, streamed like the pages' exports. The
    file is named after the viewset's `export_name` (its basename by default)."""

    export_name = ""

    def list(self, request, *args, **kwargs):
        try:
            fmt = requested_format(request)
        except BadRequest as error:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({PARAMETER: [str(error)]}) from error
        if fmt is None:
            return super().list(request, *args, **kwargs)
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        names = list(serializer_class(context=context).fields)
        records = (serializer_class(row, context=context).data for row in self.export_rows())
        columns = [Column(name, _field(name)) for name in names]
        name = self.export_name or getattr(self, "basename", "") or "export"
        return export_response(fmt, name=name, columns=columns, rows=records)

    def export_rows(self) -> Iterable:
        """The rows to export: the filtered queryset, read in chunks. A list built in Python
        (not a queryset) overrides this to give its rows."""
        return iterate(self.filter_queryset(self.get_queryset()))


def _field(name: str):
    def value(record):
        found = record.get(name)
        if isinstance(found, list | tuple):
            return ", ".join(str(item) for item in found)
        if isinstance(found, dict):
            return ", ".join(f"{key}: {item}" for key, item in found.items())
        return found

    return value
