"""``kh284 import`` speaks of the spreadsheet a person typed into, not of YAML.

A unit fills the Excel template: its findings name the cell, the column's heading, the
value typed and the drop-down's words ("Chưa thực hiện / Đang thực hiện / Hoàn thành"),
never a YAML path (``indicators.1.value``), a YAML key (``completed_on``) or a report
state (``in_progress``).  A report that contradicts an earlier one says which field
differs, on which task, and the file and line of the earlier report.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, run_both

openpyxl = pytest.importorskip("openpyxl")

#: Words of the YAML layer and of English that a Vietnamese import message must not hold.
FOREIGN = re.compile(
    r"\b(indicators|tasks|value|status|completed_on|reported_on|evidence|not_started|"
    r"in_progress|done|key|expected|wrong|missing|invalid|required|type|number|date)\b",
    re.IGNORECASE,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DEMO, copy)
    return copy


def template(data: Path, period: str) -> tuple[Path, Any]:
    out = data.parent / f"so-gddt-{period}.xlsx"
    args = ["template", "--unit", "so-gddt", "--period", period, "--data-dir", str(data)]
    run_both(*args, "--output", str(out))
    return out, openpyxl.load_workbook(out)


def row_of(sheet: Any, column: str, value: str) -> int:
    for row in range(5, sheet.max_row + 1):
        if sheet[f"{column}{row}"].value == value:
            return row
    raise AssertionError(f"{value} not in {sheet.title}")


def run_import(data: Path, xlsx: Path, *extra: str) -> list[str]:
    out, _ = run_both(
        "import",
        str(xlsx),
        "--data-dir",
        str(data),
        "-o",
        str(data.parent / "x.yaml"),
        "--as-of",
        "2026-12-31",
        *extra,
        code=1,
    )
    return out.splitlines()


def test_typing_mistakes_are_told_by_cell_heading_and_choices(data: Path) -> None:
    xlsx, book = template(data, "2026")
    book["Thông tin"]["B7"] = None  # the report date left empty
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    comma = row_of(targets, "B", "nha-tre-huy-dong")
    words = row_of(targets, "B", "mau-giao-huy-dong")
    targets[f"D{comma}"] = "1.234"  # text: a thousand and more, or a fraction?
    targets[f"D{words}"] = "nhiều"
    status, date = row_of(tasks, "B", "PL-09"), row_of(tasks, "B", "PL-13")
    tasks[f"H{status}"] = "xong rồi"
    tasks[f"H{date}"], tasks[f"I{date}"] = "Hoàn thành", "hôm qua"
    book.save(xlsx)
    lines = run_import(data, xlsx)
    assert lines == [
        f"Chỉ tiêu!D{comma}: error Y138 '1.234' có thể là 1234 hoặc 1,234; hãy gõ lại thành "
        "số, không dùng dấu phân cách hàng nghìn",
        "Thông tin!B7: error S202 «Ngày báo cáo (DD/MM/YYYY)»: ô này còn trống; cần điền",
        f"Chỉ tiêu!D{words}: error S203 «Giá trị năm 2026»: 'nhiều' không phải là số; ghi một "
        "số, ví dụ 97,4",
        f"Nhiệm vụ!H{status}: error S204 «Tình trạng»: 'xong rồi' không có trong danh sách; "
        "chọn một trong: Chưa thực hiện, Đang thực hiện, Hoàn thành",
        f"Nhiệm vụ!I{date}: error S205 «Ngày hoàn thành (DD/MM/YYYY)»: 'hôm qua' không phải là "
        "ngày; ghi ngày/tháng/năm, ví dụ 15/03/2026",
    ]
    for line in lines:
        assert not FOREIGN.search(line.split(" ", 3)[3]), line


def test_done_without_date_and_evidence_point_at_the_empty_cells(data: Path) -> None:
    xlsx, book = template(data, "2026")
    book["Thông tin"]["B7"] = dt.date(2026, 12, 20)
    tasks = book["Nhiệm vụ"]
    row = row_of(tasks, "B", "PL-13")
    tasks[f"H{row}"] = "Hoàn thành"  # no completion date, no evidence
    targets = book["Chỉ tiêu"]
    over = row_of(targets, "B", "nha-tre-huy-dong")
    targets[f"D{over}"] = 130  # a percentage above 100
    book.save(xlsx)
    lines = run_import(data, xlsx)
    assert (
        f"Nhiệm vụ!I{row}: error D507 «Ngày hoàn thành (DD/MM/YYYY)»: tình trạng là «Hoàn "
        "thành» nhưng ô này còn trống; cần điền"
    ) in lines
    assert (
        f"Nhiệm vụ!J{row}: error D508 «Minh chứng (văn bản, sản phẩm)»: tình trạng là «Hoàn "
        "thành» nhưng ô này còn trống; cần điền"
    ) in lines
    assert (
        f"Chỉ tiêu!D{over}: error D506 «Giá trị năm 2026»: tỷ lệ 130 nằm ngoài khoảng 0–100"
        in lines
    )
    for line in lines:
        assert not FOREIGN.search(line.split(" ", 3)[3]), line


def test_a_conflict_says_which_field_and_where_the_earlier_report_is(data: Path) -> None:
    # progress/2026/so-gddt-nhiem-vu-2026.yaml reports PL-04 done on 2026-03-20, its
    # status on line 22; the import says done on 15/03/2026: the dates differ
    xlsx, book = template(data, "2026")
    book["Thông tin"]["B7"] = dt.date(2026, 12, 28)
    tasks = book["Nhiệm vụ"]
    row = tasks.max_row + 1
    tasks[f"B{row}"], tasks[f"H{row}"] = "PL-04", "Hoàn thành"
    tasks[f"I{row}"], tasks[f"J{row}"] = dt.date(2026, 3, 15), "Kế hoạch số 1/KH-SGDĐT"
    book.save(xlsx)
    lines = run_import(data, xlsx)
    assert lines == [
        f"Nhiệm vụ!I{row}: error D511 nhiệm vụ PL-04: «Ngày hoàn thành (DD/MM/YYYY)» ở đây là "
        "«15/03/2026», báo cáo đã có progress/2026/so-gddt-nhiem-vu-2026.yaml (dòng 23) ghi "
        "«20/03/2026»"
    ]
    assert "x.yaml" not in lines[0] and "(-)" not in lines[0]


def test_a_conflict_with_a_later_report_names_that_report(data: Path) -> None:
    # progress/2025/so-gddt-nhiem-vu-2025.yaml (reported later in 2025) says PL-04 is in
    # progress, its status on line 17; an import dated 30/06/2025 saying it was done
    # earlier contradicts it: the finding is told from the import's side.  The 2026 report
    # (line 22) says done on 20/03/2026: another date, a second conflict.
    xlsx, book = template(data, "2025")
    book["Thông tin"]["B7"] = dt.date(2025, 6, 30)
    tasks = book["Nhiệm vụ"]
    row = tasks.max_row + 1
    tasks[f"B{row}"], tasks[f"H{row}"] = "PL-04", "Hoàn thành"
    tasks[f"I{row}"], tasks[f"J{row}"] = dt.date(2025, 6, 1), "Kế hoạch số 1/KH-SGDĐT"
    book.save(xlsx)
    lines = [line for line in run_import(data, xlsx) if " D511 " in line]
    assert lines == [
        f"Nhiệm vụ!H{row}: error D511 nhiệm vụ PL-04: «Tình trạng» ở đây là «Hoàn thành», báo "
        "cáo đã có progress/2025/so-gddt-nhiem-vu-2025.yaml (dòng 18) ghi «Đang thực hiện»",
        f"Nhiệm vụ!I{row}: error D511 nhiệm vụ PL-04: «Ngày hoàn thành (DD/MM/YYYY)» ở đây là "
        "«01/06/2025», báo cáo đã có progress/2026/so-gddt-nhiem-vu-2026.yaml (dòng 23) ghi "
        "«20/03/2026»",
    ]


def test_ranges_dates_and_an_earlier_figure_are_told_by_cell(data: Path) -> None:
    # progress/2026/so-gddt-chi-tieu-2026.yaml gives nha-tre-huy-dong 34.5 for 2026 (its
    # value on line 11); the import says 30 for the same target, area and year
    xlsx, book = template(data, "2026")
    book["Thông tin"]["B7"] = dt.date(2026, 12, 20)
    targets, tasks = book["Chỉ tiêu"], book["Nhiệm vụ"]
    figure = row_of(targets, "B", "nha-tre-huy-dong")
    targets[f"D{figure}"] = 30
    # the first row not in % is pcgd-mam-non-5-tuoi, a yes/no target: a level on 0-1
    level = next(r for r in range(5, targets.max_row + 1) if targets[f"E{r}"].value != "%")
    assert targets[f"B{level}"].value == "pcgd-mam-non-5-tuoi"
    targets[f"D{level}"] = 5
    later, undone = row_of(tasks, "B", "PL-13"), row_of(tasks, "B", "PL-09")
    tasks[f"H{later}"], tasks[f"I{later}"], tasks[f"J{later}"] = "Hoàn thành", None, "x"
    tasks[f"I{later}"] = dt.date(2027, 1, 5)  # after the report date 20/12/2026
    tasks[f"H{undone}"], tasks[f"I{undone}"] = "Đang thực hiện", dt.date(2026, 5, 1)
    book.save(xlsx)
    lines = run_import(data, xlsx)
    assert (
        f"Chỉ tiêu!D{figure}: error D503 «Giá trị năm 2026»: ở đây là 30, báo cáo đã có "
        "progress/2026/so-gddt-chi-tieu-2026.yaml (dòng 12) ghi 34,5 cho cùng chỉ tiêu, địa "
        "bàn và năm"
    ) in lines
    assert (
        f"Chỉ tiêu!D{level}: error D515 «Giá trị năm 2026»: mức độ 5 không hợp lệ; ghi một số "
        "nguyên từ 0 đến 1"
    ) in lines
    assert (
        f"Nhiệm vụ!I{later}: error D509 «Ngày hoàn thành (DD/MM/YYYY)»: ngày 05/01/2027 sau "
        "ngày báo cáo 20/12/2026 (ô Thông tin!B7)"
    ) in lines
    assert (
        f"Nhiệm vụ!I{undone}: warning D513 «Ngày hoàn thành (DD/MM/YYYY)»: có ngày hoàn thành "
        "nhưng «Tình trạng» là «Đang thực hiện»"
    ) in lines
    for line in lines:
        assert not FOREIGN.search(line.split(" ", 3)[3]), line


def test_a_negative_numerator_is_out_of_range_in_the_cells_words(data: Path) -> None:
    xlsx, book = template(data, "2027")
    book["Thông tin"]["B7"] = dt.date(2027, 12, 20)
    targets = book["Chỉ tiêu"]
    row = row_of(targets, "B", "nha-tre-huy-dong")
    targets[f"D{row}"], targets[f"K{row}"], targets[f"L{row}"] = 40, -3, 0
    book.save(xlsx)
    lines = run_import(data, xlsx)
    # the model's bounds "≥ 0.0" and "> 0.0" written the Vietnamese way
    assert lines == [
        f"Chỉ tiêu!K{row}: error S206 «Tử số (nếu có)»: -3 nằm ngoài giới hạn; cần ≥ 0",
        f"Chỉ tiêu!L{row}: error S206 «Mẫu số (nếu có)»: 0 nằm ngoài giới hạn; cần > 0",
    ]


def test_a_deliverable_cell_says_what_it_may_hold(data: Path) -> None:
    # PL-06 is due every year from 2026 (plan.yaml: yearly_from 2026): a row without its
    # year; PL-02 has one deliverable per law (events luat-hoc-tap-suot-doi,
    # luat-giao-duc-sua-doi, luat-giao-duc-dai-hoc-sua-doi): a row naming another law's id
    xlsx, book = template(data, "2026")
    book["Thông tin"]["B7"] = dt.date(2026, 12, 20)
    tasks = book["Nhiệm vụ"]
    yearly, law = tasks.max_row + 1, tasks.max_row + 2
    tasks[f"B{yearly}"], tasks[f"H{yearly}"] = "PL-06", "Đang thực hiện"
    tasks[f"B{law}"], tasks[f"C{law}"] = "PL-02", "luat-gdqp-an-sua-doi"
    tasks[f"H{law}"] = "Đang thực hiện"
    book.save(xlsx)
    lines = [line for line in run_import(data, xlsx) if " D512 " in line]
    assert lines == [
        f"Nhiệm vụ!C{yearly}: error D512 «Sản phẩm (năm, sự kiện)»: ô này còn trống; nhiệm vụ "
        "PL-06 cần ghi năm của sản phẩm (nhiệm vụ hằng năm từ 2026), ví dụ 2026",
        f"Nhiệm vụ!C{law}: error D512 «Sản phẩm (năm, sự kiện)»: 'luat-gdqp-an-sua-doi' không "
        f"phải một sản phẩm của nhiệm vụ PL-02; ghi một trong: {PL_02_LAWS}",
    ]


#: PL-02's events as the message lists them: id (short name from events.yaml)
PL_02_LAWS = (
    "luat-hoc-tap-suot-doi (Luật Học tập suốt đời), luat-giao-duc-sua-doi (Luật Giáo dục "
    "sửa đổi), luat-giao-duc-dai-hoc-sua-doi (Luật GDĐH sửa đổi)"
)
