"""Reading the exports of list pages back as rows: CSV as text, xlsx through its sheet XML
(openpyxl is not a dependency; an xlsx file is a zip of XML parts)."""

import csv
import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def body(response) -> bytes:
    """The whole download (read once: a streamed body is kept on the response for rereads)."""
    if not response.streaming:
        return response.content
    if not hasattr(response, "read_body"):
        response.read_body = b"".join(response.streaming_content)
    return response.read_body


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[list[str]]:
    """The first sheet's rows, each cell as text (numbers as written, strings inline or from
    the shared strings table)."""
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    shared = []
    if "xl/sharedStrings.xml" in archive.namelist():
        root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
    sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind(".//m:sheetData/m:row", NS):
        cells = {}
        for cell in row.iterfind("m:c", NS):
            column = re.match(r"[A-Z]+", cell.get("r")).group()
            cells[_index(column)] = _text(cell, shared)
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows


def xlsx_cell_types(response) -> set[str]:
    """The kinds of cell the sheet holds ("f" when any cell is a formula)."""
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    kinds = set(re.findall(r'<c [^>]*t="(\w+)"', sheet))
    return kinds | ({"f"} if "<f>" in sheet else set())


def _index(column: str) -> int:
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _text(cell, shared) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t"))
    value = cell.find("m:v", NS)
    if value is None:
        return ""
    return shared[int(value.text)] if kind == "s" else value.text


def rows_of(response, fmt: str) -> list[list[str]]:
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


def column_of(rows, header: str) -> list[str]:
    index = rows[0].index(header)
    return [row[index] if index < len(row) else "" for row in rows[1:]]
