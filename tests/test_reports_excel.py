"""Excel in and out: the unit template, its import, and ``report --format xlsx``.

The round trip: ``template`` → cells filled programmatically → ``import`` → ``check``
shows the filled values.  Text in a number column is an error that names its cell.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, run_both, run_json

openpyxl = pytest.importorskip("openpyxl")

PERIOD = "2027"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEMO, copy)
    return copy


def make_template(data: Path, unit: str = "so-gddt") -> Path:
    out = data.parent / f"{unit}-{PERIOD}.xlsx"
    run_both(
        "template",
        "--unit",
        unit,
        "--period",
        PERIOD,
        "--data-dir",
        str(data),
        "--output",
        str(out),
    )
    return out


def row_of(sheet: Any, column: str, value: str, area: str | None = None) -> int:
    for row in range(5, sheet.max_row + 1):
        if sheet[f"{column}{row}"].value == value and (
            area is None or sheet[f"J{row}"].value == area
        ):
            return row
    raise AssertionError(f"{value} not in {sheet.title}")


def fill(
    path: Path, targets: dict[tuple[str, str], object], tasks: dict[str, tuple[Any, ...]]
) -> None:
    book = openpyxl.load_workbook(path)
    info = book["Thông tin"]
    info["B7"] = dt.date(2027, 12, 10)
    info["B8"] = "Báo cáo số 1/BC-SGDĐT (thử nghiệm)"
    sheet = book["Chỉ tiêu"]
    for (target, area), value in targets.items():
        sheet[f"D{row_of(sheet, 'B', target, area)}"] = value
    sheet = book["Nhiệm vụ"]
    for task, (status, done, evidence) in tasks.items():
        row = row_of(sheet, "B", task)
        sheet[f"H{row}"], sheet[f"I{row}"], sheet[f"J{row}"] = status, done, evidence
    book.save(path)


def test_template_lists_what_the_unit_reports(data: Path) -> None:
    book = openpyxl.load_workbook(make_template(data))
    assert book.sheetnames[:3] == ["Thông tin", "Chỉ tiêu", "Nhiệm vụ"]
    assert book["kh284"].sheet_state == "hidden"
    sheet = book["Chỉ tiêu"]
    heads = [c.value for c in sheet[4]]
    assert heads[:5] == ["STT", "Mã chỉ tiêu", "Tên chỉ tiêu", "Giá trị năm 2027", "Đơn vị tính"]
    assert "Giá trị kỳ trước" in heads
    row = row_of(sheet, "B", "nha-tre-huy-dong")
    assert sheet[f"E{row}"].value == "%"
    assert (sheet[f"F{row}"].value, sheet[f"G{row}"].value) == (34.5, 2026)
    assert sheet.protection.sheet and sheet.freeze_panes == "D5"
    assert sheet["B4"].protection.locked and not sheet[f"D{row}"].protection.locked
    district = row_of(sheet, "B", "pcgd-thcs-muc-2-huyen", "ba-be")
    assert (
        sheet[f"E{district}"].value == "mức độ (0-3)"
        and sheet[f"I{district}"].value == "huyện Ba Bể"
    )
    tasks = book["Nhiệm vụ"]
    assert tasks.protection.sheet and tasks.freeze_panes == "E5"
    lists = [v for v in tasks.data_validations.dataValidation if v.type == "list"]
    assert lists and "Hoàn thành" in lists[0].formula1 and "H5" in str(lists[0].sqref)
    assert row_of(tasks, "B", "PL-13")


def test_a_district_gets_only_its_own_area(data: Path) -> None:
    book = openpyxl.load_workbook(make_template(data, "ba-be"))
    sheet = book["Chỉ tiêu"]
    areas = {sheet[f"J{r}"].value for r in range(5, sheet.max_row + 1)}
    assert areas == {"ba-be"}


def test_round_trip_template_import_check(data: Path) -> None:
    xlsx = make_template(data)
    fill(
        xlsx,
        {
            ("nha-tre-huy-dong", "bac-kan"): 36.1,
            ("tot-nghiep-thpt", "bac-kan"): 98.2,
            ("pcgd-thcs-muc-2-huyen", "ngan-son"): 2,
            ("pcgd-thcs-muc-2-huyen", "pac-nam"): 2,
        },
        {"PL-13": ("Hoàn thành", dt.date(2027, 3, 1), "Quyết định số 9/QĐ-UBND (thử nghiệm)")},
    )
    out, err = run_both("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31")
    written = data / "progress" / PERIOD / f"so-gddt-{PERIOD}.yaml"
    assert out == "" and str(written) in err
    text = written.read_text(encoding="utf-8")
    assert text.startswith(f"# Nhập từ so-gddt-{PERIOD}.xlsx bằng kh284 import.")
    result = run_json("check", "--data-dir", str(data), "--as-of", "2027-12-31", code=None)
    targets = {t["id"]: t for t in result["targets"]}
    assert (targets["nha-tre-huy-dong"]["value"], targets["nha-tre-huy-dong"]["year"]) == (
        36.1,
        2027,
    )
    assert targets["tot-nghiep-thpt"]["value"] == 98.2
    district = [
        h["value"] for h in targets["pcgd-thcs-muc-2-huyen"]["history"] if h["year"] == 2027
    ]
    assert district == [2, 2]
    task = next(t for t in result["tasks"] if t["id"] == "PL-13")
    assert (task["status"], task["completed_on"]) == ("done_on_time", "2027-03-01")
    mine = [d for d in result["diagnostics"] if d["file"].endswith(f"so-gddt-{PERIOD}.yaml")]
    assert mine == []
    # an existing report is never replaced unasked
    _, err = run_both("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31", code=2)
    assert "--force" in err and written.read_text(encoding="utf-8") == text
    run_both("import", str(xlsx), "--data-dir", str(data), "--as-of", "2027-12-31", "--force")


def test_text_in_a_number_cell_names_the_cell(data: Path) -> None:
    xlsx = make_template(data)
    fill(
        xlsx,
        {("nha-tre-huy-dong", "bac-kan"): "97,4", ("mau-giao-huy-dong", "bac-kan"): "nhiều"},
        {},
    )
    sheet = openpyxl.load_workbook(xlsx)["Chỉ tiêu"]
    comma, text = row_of(sheet, "B", "nha-tre-huy-dong"), row_of(sheet, "B", "mau-giao-huy-dong")
    output = data.parent / "out.yaml"
    out, err = run_both(
        "import",
        str(xlsx),
        "--data-dir",
        str(data),
        "--output",
        str(output),
        "--lang",
        "en",
        code=1,
    )
    lines = out.splitlines()
    assert any(
        line.startswith(f"Chỉ tiêu!D{comma}: error S207 ") and "97.4" in line for line in lines
    )
    assert any(line.startswith(f"Chỉ tiêu!D{text}: error S203 ") for line in lines)
    assert not output.exists() and "nothing written" in err


def test_missing_date_and_a_bad_status_name_their_cells(data: Path) -> None:
    xlsx = make_template(data)
    fill(xlsx, {}, {"PL-13": ("xong rồi", None, None)})
    book = openpyxl.load_workbook(xlsx)
    book["Thông tin"]["B7"] = None
    book.save(xlsx)
    row = row_of(book["Nhiệm vụ"], "B", "PL-13")
    out, _ = run_both(
        "import", str(xlsx), "--data-dir", str(data), "-o", str(data.parent / "x.yaml"), code=1
    )
    assert any(line.startswith("Thông tin!B7: error S202 ") for line in out.splitlines())
    assert any(line.startswith(f"Nhiệm vụ!H{row}: error S204 ") for line in out.splitlines())


def test_a_conflict_with_an_existing_report_names_the_cell(data: Path) -> None:
    xlsx = data.parent / "t.xlsx"
    run_both(
        "template",
        "--unit",
        "so-gddt",
        "--period",
        "2026",
        "--data-dir",
        str(data),
        "-o",
        str(xlsx),
    )
    fill(xlsx, {("nha-tre-huy-dong", "bac-kan"): 30.0}, {})
    book = openpyxl.load_workbook(xlsx)
    book["Thông tin"]["B7"] = dt.date(2026, 12, 20)
    book.save(xlsx)
    row = row_of(book["Chỉ tiêu"], "B", "nha-tre-huy-dong")
    out, _ = run_both("import", str(xlsx), "--data-dir", str(data), "--as-of", "2026-12-31", code=1)
    assert any(line.startswith(f"Chỉ tiêu!D{row}: error D503 ") for line in out.splitlines())


def test_import_refuses_a_file_that_is_not_a_template(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    _, err = run_both("import", str(other), "--data-dir", str(DEMO), "--lang", "en", code=2)
    assert "not a template" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    _, err = run_both("import", str(broken), "--data-dir", str(DEMO), "--lang", "en", code=2)
    assert "cannot read" in err


def test_status_workbook_matches_check(tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        "2026-12-31",
        "--format",
        "xlsx",
        "--output",
        str(out),
        code=1,
    )
    result = run_json("check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", code=1)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng quan", "Chỉ tiêu", "Nhiệm vụ", "Số liệu"]
    overview = {r[0]: r[1] for r in book["Tổng quan"].iter_rows(values_only=True) if r and r[0]}
    assert overview["Tỷ lệ hoàn thành nhiệm vụ đã đến hạn"] == result["headline"]["completion_rate"]
    targets = list(book["Chỉ tiêu"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in targets] == [t["id"] for t in result["targets"]]
    assert [r[6] for r in targets] == [t["value"] for t in result["targets"]]
    assert book["Chỉ tiêu"].max_row == len(result["targets"]) + 1
    assert book["Nhiệm vụ"].max_row == len(result["tasks"]) + 1
    figures = sum(len(t["history"]) for t in result["targets"])
    assert book["Số liệu"].max_row == figures + 1
