"""Property tests of ``kh284 import``: whatever a workbook holds, a clean answer, fast.

Workbooks are made from a real template (the demo's Sở GD&ĐT, written by ``kh284
template``), two ways:

* as a clerk's program or a careless hand would: random values (numbers, figures typed
  as text, dates, formulas, very long or odd text) with random number formats in random
  cells of the three sheets, merged ranges (some over the whole sheet), hyperlinks, and
  the workbook saved calculated or not (with formulas given saved values);
* as an attacker would: elements inserted into the XML of sheet ``Chỉ tiêu`` (cells with
  references far out, rows, merges, formulas, shared-string references, broken XML).

Either way the import answers 0, 1 or 2 without a traceback or X901, within a bounded
time, and writes either the whole report (a YAML file kh284 reads back, alone in its
folder) or nothing.  Example counts are small by default; ``KH284_FUZZ_EXAMPLES=N`` runs
N examples per test (as ``tests/test_fuzz.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import demo_template
from test_fuzz import fuzz_settings

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.cell.cell import MergedCell  # noqa: E402

from kh284.cli.app import app  # noqa: E402
from kh284.load.exact import load_text  # noqa: E402
from kh284.reports import importer  # noqa: E402
from kh284.reports.template_layout import WorkbookError  # noqa: E402

SHEETS = ("Thông tin", "Chỉ tiêu", "Nhiệm vụ")
TARGETS_PART = "xl/worksheets/sheet2.xml"
#: Time one import may take, far above the 1 s a real one takes.
MAX_SECONDS = 10

FORMATS = [
    "General", "0", "0.0", "0%", "0.00%", '0.0" %"', "#,##0.0#\\%", "[Red]0.0%", "0;0%",
    '0.0%;-0.0%;"-"', "@", "dd/mm/yyyy", "h:mm", '"%"0', "0.0_%", "#,##0", "0E+00", ";;;",
]  # fmt: skip
TEXTS = [
    "34,5", "34,5 %", "34.5%", "1.234", "1.234,5", "1 234", "0,345", "khoảng 35", "30-35",
    "Hoàn thành", "Đang thực hiện", "xong", "2027", "２０２７", "15/12/2027", "31/02/2027",
    "nha-tre-huy-dong", "bac-kan", "ba-be", "PL-04", "PL-06", "=1+1", "'=1", "TRUE", "",
    "   ", "-5", "1e309", "NaN", "\u202e", "a\u0301", "\x1b[31m",
]  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.sampled_from(TEXTS),
    st.text(max_size=30),
    st.integers(32_000, 33_000).map(lambda n: "x" * n),  # around Excel's limit of a cell
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=0, max_value=1.5),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.booleans(),
    st.sampled_from(["=38+0", "=D5*100", "=SUM(D5:D9)", '="x"', "=1/0"]),
)
CELLS = st.tuples(st.sampled_from(SHEETS), st.integers(1, 70), st.integers(1, 16))
#: Small ranges, merged by openpyxl; large ones (which openpyxl would build a cell for
#: each of, for hours) are written into the sheet's XML (``HUGE``).
RANGES = st.tuples(st.integers(1, 60), st.integers(1, 14), st.integers(0, 3), st.integers(0, 3))
HUGE = ["A1:XFD1048576", "D5:D2001", "A1:IW1", "B2:C3"]
SHEET_PARTS = [f"xl/worksheets/sheet{n}.xml" for n in (1, 2, 3)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return demo_template(tmp_path_factory.mktemp("import-fuzz"), "2027")


@st.composite
def edits(draw: st.DrawFn) -> dict[str, Any]:
    """What to do to the template: cells, formats, merges, links, the calculation."""
    return {
        "cells": draw(st.lists(st.tuples(CELLS, VALUES, st.sampled_from(FORMATS)), max_size=8)),
        "merges": draw(st.lists(st.tuples(st.sampled_from(SHEETS), RANGES), max_size=2)),
        "huge": draw(
            st.lists(st.tuples(st.sampled_from(SHEET_PARTS), st.sampled_from(HUGE)), max_size=1)
        ),
        "links": draw(st.lists(CELLS, max_size=2)),
        "calculated": draw(st.booleans()),
        "saved": draw(
            st.lists(st.tuples(st.integers(5, 60), st.sampled_from(["12", "x"])), max_size=2)
        ),
        "filled": draw(st.booleans()),
    }


def _workbook(template: bytes, edit: dict[str, Any]) -> bytes:
    """The template with ``edit`` applied by openpyxl, then in its XML (saved values)."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    if edit["filled"]:  # the report's date and document, and one figure (D5: a rate)
        book["Thông tin"]["B7"], book["Thông tin"]["B8"] = "15/12/2027", "Báo cáo số 1"
        book["Chỉ tiêu"]["D5"] = 34.5
    for (sheet, row, column), value, number_format in edit["cells"]:
        cell = book[sheet].cell(row=row, column=column)
        try:
            cell.value = value
        except Exception:  # a character openpyxl refuses to write: a file cannot hold it
            continue
        cell.number_format = number_format
    for sheet, (row, column, down, right) in edit["merges"]:
        book[sheet].merge_cells(
            start_row=row, start_column=column, end_row=row + down, end_column=column + right
        )
    for sheet, row, column in edit["links"]:
        linked = book[sheet].cell(row=row, column=column)
        if isinstance(linked, MergedCell):  # inside a merge: the link goes on its first cell
            continue
        linked.hyperlink = "https://example.org/"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts[TARGETS_PART].decode("utf-8")
    for row, saved in edit["saved"]:  # a formula with a saved value, as Excel writes one
        kind = "n" if saved.isdigit() else "str"
        empty = re.compile(rf'<c r="D{row}"( s="[0-9]+")?(?: t="[^"]*")?\s*(?:/>|></c>)')
        formula = rf'<c r="D{row}"\1 t="{kind}"><f>38+0</f><v>{saved}</v></c>'
        sheet_xml = empty.sub(formula, sheet_xml)
    parts[TARGETS_PART] = sheet_xml.encode("utf-8")
    for part, cells in edit["huge"]:
        merge = f'<mergeCells count="1"><mergeCell ref="{cells}"/></mergeCells>'
        xml = parts[part].decode("utf-8").replace("</sheetData>", "</sheetData>" + merge, 1)
        parts[part] = xml.encode("utf-8")
    if edit["calculated"]:
        main = parts["xl/workbook.xml"].decode("utf-8")
        parts["xl/workbook.xml"] = main.replace(' fullCalcOnLoad="1"', "").encode("utf-8")
    return _zip(parts)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


@fuzz_settings(8)
@given(edits())
def test_any_filled_workbook_imports_or_is_refused_cleanly(
    pristine: tuple[Path, bytes], edit: dict[str, Any]
) -> None:
    data, template = pristine
    try:
        raw = _workbook(template, edit)
    except ValueError:  # openpyxl refuses a merge over merged cells: nothing to import
        return
    before = sorted(data.rglob("*"))
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "so-gddt.xlsx"
        xlsx.write_bytes(raw)
        output = Path(tmp) / "out" / "report.yaml"
        args = ["import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31"]
        start = time.monotonic()
        result = CliRunner().invoke(app, [*args, "-o", str(output)], catch_exceptions=False)
        seconds = time.monotonic() - start
        said = result.stdout + result.stderr
        code = re.search(r"\b[A-Z][0-9]{3}\b", result.stderr if result.exit_code == 2 else "")
        event(f"exit {result.exit_code}" + (f" {code.group()}" if code else ""))
        assert result.exit_code in (0, 1, 2), said
        assert "Traceback" not in said and "X901" not in said, said
        assert seconds < MAX_SECONDS, f"{seconds:.1f} s"
        written = sorted(p.name for p in output.parent.iterdir()) if output.parent.exists() else []
        if result.exit_code == 0:
            assert written == ["report.yaml"], written  # the report, no temporary file
            text = output.read_text(encoding="utf-8")
            document, problems = load_text(text, "progress/2027/report.yaml")
            assert document is not None and not problems, text
        else:
            assert written == [], said
    assert sorted(data.rglob("*")) == before, "the data directory changed"


#: Pieces of worksheet XML an attacker may insert: cells out of bounds, rows, ranges,
#: formulas with and without values, shared-string references, broken markup.
PIECES = [
    '<c r="B1048576"><v>1</v></c>', '<c r="B1000000000"><v>1</v></c>', '<c r="XFD5"/>',
    '<c r="D5"><f>1+1</f></c>', '<c r="D6" t="n"><f>38+0</f><v>12</v></c>',
    '<c r="D7" t="s"><v>0</v></c>', '<c r="D8" t="s"><v>999999</v></c>',
    '<c r="D9" t="inlineStr"><is><t>34,5 %</t></is></c>', '<c r="D10" t="b"><v>1</v></c>',
    '<c r="D11" t="e"><v>#DIV/0!</v></c>', '<c r="D12" t="d"><v>2027-12-15</v></c>',
    '<c r="D13" s="9999"><v>0.5</v></c>', '<c><v>1</v></c>', '<c r="">x</c>',
    '<c r="D14"><v>NaN</v></c>', '<c r="D15"><v>-inf</v></c>', '<c r="D16"><v>1e400</v></c>',
    '<row r="3000"><c r="A3000"><v>1</v></c></row>', '<row r="0"/>', '<row r="-1"/>',
    '<row r="99999999999999999999"/>', "<row/>",
    '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    '<mergeCells><mergeCell ref="D5:E6"/></mergeCells>',
    '<mergeCells><mergeCell ref="Z"/></mergeCells>',
    '<hyperlinks><hyperlink ref="A1:B2" location="A1"/></hyperlinks>',
    '<dimension ref="A1:M99999"/>', "<v>", "</c>", "<!-- x -->", "&amp;", "&bogus;",
    '<?xml version="1.0"?>', "\x00", "é",
]  # fmt: skip


@fuzz_settings(15)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.floats(0, 1)), min_size=1, max_size=4))
def test_any_sheet_xml_is_read_or_refused(
    pristine: tuple[Path, bytes], pieces: list[tuple[str, float]]
) -> None:
    """Inserted before any tag of the sheet's XML: a report read, or a refusal (exit 2)."""
    data, template = pristine
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[TARGETS_PART].decode("utf-8")
    for piece, where in pieces:  # before a tag, so that most pieces keep the XML whole
        tags = [found.start() for found in re.finditer("<", xml)]
        at = tags[min(int(where * len(tags)), len(tags) - 1)]
        xml = xml[:at] + piece + xml[at:]
    parts[TARGETS_PART] = xml.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "so-gddt.xlsx"
        xlsx.write_bytes(_zip(parts))
        start = time.monotonic()
        try:
            read = importer.read(xlsx, xlsx.name, data)
        except WorkbookError:
            read = None
        event("refused" if read is None else "read")
        assert time.monotonic() - start < MAX_SECONDS
    if read is not None:
        document, problems = load_text(read.text, "progress/2027/so-gddt.yaml")
        assert document is not None and not problems, read.text
        assert all("!" in cell for cell, _ in read.problems)


def test_the_fuzzers_start_from_a_template_that_imports(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """The base of both: the template, filled in, imports cleanly (exit 0)."""
    data, template = pristine
    figure = (("Chỉ tiêu", 5, 4), "34,5 %", "General")  # D5: nha-tre-huy-dong
    edit = {"cells": [figure], "merges": [], "huge": [], "links": [], "saved": []}
    xlsx = tmp_path / "so-gddt.xlsx"
    xlsx.write_bytes(_workbook(template, {**edit, "calculated": True, "filled": True}))
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    args = ["import", str(xlsx), "--data-dir", str(copy), "--as-of", "2027-12-31"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 0, result.stdout + result.stderr
