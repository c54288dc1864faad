"""``kh284 import`` on workbooks that are damaged, hostile or hold what a report cannot.

Every case ends in a clear message naming the cell or the part of the workbook, with a
code, in the language asked for, and no YAML file is written: a formula without a saved
value, a cell too long, a workbook too large unpacked (a zip bomb, a 6 MB cell), too many
rows (a million, declared or streamed), a truncated or missing part, an XML entity, a
directory or a FIFO given as the file.  Workbooks are made with openpyxl or written by
hand with ``zipfile``; the whole file runs in a few seconds.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, dated_book, demo_template, run_both

openpyxl = pytest.importorskip("openpyxl")

from kh284.reports import importer as workbook  # noqa: E402  (needs the reports extra)
from kh284.reports import xlsx_guard as guard  # noqa: E402

PERIOD = "2027"
TARGETS_PART = "xl/worksheets/sheet2.xml"  # sheet "Chỉ tiêu" in a template openpyxl wrote
STYLES_PART = "xl/styles.xml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A data directory (demo copy) and the bytes of one unit's template."""
    return demo_template(tmp_path_factory.mktemp("import-limits"), PERIOD)


@pytest.fixture
def case(pristine: tuple[Path, bytes], tmp_path: Path) -> Case:
    data, template = pristine
    return Case(data, template, tmp_path)


class Case:
    """One import: the template's bytes to change, the file to import, where YAML would go."""

    def __init__(self, data: Path, template: bytes, tmp_path: Path) -> None:
        self.data = data
        self.template = template
        self.xlsx = tmp_path / "so-gddt.xlsx"
        self.output = tmp_path / "out" / "report.yaml"

    def book(self, change: Callable[[Any], None]) -> Path:
        """Write the template changed by ``change(workbook)`` with openpyxl."""
        book = dated_book(self.template)
        change(book)
        book.save(self.xlsx)
        return self.xlsx

    def parts(self, change: Callable[[dict[str, bytes]], None], base: bytes | None = None) -> Path:
        """Write the template (or ``base``) with its zip members changed by ``change(parts)``."""
        with zipfile.ZipFile(io.BytesIO(base or self.template)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        change(parts)
        with zipfile.ZipFile(self.xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in parts.items():
                archive.writestr(name, body)
        return self.xlsx

    def run(self, code: int, lang: str = "en", file: Path | None = None) -> tuple[str, str]:
        start = time.monotonic()
        out, err = run_both(
            "import",
            str(file or self.xlsx),
            "--data-dir",
            str(self.data),
            "--as-of",
            "2027-12-31",
            "--lang",
            lang,
            "-o",
            str(self.output),
            code=code,
        )
        assert time.monotonic() - start < 5, "the import took too long"
        assert "X901" not in out + err and "Traceback" not in out + err
        assert not self.output.exists() and not self.output.parent.exists(), "a file was written"
        return out, err


def target_row(book: Any, target: str = "nha-tre-huy-dong") -> int:
    sheet = book["Chỉ tiêu"]
    for row in range(5, sheet.max_row + 1):
        if sheet[f"B{row}"].value == target:
            return row
    raise AssertionError(target)


def _sheet_xml(parts: dict[str, bytes]) -> str:
    return parts[TARGETS_PART].decode("utf-8")


# -- cells ---------------------------------------------------------------------------------


def test_a_formula_without_a_saved_value_names_its_cell(case: Case) -> None:
    rows: list[int] = []

    def change(book: Any) -> None:
        rows.append(target_row(book))
        book["Chỉ tiêu"][f"D{rows[0]}"] = "=40+0.1"  # openpyxl saves no value for it

    case.book(change)
    out, err = case.run(code=1, lang="vi")
    assert f"Chỉ tiêu!D{rows[0]}: error Y131 Công thức chưa có giá trị" in out
    assert "lưu lại trong Excel" in out and "chưa ghi tệp" in err
    out, _ = case.run(code=1)
    assert f"Chỉ tiêu!D{rows[0]}: error Y131 Formula without a saved value" in out


def _formula(row: int, formula: str, saved: str, calculated: bool) -> Callable[..., None]:
    """Put ``formula`` saved as ``saved`` in column D of ``row``; with ``calculated``, the
    workbook no longer asks to be recalculated when opened, as Excel saves it.
    """

    def change(parts: dict[str, bytes]) -> None:
        cell = re.compile(rf'<c r="D{row}"((?: [st]="[^"]*")*)\s*(?:/>|></c>)')
        written = rf'<c r="D{row}"\1><f>{formula}</f><v>{saved}</v></c>'
        xml, count = cell.subn(written, _sheet_xml(parts))
        assert count == 1
        parts[TARGETS_PART] = xml.encode("utf-8")
        if calculated:
            main = parts["xl/workbook.xml"].decode("utf-8")
            assert ' fullCalcOnLoad="1"' in main  # what openpyxl writes
            parts["xl/workbook.xml"] = main.replace(' fullCalcOnLoad="1"', "").encode()

    return change


def test_a_formula_with_its_saved_value_is_read(case: Case) -> None:
    """What Excel writes: the formula and the value it last computed, once calculated."""
    row = target_row(openpyxl.load_workbook(io.BytesIO(case.template)))
    base = case.book(lambda book: None).read_bytes()
    case.parts(_formula(row, "40+0.1", "40.1", calculated=True), base)
    case.output = case.output.parent.parent / "ok.yaml"
    out, err = run_both(
        "import",
        str(case.xlsx),
        "--data-dir",
        str(case.data),
        "--as-of",
        "2027-12-31",
        "--lang",
        "en",
        "-o",
        str(case.output),
        code=0,
    )
    assert "value: 40.1" in case.output.read_text(encoding="utf-8"), out + err


def test_a_stale_formula_value_names_the_cell_to_retype(case: Case) -> None:
    """``=38+0`` saved as 12 in a workbook set to recalculate when opened (the template's
    own setting): Excel would show 38, so neither figure is taken.
    """
    row = target_row(openpyxl.load_workbook(io.BytesIO(case.template)))
    base = case.book(lambda book: None).read_bytes()
    case.parts(_formula(row, "38+0", "12", calculated=False), base)
    out, err = case.run(code=1)
    assert f"Chỉ tiêu!D{row}: error Y140 Formula saved with the value 12, but" in out
    assert "type the value in place of the formula" in out and "value: 12" not in out + err
    out, _ = case.run(code=1, lang="vi")
    assert f"Chỉ tiêu!D{row}: error Y140 Công thức có giá trị đã lưu 12" in out


@pytest.mark.parametrize(
    ("calculation", "stale"),
    [
        ('<calcPr calcId="191029"/>', False),  # Excel, after calculating
        ('<calcPr calcId="124519" fullCalcOnLoad="1"/>', True),  # openpyxl
        ('<calcPr fullCalcOnLoad="true"/>', True),
        ('<calcPr calcMode="manual"/>', False),  # by hand, but calculated when saved
        ('<calcPr calcMode="manual" calcOnSave="0"/>', True),
        ("", False),
    ],
)
def test_which_workbooks_may_hold_stale_values(calculation: str, stale: bool) -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    found = guard._Collector("calcPr", ("fullCalcOnLoad", "calcMode", "calcOnSave"))
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = found.start
    parser.Parse(f'<workbook xmlns="{main}">{calculation}</workbook>', True)
    assert any(guard._stale(attrs) for attrs in found.found) is stale


def test_findings_about_cells_are_capped(case: Case) -> None:
    """Every figure cell ambiguous: the first 100 are listed, then Y119 where reading stopped."""
    cells: list[str] = []

    def change(book: Any) -> None:
        sheet = book["Chỉ tiêu"]
        for row in range(5, sheet.max_row + 1):
            for column in "DKL":
                sheet[f"{column}{row}"] = "1.234"
                cells.append(f"Chỉ tiêu!{column}{row}")

    case.book(change)
    assert len(cells) > workbook.MAX_CELL_PROBLEMS
    out, err = case.run(code=1)
    lines = out.splitlines()
    ambiguous = [line for line in lines if " Y138 " in line]
    assert [line.split(":")[0] for line in ambiguous] == cells[: workbook.MAX_CELL_PROBLEMS]
    stopped = cells[workbook.MAX_CELL_PROBLEMS]
    assert f"{stopped}: error Y119 More than {workbook.MAX_CELL_PROBLEMS} problems" in out
    assert len(lines) < 2 * workbook.MAX_CELL_PROBLEMS and "nothing written" in err


def test_a_text_cell_over_the_limit_names_its_cell(case: Case) -> None:
    """Excel (and openpyxl) cut a cell at 32,767 characters: only a crafted file has more."""
    row = target_row(openpyxl.load_workbook(io.BytesIO(case.template)))
    base = case.book(lambda book: book["Chỉ tiêu"].__setitem__(f"D{row}", 36.1)).read_bytes()
    limit = workbook.MAX_CELL_CHARS

    def change(parts: dict[str, bytes]) -> None:
        cell = re.compile(rf'<c r="M{row}"((?: s="[^"]*")?)(?: t="\w+")?\s*(?:/>|></c>)')
        long = f'<c r="M{row}"\\1 t="inlineStr"><is><t>{"x" * (limit + 1)}</t></is></c>'
        xml, count = cell.subn(long, _sheet_xml(parts))
        assert count == 1
        parts[TARGETS_PART] = xml.encode("utf-8")

    case.parts(change, base)
    out, _ = case.run(code=1)
    assert f"Chỉ tiêu!M{row}: error Y132 " in out
    assert f"{limit + 1} characters, over the limit of {limit}" in out


def test_a_year_in_other_digits_is_not_read_as_a_year(case: Case) -> None:
    """ "２０２７" in the deliverable column stays text (an event id, refused), not 2027."""
    rows: list[int] = []

    def change(book: Any) -> None:
        sheet = book["Nhiệm vụ"]
        rows.append(next(r for r in range(5, sheet.max_row + 1) if sheet[f"C{r}"].value == PERIOD))
        sheet[f"C{rows[0]}"] = "２０２７"
        sheet[f"H{rows[0]}"] = "Đang thực hiện"

    case.book(change)
    out, _ = case.run(code=1)
    assert re.search(rf"^Nhiệm vụ!C{rows[0]}: error S209 ", out, re.M), out


def test_a_control_character_in_a_cell_names_its_cell(case: Case) -> None:
    """XML lets a cell hold a C1 control (CSI, U+009B, a terminal escape): Y123 at the cell."""
    row = target_row(openpyxl.load_workbook(io.BytesIO(case.template)))
    base = case.book(lambda book: book["Chỉ tiêu"].__setitem__(f"D{row}", 36.1)).read_bytes()

    def change(parts: dict[str, bytes]) -> None:
        cell = re.compile(rf'<c r="M{row}"((?: s="[^"]*")?)(?: t="\w+")?\s*(?:/>|></c>)')
        escaped = rf'<c r="M{row}"\1 t="inlineStr"><is><t>ghi &#x9B;31m chú</t></is></c>'
        xml, count = cell.subn(escaped, _sheet_xml(parts))
        assert count == 1
        parts[TARGETS_PART] = xml.encode("utf-8")

    case.parts(change, base)
    out, _ = case.run(code=1)
    assert f"Chỉ tiêu!M{row}: error Y123 " in out and "U+009B" in out, out


def test_a_six_megabyte_cell_in_a_small_workbook_is_refused_unread(case: Case) -> None:
    def change(parts: dict[str, bytes]) -> None:
        xml = _sheet_xml(parts)
        big = "x" * (6 * 1024 * 1024)
        xml = xml.replace("</sheetData>", f'<row r="60"><c r="M60" t="inlineStr"><is><t>{big}'
                          "</t></is></c></row></sheetData>")  # fmt: skip
        parts[TARGETS_PART] = xml.encode("utf-8")

    path = case.parts(change)
    assert path.stat().st_size < 100_000
    _, err = case.run(code=2)
    assert "Y128" in err and TARGETS_PART in err and str(guard.MAX_UNPACKED_BYTES) in err


# -- rows ------------------------------------------------------------------------------------


def test_a_million_rows_declared_are_refused_at_once(case: Case) -> None:
    def change(parts: dict[str, bytes]) -> None:
        xml = re.sub(
            r'<dimension ref="[^"]*"/>', '<dimension ref="A1:D1000000"/>', _sheet_xml(parts)
        )
        parts[TARGETS_PART] = xml.encode("utf-8")

    case.parts(change)
    _, err = case.run(code=2)
    assert "Y130" in err and "'Chỉ tiêu'" in err and "1000000" in err
    assert str(guard.MAX_SHEET_ROWS) in err


def test_rows_streamed_past_the_limit_are_refused(case: Case) -> None:
    count = guard.MAX_SHEET_ROWS + 10

    def change(parts: dict[str, bytes]) -> None:
        xml = _sheet_xml(parts)
        xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
        extra = "".join(f'<row><c t="n"><v>{i}</v></c></row>' for i in range(count))
        parts[TARGETS_PART] = xml.replace("</sheetData>", extra + "</sheetData>").encode()

    case.parts(change)
    _, err = case.run(code=2, lang="vi")
    assert "Y130" in err and "Trang tính 'Chỉ tiêu'" in err and str(guard.MAX_SHEET_ROWS) in err


def test_a_million_row_workbook_written_by_hand_is_refused_quickly(tmp_path: Path) -> None:
    """A minimal .xlsx whose one sheet streams a million rows: refused from its size."""
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    xlsx = tmp_path / "big.xlsx"
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            row = b'<row><c t="n"><v>1</v></c></row>'
            for _ in range(10):
                sheet.write(row * 100_000)
            sheet.write(b"</sheetData></worksheet>")
    start = time.monotonic()
    _, err = run_both("import", str(xlsx), "--data-dir", str(data), "--lang", "en", code=2)
    assert time.monotonic() - start < 2
    assert "Y128" in err and "xl/worksheets/sheet1.xml" in err
    assert not list((data / "progress").glob("*/big.yaml"))


# -- damaged parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "change", "part", "detail"),
    [
        (
            "truncated-sheet",
            lambda p: p.__setitem__(TARGETS_PART, p[TARGETS_PART][: len(p[TARGETS_PART]) // 2]),
            TARGETS_PART,
            "line 1",
        ),
        ("missing-styles", lambda p: p.pop(STYLES_PART), STYLES_PART, "missing"),
        (
            "undefined-entity",
            lambda p: p.__setitem__(
                TARGETS_PART, p[TARGETS_PART].replace(b"<sheetData>", b"<sheetData>&nope;", 1)
            ),
            TARGETS_PART,
            "undefined entity",
        ),
        (
            "entity-expansion",
            lambda p: p.__setitem__(
                STYLES_PART,
                b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><styleSheet>&b;</styleSheet>',
            ),
            STYLES_PART,
            "DTD",
        ),
        ("missing-workbook", lambda p: p.pop("xl/workbook.xml"), "xl/workbook.xml", "missing"),
        (
            "not-xml",
            lambda p: p.__setitem__("xl/workbook.xml", b"\x00\x01binary"),
            "xl/workbook.xml",
            "line 1",
        ),
    ],
)
def test_a_damaged_part_is_named(
    case: Case, name: str, change: Callable[[dict[str, bytes]], None], part: str, detail: str
) -> None:
    case.parts(change)
    _, err = case.run(code=2)
    assert "Y127" in err and part in err and detail in err, err
    assert "save it again in Excel" in err


def test_a_zip_with_a_bad_checksum_is_named(case: Case) -> None:
    path = case.parts(lambda parts: None)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        info = archive.getinfo(STYLES_PART)
    # flip a byte of the stored CRC in the local header and the central directory
    for at in (m.start() for m in re.finditer(re.escape(info.CRC.to_bytes(4, "little")), raw)):
        raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))
    _, err = case.run(code=2)
    assert "Y127" in err and STYLES_PART in err


def test_a_zip_bomb_is_refused_from_its_directory(case: Case) -> None:
    def change(parts: dict[str, bytes]) -> None:
        parts["xl/media/bomb.bin"] = b"\x00" * (guard.MAX_UNPACKED_BYTES + 1)

    path = case.parts(change)
    assert path.stat().st_size < 200_000
    _, err = case.run(code=2, lang="vi")
    assert "Y128" in err and "xl/media/bomb.bin" in err and "giải nén" in err


def test_too_many_parts_are_refused(case: Case) -> None:
    def change(parts: dict[str, bytes]) -> None:
        for i in range(guard.MAX_WORKBOOK_PARTS):
            parts[f"xl/media/p{i}.bin"] = b""

    case.parts(change)
    _, err = case.run(code=2)
    assert "Y129" in err and str(guard.MAX_WORKBOOK_PARTS) in err


def test_a_compression_excel_does_not_use_is_refused(case: Case) -> None:
    with zipfile.ZipFile(io.BytesIO(case.template)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(case.xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            kind = zipfile.ZIP_BZIP2 if name == STYLES_PART else zipfile.ZIP_DEFLATED
            archive.writestr(name, body, compress_type=kind)
    _, err = case.run(code=2)
    assert "Y127" in err and STYLES_PART in err and "compression" in err


# -- the file itself -------------------------------------------------------------------------


def test_a_directory_is_refused(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    _, err = case.run(code=2, file=folder)
    assert "Y115" in err and "folder.xlsx" in err and "is a directory" in err


def test_a_missing_file_is_refused(case: Case, tmp_path: Path) -> None:
    _, err = case.run(code=2, file=tmp_path / "nowhere.xlsx")
    assert "Y112" in err and "nowhere.xlsx" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(case: Case, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    _, err = case.run(code=2, file=fifo)
    assert "Y118" in err and "pipe.xlsx" in err


def test_a_file_over_the_size_limit_is_refused_unread(case: Case, tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:  # sparse: no disk used
        handle.truncate(guard.MAX_WORKBOOK_BYTES + 1)
    _, err = case.run(code=2, file=big)
    assert "Y107" in err and str(guard.MAX_WORKBOOK_BYTES) in err


def test_a_report_over_the_data_file_limit_is_not_written(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The YAML made must be readable by ``validate``: within ``MAX_FILE_BYTES``."""

    def change(book: Any) -> None:
        sheet = book["Chỉ tiêu"]
        for row in range(5, sheet.max_row + 1):
            sheet[f"M{row}"] = "ghi chú " * 100

    case.book(change)
    monkeypatch.setattr(workbook, "MAX_REPORT_BYTES", 10_000)
    _, err = case.run(code=2)
    assert "Y107" in err and "10000" in err


def test_the_limits_match_the_data_file_limits() -> None:
    from kh284.load.exact import MAX_FILE_BYTES

    assert guard.MAX_WORKBOOK_BYTES == MAX_FILE_BYTES
    assert guard.MAX_UNPACKED_BYTES == MAX_FILE_BYTES
    assert workbook.MAX_REPORT_BYTES == MAX_FILE_BYTES
    assert workbook.MAX_CELL_CHARS == 32_767  # Excel's own limit for one cell
