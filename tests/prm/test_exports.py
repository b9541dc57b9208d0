"""The shared export helper: one set of columns for CSV and xlsx, streamed, formula-safe."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import BadRequest
from django.http import FileResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.utils import timezone

from prm.lib import exports
from tests.export_helpers import csv_rows, xlsx_cell_types, xlsx_rows

COLUMNS = [
    exports.column("Name", "name"),
    exports.column("Amount", "amount"),
    exports.column("On", "on"),
    exports.column("Owner", "owner.name"),
    exports.column("Twice", lambda row: row.amount * 2),
]


def _row(name, amount=Decimal("1.50"), owner="Ann"):
    return SimpleNamespace(
        name=name, amount=amount, on=datetime.date(2026, 3, 1),
        owner=SimpleNamespace(name=owner) if owner else None,
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_writes_the_same_columns_in_both_formats(fmt):
    response = exports.export_response(
        fmt, name="things", columns=COLUMNS, rows=[_row("Acme"), _row("Bolt", owner=None)]
    )
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert rows[0] == ["Name", "Amount", "On", "Owner", "Twice"]
    assert rows[1][0] == "Acme" and rows[1][3] == "Ann" and float(rows[1][4]) == 3.0
    assert rows[2][3] == ""  # a missing link is an empty cell, not an error
    today = timezone.localdate().isoformat()
    assert f'filename="things-{today}.{fmt}"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")


def test_csv_is_streamed_and_xlsx_is_a_file_response():
    csv_response = exports.export_response("csv", name="x", columns=COLUMNS, rows=[])
    xlsx_response = exports.export_response("xlsx", name="x", columns=COLUMNS, rows=[])
    assert isinstance(csv_response, StreamingHttpResponse)
    assert isinstance(xlsx_response, FileResponse)
    assert csv_rows(csv_response) == [["Name", "Amount", "On", "Owner", "Twice"]]


def test_csv_reads_rows_only_as_it_is_sent():
    """Nothing is read before the download is: the rows are a generator consumed lazily."""
    read = []

    def rows():
        for name in ("A", "B", "C"):
            read.append(name)
            yield _row(name)

    response = exports.export_response("csv", name="x", columns=COLUMNS, rows=rows())
    assert read == []
    chunks = iter(response.streaming_content)
    next(chunks)  # the header
    next(chunks)
    assert read == ["A"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1"])
def test_export_escapes_text_a_spreadsheet_would_run(fmt, text):
    response = exports.export_response("csv" if fmt == "csv" else "xlsx", name="x",
                                       columns=COLUMNS, rows=[_row(text)])  # fmt: skip
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert rows[1][0] == f"'{text}"
    if fmt == "xlsx":
        assert "f" not in xlsx_cell_types(response)  # never a formula cell


def test_export_keeps_negative_numbers_as_numbers():
    rows = csv_rows(exports.export_response("csv", name="x", columns=COLUMNS,
                                            rows=[_row("A", amount=Decimal("-5"))]))  # fmt: skip
    assert rows[1][1] == "-5"


def test_cell_values():
    assert exports.cell(None) == ""
    assert exports.cell(True) == "yes"
    assert exports.cell(Decimal("2.5")) == Decimal("2.5")
    assert exports.cell("plain") == "plain"


def test_requested_format_reads_the_query_and_refuses_unknown_formats():
    factory = RequestFactory()
    assert exports.requested_format(factory.get("/x/")) is None
    assert exports.requested_format(factory.get("/x/?export=xlsx")) == "xlsx"
    with pytest.raises(BadRequest):
        exports.requested_format(factory.get("/x/?export=pdf"))


def test_in_chunks_loads_each_chunk_once():
    loaded = []

    def load(chunk):
        loaded.append(list(chunk))
        return chunk

    assert list(exports.in_chunks(list(range(5)), load, size=2)) == [0, 1, 2, 3, 4]
    assert loaded == [[0, 1], [2, 3], [4]]


def test_without_export_leaves_the_filters():
    assert exports.without_export("status=open&export=csv&page=2") == "status=open&page=2"
