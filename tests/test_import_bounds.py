"""``kh284 import`` bounds a workbook's sheets before openpyxl sees them.

Each attack is built into a copy of a real template (the demo's so-gddt, written by
``kh284 template``): a merge or a hyperlink over the whole sheet, a cell whose own
reference lies a million rows below its ``<row>``, a reference at row 10⁹, conditional
formats and validations over whole columns, a shared-string table too large, and one
32,000-character shared string referenced by every row.  Each is refused in bounded time
(under 10 s) with a stable code, the sheet and the cell or range, in both languages, and
nothing is written.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import dated_book, demo_template, run_both

openpyxl = pytest.importorskip("openpyxl")

from kh284.reports import xlsx_guard as guard  # noqa: E402  (needs the reports extra)

TARGETS_PART = "xl/worksheets/sheet2.xml"  # sheet "Chỉ tiêu" of a template openpyxl wrote
STRINGS_PART = "xl/sharedStrings.xml"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return demo_template(tmp_path_factory.mktemp("import-bounds"), "2027")


def _refused(
    pristine: tuple[Path, bytes],
    tmp_path: Path,
    change: Callable[[dict[str, bytes]], None],
    lang: str = "en",
) -> str:
    """Import the template changed by ``change(parts)``: exit 2, fast, nothing written."""
    data, template = pristine
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    xlsx = tmp_path / "so-gddt.xlsx"
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    output = tmp_path / "out" / "report.yaml"
    before = sorted(p for p in data.rglob("*"))
    start = time.monotonic()
    out, err = run_both(
        "import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31",
        "--lang", lang, "-o", str(output), code=2,
    )  # fmt: skip
    assert time.monotonic() - start < 10, "the refusal took too long"
    assert "Traceback" not in out + err and "X901" not in out + err
    assert not output.parent.exists(), "a file was written"
    assert sorted(p for p in data.rglob("*")) == before, "the data directory changed"
    return err


def _sheet(parts: dict[str, bytes], change: Callable[[str], str]) -> None:
    parts[TARGETS_PART] = change(parts[TARGETS_PART].decode("utf-8")).encode("utf-8")


def _after_data(xml: str, element: str) -> str:
    """``element`` placed right after ``</sheetData>`` (where merges and links go)."""
    return xml.replace("</sheetData>", "</sheetData>" + element, 1)


def merge_over_the_sheet(parts: dict[str, bytes]) -> None:
    merge = '<mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells>'
    _sheet(parts, lambda xml: _after_data(xml, merge))


def hyperlink_over_the_sheet(parts: dict[str, bytes]) -> None:
    link = '<hyperlinks><hyperlink ref="A1:XFD1048576" location="A1"/></hyperlinks>'
    _sheet(parts, lambda xml: _after_data(xml, link))


def test_a_merge_over_the_whole_sheet_is_refused(pristine: tuple[Path, bytes], tmp_path: Path):
    err = _refused(pristine, tmp_path, merge_over_the_sheet)
    assert "Y134" in err and "'Chỉ tiêu'" in err and "B2:XFD1048576" in err
    assert "merged cells" in err and str(guard.MAX_SHEET_ROWS) in err


def test_a_hyperlink_over_the_whole_sheet_is_refused(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    err = _refused(pristine, tmp_path, hyperlink_over_the_sheet, "vi")
    assert "Y134" in err and "Trang tính 'Chỉ tiêu'" in err and "A1:XFD1048576" in err
    assert "liên kết" in err


def test_many_small_merges_are_refused_by_their_area(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """Each merge within the sheet's bounds, together beyond what openpyxl should build."""
    count = guard.MAX_RANGE_CELLS // (guard.MAX_SHEET_ROWS * 10) + 2
    merges = "".join(f'<mergeCell ref="A1:J{guard.MAX_SHEET_ROWS}"/>' for _ in range(count))
    element = f'<mergeCells count="{count}">{merges}</mergeCells>'
    err = _refused(pristine, tmp_path, lambda p: _sheet(p, lambda x: _after_data(x, element)))
    assert "Y134" in err and str(guard.MAX_RANGE_CELLS) in err


@pytest.mark.parametrize(
    ("element", "words"),
    [
        (
            '<conditionalFormatting sqref="D5:D10 D1:D1048576"><cfRule type="expression"'
            ' priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>',
            "conditional format",
        ),
        (
            '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1">'
            "<formula1>0</formula1></dataValidation></dataValidations>",
            "data validation",
        ),
    ],
)
def test_formats_and_validations_over_whole_columns_are_refused(
    pristine: tuple[Path, bytes], tmp_path: Path, element: str, words: str
) -> None:
    err = _refused(pristine, tmp_path, lambda p: _sheet(p, lambda x: _after_data(x, element)))
    assert "Y134" in err and words in err and "'Chỉ tiêu'" in err


def cell_far_below_its_row(parts: dict[str, bytes]) -> None:
    """``<row r="57">`` holding the cell B1048576."""

    def change(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
        xml = re.sub(r'<row r="57"[^>]*>.*?</row>|<row r="57"[^>]*/>', "", xml, flags=re.S)
        row = '<row r="57"><c r="B1048576" t="n"><v>1</v></c></row>'
        return xml.replace("</sheetData>", row + "</sheetData>", 1)

    _sheet(parts, change)


def reference_at_row_a_billion(parts: dict[str, bytes]) -> None:
    _sheet(parts, lambda xml: re.sub(r'<c r="B5"', '<c r="B1000000000"', xml, count=1))


def test_a_cell_far_below_its_row_is_refused(pristine: tuple[Path, bytes], tmp_path: Path):
    """``<row r="57">`` says nothing about where the cell is: its own reference does."""
    err = _refused(pristine, tmp_path, cell_far_below_its_row)
    assert "Y133" in err and "'Chỉ tiêu'" in err and "B1048576" in err
    assert f"{guard.MAX_SHEET_ROWS} rows and {guard.MAX_SHEET_COLUMNS} columns" in err


@pytest.mark.parametrize("ref", ["B1000000000", "XFD5", "B99999999999999999999"])
def test_a_reference_out_of_any_bound_is_refused(
    pristine: tuple[Path, bytes], tmp_path: Path, ref: str
) -> None:
    def change(xml: str) -> str:
        return re.sub(r'<c r="B5"', f'<c r="{ref}"', xml, count=1)

    err = _refused(pristine, tmp_path, lambda p: _sheet(p, change), "vi")
    assert "Y133" in err and "Trang tính 'Chỉ tiêu'" in err and ref[:12] in err


def _shared_strings(parts: dict[str, bytes], strings: str) -> None:
    """Give the workbook a shared-string table, declared as Excel declares it."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts[STRINGS_PART] = f'<sst xmlns="{main}">{strings}</sst>'.encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    types = parts["[Content_Types].xml"].decode("utf-8")
    override = f'<Override PartName="/{STRINGS_PART}" ContentType="{kind}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    relation = f'<Relationship Type="{rel_type}" Target="sharedStrings.xml" Id="rId99"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", relation + "</Relationships>"
    ).encode()


def long_shared_string_in_every_row(parts: dict[str, bytes]) -> None:
    """32,000 characters, 2,000 references: 64 million characters from 40 KB of XML."""
    _shared_strings(parts, "<si><t>short</t></si><si><t>" + "x" * 32_000 + "</t></si>")
    rows = "".join(
        f'<row r="{r}"><c r="N{r}" t="s"><v>1</v></c></row>'
        for r in range(1, guard.MAX_SHEET_ROWS + 1)
    )
    xml = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    parts[TARGETS_PART] = f"{xml}<sheetData>{rows}</sheetData></worksheet>".encode()


def test_a_long_shared_string_referenced_by_every_row_is_refused(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    err = _refused(pristine, tmp_path, long_shared_string_in_every_row)
    assert "Y136" in err and "'Chỉ tiêu'" in err and str(guard.MAX_SHARED_EXPANSION) in err
    limit_row = guard.MAX_SHARED_EXPANSION // 32_000 + 1
    assert f"cell N{limit_row} " in err


def test_too_many_shared_strings_are_refused(pristine: tuple[Path, bytes], tmp_path: Path):
    def change(parts: dict[str, bytes]) -> None:
        _shared_strings(parts, "<si><t/></si>" * (guard.MAX_SHARED_STRINGS + 1))

    err = _refused(pristine, tmp_path, change)
    assert "Y135" in err and STRINGS_PART in err and str(guard.MAX_SHARED_STRINGS) in err


#: The attacks of issue 23, each to be refused within 10 s and 500 MB.
ATTACKS = {
    "merge": (merge_over_the_sheet, "Y134"),
    "hyperlink": (hyperlink_over_the_sheet, "Y134"),
    "row 1,048,576 in a low row": (cell_far_below_its_row, "Y133"),
    "row 10^9": (reference_at_row_a_billion, "Y133"),
    "one long shared string": (long_shared_string_in_every_row, "Y136"),
}
#: The bounds of issue 23: a refusal within 10 s, using at most 500 MB.
MAX_SECONDS, MAX_MEGABYTES = 10, 500
#: Runs each import given (a JSON list of argument lists) through the CLI, in order, and
#: prints for each its exit code, seconds, the process's peak memory so far (KB) and output.
MEASURE = """
import json, resource, sys, time
from typer.testing import CliRunner
from kh284.cli.app import app
found = []
for args in json.loads(sys.argv[1]):
    start = time.monotonic()
    result = CliRunner().invoke(app, args)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found.append([result.exit_code, time.monotonic() - start, peak, result.stderr])
print(json.dumps(found))
"""


def test_each_attack_is_refused_within_time_and_memory(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """In a fresh interpreter, so that its peak memory is the imports' own: the peak after
    each attack is at most 500 MB, so every attack stayed under it."""
    data, template = pristine
    runs, outputs = [], []
    for i, attack in enumerate(sorted(ATTACKS)):
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        ATTACKS[attack][0](parts)
        xlsx = tmp_path / f"attack-{i}.xlsx"
        with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in parts.items():
                archive.writestr(name, body)
        outputs.append(tmp_path / f"out-{i}" / "report.yaml")
        runs.append(
            ["import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31",
             "--lang", "en", "-o", str(outputs[-1])]
        )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, json.dumps(runs)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(done.stdout)
    for attack, output, (code, seconds, peak, err) in zip(
        sorted(ATTACKS), outputs, results, strict=True
    ):
        assert code == 2 and ATTACKS[attack][1] in err and "Traceback" not in err, err
        assert seconds < MAX_SECONDS, f"{attack}: {seconds:.1f} s"
        assert peak / 1024 < MAX_MEGABYTES, f"{attack}: {peak / 1024:.0f} MB"
        assert not output.parent.exists(), f"{attack}: a file was written"


def test_the_real_template_is_within_every_bound(pristine: tuple[Path, bytes], tmp_path: Path):
    """The bounds refuse nothing Excel or kh284 writes for a real template."""
    _, template = pristine
    path = tmp_path / "t.xlsx"
    path.write_bytes(template)
    inspected = guard.inspect(path)
    assert inspected.raw == template and not any(inspected.formulas.values())


# -- where the report is written, and the names printed ----------------------------------------


def _filled(pristine: tuple[Path, bytes], tmp_path: Path, name: str = "so-gddt.xlsx") -> Path:
    """The template with the report's date and document filled in: it imports cleanly."""
    book = dated_book(pristine[1])
    sheet = book["Chỉ tiêu"]
    row = next(r for r in range(5, sheet.max_row + 1) if sheet[f"B{r}"].value == "nha-tre-huy-dong")
    sheet[f"D{row}"] = 40
    path = tmp_path / name
    book.save(path)
    return path


def _data_copy(pristine: tuple[Path, bytes], tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(pristine[0], data)
    return data


def _import(xlsx: Path, data: Path, code: int, lang: str = "en") -> tuple[str, str]:
    args = ("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31")
    return run_both(*args, "--lang", lang, code=code)


def test_the_report_is_written_in_its_year(pristine: tuple[Path, bytes], tmp_path: Path):
    data = _data_copy(pristine, tmp_path)
    _, err = _import(_filled(pristine, tmp_path), data, code=0)
    assert (data / "progress" / "2027" / "so-gddt.yaml").is_file() and "wrote" in err


@pytest.mark.parametrize("linked", ["progress", "progress/2027"])
def test_a_folder_linked_out_of_the_data_directory_is_refused(
    pristine: tuple[Path, bytes], tmp_path: Path, linked: str
) -> None:
    data = _data_copy(pristine, tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    link = data / linked
    if link.exists():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    _, err = _import(_filled(pristine, tmp_path), data, code=2)
    assert "Y113" in err and str(link) in err and "outside the data directory" in err
    assert list(outside.rglob("*")) == [], "a file was written outside the data directory"


def test_a_year_folder_linked_within_the_data_directory_is_refused(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """``validate`` does not follow such a link (Y121), so a report there would not count."""
    data = _data_copy(pristine, tmp_path)
    (data / "progress" / "2027-real").mkdir(parents=True)
    (data / "progress" / "2027").symlink_to(data / "progress" / "2027-real")
    _, err = _import(_filled(pristine, tmp_path), data, code=2, lang="vi")
    assert "Y121" in err and "liên kết" in err
    assert list((data / "progress" / "2027-real").iterdir()) == []


def test_the_workbook_name_is_printed_escaped(pristine: tuple[Path, bytes], tmp_path: Path):
    data = _data_copy(pristine, tmp_path)
    xlsx = _filled(pristine, tmp_path, "so\x1b]8;;x\x07-gddt.xlsx")
    out, err = _import(xlsx, data, code=0)
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b" in err and "wrote" in err
