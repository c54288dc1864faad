"""Excel in and out: the unit template, its import, and ``report --format xlsx``.

The round trip: ``template`` → cells filled programmatically → ``import`` → ``check``
shows the filled values.  Text in a number column is an error that names its cell.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, DEMO, DEMO_TARGET_LABELS, DEMO_TASK_LABELS, run_both, run_json

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
    assert sheet[f"H{row}"].value == "≥ 38 % (2030)"  # the goal, the Vietnamese way
    assert sheet.protection.sheet and sheet.freeze_panes == "D5"
    assert sheet["B4"].protection.locked and not sheet[f"D{row}"].protection.locked
    district = row_of(sheet, "B", "pcgd-thcs-muc-2-huyen", "ba-be")
    # the district ceased on 30/06/2025 (units.yaml valid_until): a former area in 2027
    assert (
        sheet[f"E{district}"].value == "mức độ (0-3)"
        and sheet[f"I{district}"].value == "huyện Ba Bể (cũ)"
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


def shipped_template(tmp_path: Path, unit: str) -> Any:
    """The template of ``unit`` for 2025 on the shipped data (``data/``), its sheet of targets."""
    out = tmp_path / f"{unit}.xlsx"
    run_both(
        "template", "--data-dir", str(DATA), "--unit", unit, "--period", "2025", "-o", str(out)
    )
    return openpyxl.load_workbook(out)["Chỉ tiêu"]


def ids_and_areas(sheet: Any) -> list[tuple[str, str]]:
    return [(sheet[f"B{r}"].value, sheet[f"J{r}"].value) for r in range(5, sheet.max_row + 1)]


def test_the_budget_share_goes_to_its_reporting_unit(tmp_path: Path) -> None:
    # data/targets.yaml: ngan-sach-giao-duc (clause III.7.1-2, whose units include Sở GD&ĐT)
    # names reporting_unit so-tai-chinh, and it is the only target that does; so-tai-chinh
    # has no members nor successors, and every target without a reporting unit falls back
    # to its II.2 clause, which names nobody, hence to the lead unit so-gddt
    assert ids_and_areas(shipped_template(tmp_path, "so-tai-chinh")) == [
        ("ngan-sach-giao-duc", "bac-kan")
    ]


def test_the_education_department_gets_the_ii2_targets_only(tmp_path: Path) -> None:
    # Sở GD&ĐT reports every II.2 target (reporting_unit so-gddt, or, for the four without
    # one, the lead unit its clause falls back to) and not the budget share (so-tai-chinh's).
    # One row per measure and area, by clause:
    #   II.2-1: 4 percentages + 2 yes/no levels                        = 6
    #   II.2-2: 8, II.2-3: 2, II.2-4: 1, II.2-5: 2                     = 13
    #   II.2-6: pcgd-tieu-hoc-muc-do on 8 districts + the province     = 9
    #           pcgd-thcs-muc-do on 8 districts + the province         = 9
    #           (pcgd-thcs-muc-3-huyen and pcgd-thcs-duy-tri share those rows)
    #   II.2-7: biet-chu-muc-1 + xoa-mu-chu-muc-do on 8 districts      = 9
    #   II.2-8: 3                                                      = 3
    #   6 + 13 + 9 + 9 + 9 + 3 = 49
    rows = ids_and_areas(shipped_template(tmp_path, "so-gddt"))
    assert len(rows) == 49
    ids = {target for target, _ in rows}
    assert "ngan-sach-giao-duc" not in ids
    assert {"nha-tre-huy-dong", "pcgd-mam-non-5-tuoi", "xoa-mu-chu-muc-2-huyen"} <= ids
    assert len(ids) == 30 - 2  # the 30 II.2 targets, less the two sharing rows


def test_a_reporting_unit_that_ceased_passes_its_rows_to_its_successor(data: Path) -> None:
    # ubnd-tinh ceased on 30/6/2025; units.yaml names ubnd-tinh-thai-nguyen its successor
    path = data / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("reporting_unit: so-tai-chinh", "reporting_unit: ubnd-tinh"), "utf-8"
    )
    sheet = openpyxl.load_workbook(make_template(data, "ubnd-tinh-thai-nguyen"))["Chỉ tiêu"]
    assert ("ngan-sach-giao-duc", "bac-kan") in ids_and_areas(sheet)
    sheet = openpyxl.load_workbook(make_template(data, "so-tai-chinh"))["Chỉ tiêu"]
    assert ids_and_areas(sheet) == []


def test_level_cells_offer_the_targets_own_scale(tmp_path: Path) -> None:
    sheet = shipped_template(tmp_path, "so-gddt")
    # xóa mù chữ: each district's level on the scale 0-2 (Nghị định 20/2014/NĐ-CP), not 0-3
    literacy = row_of(sheet, "B", "xoa-mu-chu-muc-2-huyen", "ba-be")
    assert sheet[f"E{literacy}"].value == "mức độ (0-2)"
    check = validation_of(sheet, f"D{literacy}")
    assert (check.type, check.formula1) == ("list", '"0,1,2"')
    assert check.error == "Mức độ: chọn một trong 0, 1, 2."
    # pcgd-mam-non-5-tuoi: recognised or not, a yes/no target on the scale 0-1
    yes_no = row_of(sheet, "B", "pcgd-mam-non-5-tuoi")
    assert sheet[f"E{yes_no}"].value == "mức độ (0-1)"
    assert validation_of(sheet, f"D{yes_no}").formula1 == '"0,1"'
    # PCGD THCS: levels 0-3
    thcs = row_of(sheet, "B", "pcgd-thcs-muc-2-huyen", "ba-be")
    assert validation_of(sheet, f"D{thcs}").formula1 == '"0,1,2,3"'


def test_goals_of_a_range_and_a_sum_are_written_their_way(data: Path) -> None:
    sheet = openpyxl.load_workbook(make_template(data))["Chỉ tiêu"]
    # minh-hoa-hoc-nghe: between 30 and 35 %, by 2030
    assert sheet[f"H{row_of(sheet, 'B', 'minh-hoa-hoc-nghe')}"].value == "30–35 % (2030)"
    # minh-hoa-phong-hoc-moi: the rooms built from 2025 add up to at least 200 by 2030
    assert sheet[f"H{row_of(sheet, 'B', 'minh-hoa-phong-hoc-moi')}"].value == "Σ ≥ 200 (2030)"
    # a count of areas keeps the level each area must reach: ≥ 2 for PCGD THCS mức độ 2
    district = row_of(sheet, "B", "pcgd-thcs-muc-2-huyen", "ba-be")
    assert sheet[f"H{district}"].value == "≥ 2 (2030)"


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
        {("nha-tre-huy-dong", "bac-kan"): "97,400", ("mau-giao-huy-dong", "bac-kan"): "nhiều"},
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
    # text that writes a figure is read ("97,4" is 97.4); "97,400" may be 97400 or 97.4
    assert any(
        line.startswith(f"Chỉ tiêu!D{comma}: error Y138 ") and "97400 or 97.400" in line
        for line in lines
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


# The status workbook of examples/demo as of 31/12/2026, worked out by hand from plan.yaml
# (appendix deadlines), events.yaml and progress/ with the README's rules:
#   tasks due = due date before 31/12/2026 (the 2026 deliverables, due 31/12/2026, are not):
#     PL-02 x2 (laws of 10/12/2025 + 6 months = 10/06/2026), PL-03 (27/06/2025 + 6 months
#     = 27/12/2025), PL-15 (24/05/2025 + 6 months = 24/11/2025), PL-04, PL-05, PL-24, PL-25,
#     PL-31 (31/12/2025) = 9; done: PL-02/dai-hoc, PL-05, PL-31 on time + PL-04 late
#     (20/03/2026) = 4; overdue: PL-02/luat-giao-duc-sua-doi, PL-03, PL-15, PL-24, PL-25 = 5;
#     rate 4/9 = 44.44 %.  Days overdue: 10/06/2026 -> 31/12/2026 = 204,
#     27/12/2025 -> 369, 24/11/2025 -> 402, 31/12/2025 -> 365.
#   36 task rows: done on time 6 (+ PL-06/2026, PL-07, PL-12), done late 1, overdue 5, in
#     progress 4 (PL-09, PL-13, PL-19, PL-22), waiting 1, ongoing 1, not yet due 18.
#   35 targets by the UNSD ratio (projected - baseline) / (target - baseline):
#     achieved 10; on track 7 (e.g. nha-tre-huy-dong 30.5 -> 34.5 in 2024 -> 2026,
#     2030: 42.5, 12/7.5 = 1.6; giao-vien-dat-chuan 95.1 -> 96.9, 100.5 clamped to 100,
#     ratio 1.0); needs acceleration 5 (e.g. xoa-mu-chu-muc-2-huyen 4 -> 5 districts, 7,
#     3/4 = 0.75); stagnating 2 (e.g. hoan-thanh-thcs 97.8 -> 97.5, 96.9, -0.9/1.2 = -0.75);
#     not maintained 1 (ngan-sach-giao-duc 19.30 < 20 in 2026); missed 1
#     (moc-2025-phong-hoc-kien-co 87 < 95 after 2025); no data 7; not enough data 2.
#   figures: the 15 percent series from nha-tre-huy-dong to truong-chuan-quoc-gia
#     3+1+3+2+3+2+3+3+3+2+2+3+3+3+3 = 39, the pcgd-thcs district series 8 + 8 = 16 (listed
#     under both count targets: 32), province pcgd-thcs level 2, xoa-mu-chu districts
#     8 x 3 = 24, four labour/budget series 2 each (8), moc-2025 reading phong-hoc-kien-co 3:
#     39 + 32 + 2 + 24 + 8 + 3 = 108; pcgd-thcs-duy-tri reads the province pcgd-thcs
#     level too (2), and the invented forms 2 + 2 + 1: 108 + 2 + 5 = 115.
HEADLINE = {
    "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn": pytest.approx(4 / 9, abs=1e-5),  # shown 44 %
    "Đã đến hạn": 9,
    "Đã hoàn thành": 4,
    "Đúng hạn": 3,
    "Quá hạn chưa xong": 5,
}
TARGET_LABELS, TASK_LABELS = DEMO_TARGET_LABELS, DEMO_TASK_LABELS
HEADLINE_RATE = "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn"
BUDGET = "Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo"  # ngan-sach-giao-duc's name


@pytest.fixture(scope="module")
def status_workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("xlsx") / "status.xlsx"
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
    return openpyxl.load_workbook(out)


def test_status_workbook_matches_check(status_workbook: Any) -> None:
    result = run_json("check", "--data-dir", str(DEMO), "--as-of", "2026-12-31", code=1)
    book = status_workbook
    # the demo's plan sets a reporting calendar: what each unit owes has its sheet
    assert book.sheetnames == ["Tổng quan", "Chỉ tiêu", "Nhiệm vụ", "Số liệu", "Đơn vị còn nợ"]
    overview = {r[0]: r[1] for r in book["Tổng quan"].iter_rows(values_only=True) if r and r[0]}
    rate = overview["Tỷ lệ hoàn thành nhiệm vụ đã đến hạn"]
    assert rate == pytest.approx(result["headline"]["completion_rate"] / 100)
    targets = list(book["Chỉ tiêu"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in targets] == [t["id"] for t in result["targets"]]
    assert [r[6] for r in targets] == [t["value"] for t in result["targets"]]
    assert book["Chỉ tiêu"].max_row == len(result["targets"]) + 1
    assert book["Nhiệm vụ"].max_row == len(result["tasks"]) + 1
    figures = sum(len(t["history"]) for t in result["targets"])
    assert book["Số liệu"].max_row == figures + 1


def test_status_workbook_has_the_hand_worked_numbers(status_workbook: Any) -> None:
    book = status_workbook
    overview = {r[0]: r[1] for r in book["Tổng quan"].iter_rows(values_only=True) if r and r[0]}
    assert overview == {
        "Báo cáo kết quả thực hiện Kế hoạch số 284/KH-UBND": None,
        "Số liệu tính đến ngày 31/12/2026": None,
        **HEADLINE,
        "Chỉ tiêu theo trạng thái": "Số lượng",
        # each status with its shape (content.TARGET_SYMBOLS), counts as DEMO_TARGET_LABELS
        "● Đã đạt": 10,
        "▲ Đúng tiến độ": 7,
        "◆ Cần đẩy nhanh": 5,
        "▼ Chững lại/đi lùi": 2,
        "■ Không duy trì": 1,
        "✕ Không đạt": 1,
        "◔ Chưa đủ số liệu": 2,
        "○ Chưa có số liệu": 7,
    }
    # targets: id, ..., latest value (G), year (H), status (I), baseline (J), projected (K),
    # ratio (L)
    targets = {r[0]: r for r in book["Chỉ tiêu"].iter_rows(min_row=2, values_only=True)}
    assert len(targets) == 35
    assert Counter(r[8].split(" ", 1)[1] for r in targets.values()) == TARGET_LABELS
    expected = {
        "nha-tre-huy-dong": (34.5, 2026, "▲ Đúng tiến độ", 30.5, 42.5, 1.6),
        "giao-vien-dat-chuan": (96.9, 2026, "▲ Đúng tiến độ", 95.1, 100, 1.0),
        "xoa-mu-chu-muc-2-huyen": (5, 2026, "◆ Cần đẩy nhanh", 4, 7, 0.75),
        "hoan-thanh-thcs": (97.5, 2026, "▼ Chững lại/đi lùi", 97.8, 96.9, -0.75),
        "ngan-sach-giao-duc": (19.3, 2026, "■ Không duy trì", 20.4, None, None),
        "moc-2025-phong-hoc-kien-co": (87, 2026, "✕ Không đạt", 84, None, None),
        # all 8 districts at >= 2 are needed (data/targets.yaml): 5 -> 6, slope 1, 2030: 10
        # clamped to the 8 districts, ratio (8 - 5) / (8 - 5) = 1.0
        "pcgd-thcs-muc-2-huyen": (6, 2026, "▲ Đúng tiến độ", 5, 8, 1.0),
        # a range approached from below: 26 -> 27.5, 2030: 33.5, (33.5 - 26) / (30 - 26)
        "minh-hoa-hoc-nghe": (27.5, 2026, "▲ Đúng tiến độ", 26, 33.5, 1.875),
        # accumulated: 30, then 30 + 25 = 55; 2030: 55 + 25 * 4 = 155; 125 / 170 = 0.7353
        "minh-hoa-phong-hoc-moi": (55, 2026, "◆ Cần đẩy nhanh", 30, 155, 0.7353),
        "minh-hoa-tieu-hoc-dtts": (97.8, 2026, "◔ Chưa đủ số liệu", 97.8, None, None),
        "biet-chu-muc-1": (None, None, "○ Chưa có số liệu", None, None, None),
    }
    for target, row in expected.items():
        assert targets[target][6:12] == pytest.approx(row), target
    # tasks: id, task, lead, lead now, deadline (E), status (F), days overdue (G),
    # last report (H), completed on (I)
    tasks = {r[0]: r for r in book["Nhiệm vụ"].iter_rows(min_row=2, values_only=True)}
    assert len(tasks) == 36
    assert Counter(r[5].split(" ", 1)[1] for r in tasks.values()) == TASK_LABELS
    assert {t: r[6] for t, r in tasks.items() if r[6] is not None} == {
        "PL-02 (Luật Giáo dục sửa đổi)": 204,
        "PL-03": 369,
        "PL-15": 402,
        "PL-24": 365,
        "PL-25": 365,
    }
    # dates are dates (openpyxl reads them back as datetimes); the last report is the
    # template's drop-down word, not the YAML state
    day = dt.datetime
    assert tasks["PL-03"][2:8] == (
        "Bộ CHQS tỉnh",
        "Bộ CHQS tỉnh",
        day(2025, 12, 27),
        "✕ Quá hạn",
        369,
        None,
    )
    assert tasks["PL-24"][4:8] == (day(2025, 12, 31), "✕ Quá hạn", 365, "Đang thực hiện")
    assert tasks["PL-04"][4:9] == (
        day(2025, 12, 31),
        "◐ Hoàn thành quá hạn",
        None,
        "Hoàn thành",
        day(2026, 3, 20),
    )
    assert tasks["PL-31"][2:9] == (
        "Sở Y tế",
        "Sở Y tế",
        day(2025, 12, 31),
        "● Hoàn thành đúng hạn",
        None,
        "Hoàn thành",
        day(2025, 10, 15),
    )
    assert tasks["PL-06 (2026)"][4:6] == (day(2026, 12, 31), "● Hoàn thành đúng hạn")
    assert tasks["PL-19"][4:8] == (
        day(2026, 12, 31),
        "▲ Đang thực hiện trong hạn",
        None,
        "Đang thực hiện",
    )
    assert tasks["PL-01"][4] == "Thường xuyên"  # a deadline with no date stays its words
    # figures: 115 reported values (see the comment above), with where each came from
    figures = list(book["Số liệu"].iter_rows(min_row=2, values_only=True))
    assert len(figures) == 115
    # id, name (a person reads the name, not the id), year, value, by, on
    budget = [r[1:6] for r in figures if r[0] == "ngan-sach-giao-duc"]
    assert budget == [
        (BUDGET, 2025, 20.4, "Sở GD&ĐT", dt.datetime(2025, 12, 12)),
        (BUDGET, 2026, 19.3, "Sở Tài chính", dt.datetime(2026, 12, 10)),
    ]


def test_baseline_column_heading_matches_its_values(status_workbook: Any) -> None:
    sheet = status_workbook["Chỉ tiêu"]
    heading = sheet["J1"].value
    row = next(
        r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "nha-tre-huy-dong"
    )
    # either the column is a year and holds 2024, or it holds the value 30.5 and says so
    assert row[9] == (2024 if heading.startswith("Năm") else 30.5), heading


def test_status_workbook_cells_hold_numbers_and_dates(status_workbook: Any) -> None:
    """Numbers with number formats, the rate as a fraction shown as a percentage, dates as
    dates shown dd/mm/yyyy, and every sheet set up to print one page wide."""
    book = status_workbook
    overview = book["Tổng quan"]
    rate = next(r[1] for r in overview.iter_rows() if r[0].value == HEADLINE_RATE)
    assert rate.value == pytest.approx(4 / 9, abs=1e-5)  # 4 done of 9 due
    assert rate.number_format == "0 %"  # shows 44 %, as the dashboard
    targets = book["Chỉ tiêu"]
    row = next(r for r in targets.iter_rows(min_row=2) if r[0].value == "nha-tre-huy-dong")
    latest = row[6]
    assert latest.value == 34.5 and latest.data_type == "n"
    assert latest.number_format == '#,##0.0#" %"'  # a Vietnamese Excel shows 34,5 %
    assert row[4].value == "≥ 38 %"  # the goal with the Vietnamese sign
    assert row[11].value == 1.6 and row[11].number_format == "0.00"  # the progress ratio
    tasks = book["Nhiệm vụ"]
    row = next(r for r in tasks.iter_rows(min_row=2) if r[0].value == "PL-04")
    due, done = row[4], row[8]
    assert (due.value, done.value) == (dt.datetime(2025, 12, 31), dt.datetime(2026, 3, 20))
    assert due.is_date and done.is_date
    assert due.number_format == done.number_format == "dd/mm/yyyy"
    figures = book["Số liệu"]
    reported = figures.cell(row=2, column=6)
    assert reported.is_date and reported.number_format == "dd/mm/yyyy"
    for sheet in book:
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert setup.paperSize == 9  # A4 in the OOXML paper list
    assert book["Tổng quan"].page_setup.orientation == "portrait"
    for sheet in (targets, tasks, figures):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"  # the header row on every page


def test_status_workbook_wraps_long_text_in_tall_rows(status_workbook: Any) -> None:
    """A long task text wraps and its row is tall enough for it (LibreOffice does not
    measure rows itself): PL-11's text is 200 characters in a column 70 wide, so at least
    three lines of 15 points."""
    tasks = status_workbook["Nhiệm vụ"]
    row = next(r for r in tasks.iter_rows(min_row=2) if r[0].value == "PL-11")
    text = row[1]
    assert len(text.value) >= 200 and text.alignment.wrap_text
    assert tasks.row_dimensions[text.row].height >= 45


def validation_of(sheet: Any, ref: str) -> Any:
    """The data validation that covers cell ``ref`` (exactly one must)."""
    found = [v for v in sheet.data_validations.dataValidation if ref in v.sqref]
    assert len(found) == 1, (ref, found)
    return found[0]


def test_template_validations_stop_bad_entries(data: Path) -> None:
    """Excel shows a validation's error only with showErrorMessage; each one stops."""
    book = openpyxl.load_workbook(make_template(data))
    checks = [v for s in book.worksheets for v in s.data_validations.dataValidation]
    assert len(checks) >= 5 and all(v.showErrorMessage and v.errorStyle == "stop" for v in checks)
    assert all(v.error and v.errorTitle for v in checks)
    sheet = book["Chỉ tiêu"]
    percent = validation_of(sheet, f"D{row_of(sheet, 'B', 'nha-tre-huy-dong')}")
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    level = validation_of(sheet, f"D{row_of(sheet, 'B', 'pcgd-thcs-muc-2-huyen', 'ba-be')}")
    assert (level.type, level.formula1) == ("list", '"0,1,2,3"')
    numerator = validation_of(sheet, f"K{row_of(sheet, 'B', 'nha-tre-huy-dong')}")
    assert (numerator.type, numerator.operator, numerator.formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    # dates from 01/01/2025 (the plan's year) to 31/12/2028 (the year after the period
    # 2027), as Excel serials: 01/01/2025 is 45658; + 365 + 365 + 365 + 366 - 1 = 47118
    for sheet_name, ref in (("Thông tin", "B7"), ("Nhiệm vụ", f"I{FIRST_TASK_ROW}")):
        date = validation_of(book[sheet_name], ref)
        assert (date.type, date.operator, date.formula1, date.formula2) == (
            "date",
            "between",
            "45658",
            "47118",
        )
        assert "01/01/2025" in date.error and "31/12/2028" in date.error
    status = validation_of(book["Nhiệm vụ"], f"H{FIRST_TASK_ROW}")
    assert status.formula1 == '"Chưa thực hiện,Đang thực hiện,Hoàn thành"'


FIRST_TASK_ROW = 5


def test_template_speaks_to_a_vietnamese_excel_and_prints(data: Path) -> None:
    book = openpyxl.load_workbook(make_template(data))
    sheet = book["Chỉ tiêu"]
    help_text = sheet["A2"].value
    assert "97,4" in help_text and "dấu chấm" not in help_text  # a Vietnamese Excel's comma
    row = row_of(sheet, "B", "nha-tre-huy-dong")
    assert sheet[f"F{row}"].number_format == '#,##0.0#" %"'  # the previous value, 34,5 %
    tasks = book["Nhiệm vụ"]
    pl13 = row_of(tasks, "B", "PL-13")
    due = tasks[f"F{pl13}"]
    assert due.value == dt.datetime(2027, 12, 31) and due.number_format == "dd/mm/yyyy"
    # the task text (column D, 60 wide) wraps over several lines: its row is tall enough
    assert tasks[f"D{pl13}"].alignment.wrap_text
    assert tasks.row_dimensions[pl13].height >= 30
    for sheet in (book["Chỉ tiêu"], tasks):
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$4:$4"  # the header row on every page


def test_template_names_a_deliverable_by_its_event(data: Path) -> None:
    # PL-02's 2026 deliverable is tied to events.yaml's luat-giao-duc-sua-doi, whose short
    # name is "Luật Giáo dục sửa đổi": column C keeps the id for the import, column D
    # starts with the name for the person
    book = openpyxl.load_workbook(make_template(data))
    tasks = book["Nhiệm vụ"]
    row = next(
        r for r in range(5, tasks.max_row + 1) if tasks[f"C{r}"].value == "luat-giao-duc-sua-doi"
    )
    assert tasks[f"D{row}"].value.startswith("Luật Giáo dục sửa đổi: Tham mưu triển khai")


def test_every_target_and_task_status_has_a_shape_and_a_fill() -> None:
    """The Office outputs print a shape and a tint for every status the vocabulary has
    (a status added there, such as insufficient_data, must get both in i18n.statuses)."""
    from kh284.i18n import TARGET_LABELS as TARGET_WORDS
    from kh284.i18n import TASK_LABELS as TASK_WORDS
    from kh284.i18n.statuses import TARGET_STATUSES, TASK_STATUSES

    TARGET_SYMBOLS = {str(s): r.symbol for s, r in TARGET_STATUSES.items()}
    TARGET_TINTS = {str(s): r.tint for s, r in TARGET_STATUSES.items()}
    TASK_SYMBOLS = {str(s): r.symbol for s, r in TASK_STATUSES.items()}
    TASK_TINTS = {str(s): r.tint for s, r in TASK_STATUSES.items()}

    assert set(TARGET_WORDS) <= set(TARGET_SYMBOLS) & set(TARGET_TINTS)
    assert set(TASK_WORDS) <= set(TASK_SYMBOLS) & set(TASK_TINTS)
    # a shape tells a status apart in grey print: no two statuses share one
    assert len({TARGET_SYMBOLS[s] for s in TARGET_WORDS}) == len(TARGET_WORDS)
    assert len({TASK_SYMBOLS[s] for s in TASK_WORDS}) == len(TASK_WORDS)
