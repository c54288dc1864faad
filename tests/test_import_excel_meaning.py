"""``kh284 import`` reports every finding it can in one run.

A row that fails the form checks (S2xx: a status typed by hand, a figure that is text) is
left out of the checks across the data (D5xx), and the rest of the workbook is checked
completely, each finding at the cell it came from, even when rows before it were left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import dated_book, demo_template, run_both

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return demo_template(tmp_path_factory.mktemp("import-meaning"), "2027")


def _import(pristine: tuple[Path, bytes], tmp_path: Path, change: Any) -> tuple[str, str]:
    data, template = pristine
    book = dated_book(template)
    change(book)
    xlsx = tmp_path / "so-gddt.xlsx"
    book.save(xlsx)
    output = tmp_path / "out" / "report.yaml"
    args = ("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31")
    out, err = run_both(*args, "--lang", "en", "-o", str(output), code=1)
    assert not output.exists()
    return out, err


def _percent_rows(book: Any) -> list[int]:
    """Rows of sheet Chỉ tiêu whose value is a percentage (unit %), in order."""
    sheet = book["Chỉ tiêu"]
    return [r for r in range(5, sheet.max_row + 1) if sheet[f"E{r}"].value == "%"]


def test_a_status_typed_by_hand_and_a_rate_over_100_are_both_reported(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    rows: list[int] = []

    def change(book: Any) -> None:
        rows.append(_percent_rows(book)[0])
        book["Chỉ tiêu"][f"D{rows[0]}"] = 104
        book["Nhiệm vụ"]["H5"] = "xong rồi"

    out, err = _import(pristine, tmp_path, change)
    assert "Nhiệm vụ!H5: error S204" in out and "'xong rồi'" in out
    assert f"Chỉ tiêu!D{rows[0]}: error D506" in out and "104" in out
    assert "2 errors" in err


def test_findings_after_a_row_left_out_point_at_their_own_row(
    pristine: tuple[Path, bytes], tmp_path: Path
) -> None:
    """The first figure is text (S203), the third over 100 (D506): D506 names the third."""
    rows: list[int] = []

    def change(book: Any) -> None:
        first, _, third, *_ = _percent_rows(book)
        rows.extend([first, third])
        book["Chỉ tiêu"][f"D{first}"] = "nhiều"
        book["Chỉ tiêu"][f"D{third}"] = 104.5

    out, _ = _import(pristine, tmp_path, change)
    assert f"Chỉ tiêu!D{rows[0]}: error S203" in out
    assert f"Chỉ tiêu!D{rows[1]}: error D506" in out
    assert out.count("D506") == 1
