"""The Word draft of the periodic report, opened with python-docx.

Checked: the administrative heading of Nghị định 30/2020/NĐ-CP (issuing body, national
motto, number and date lines), the title built from the plan's number, the headings, the
marked sections left for a person, the two result tables' row counts, the embedded charts,
the font and the A4 page with its margins.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, DEMO_TARGET_LABELS, DEMO_TASK_LABELS, run_both, run_json

docx = pytest.importorskip("docx")
pytest.importorskip("matplotlib")

AS_OF = "2026-12-31"
NUMBER = "284/KH-UBND"  # plan.yaml `number:`

# The demo draft as of 31/12/2026, worked out by hand from examples/demo (plan.yaml appendix
# deadlines, events.yaml, progress/) with the README's rules:
#   tasks due = due date before 31/12/2026 (the 2026 deliverables, due 31/12/2026, are not):
#     PL-02 x2 (laws of 10/12/2025 + 6 months = 10/06/2026), PL-03 (27/06/2025 + 6 months
#     = 27/12/2025), PL-15 (24/05/2025 + 6 months = 24/11/2025), PL-04, PL-05, PL-24, PL-25,
#     PL-31 (31/12/2025) = 9; done: PL-02/dai-hoc 08/05/2026, PL-05 22/09/2025, PL-31
#     15/10/2025 on time (3) + PL-04 20/03/2026 late = 4; overdue: PL-02/luat-giao-duc-sua-doi,
#     PL-03, PL-15, PL-24, PL-25 = 5; rate 4/9 = 44.4 %, written "44%".
#   36 task rows (34 tasks, PL-02 once per law): done on time 6 (+ PL-06/2026, PL-07, PL-12),
#     done late 1, overdue 5, in progress 4 (PL-09, PL-13, PL-19, PL-22), waiting for its
#     law 1 (PL-02/luat-hoc-tap-suot-doi), ongoing 1 (PL-01), not yet due 18.
#   35 targets by the UNSD ratio (projected - baseline) / (target - baseline): achieved 10,
#     on track 7 (e.g. nha-tre-huy-dong 30.5 -> 34.5, 2030: 42.5, 12/7.5 = 1.60), needs
#     acceleration 5 (e.g. phong-hoc-kien-co 84 -> 87, 93, 9/16 = 0.56), stagnating 2 (e.g.
#     hoan-thanh-thcs 97.8 -> 97.5, 96.9, -0.9/1.2 = -0.75), not maintained 1
#     (ngan-sach-giao-duc 19.30 < 20 in 2026), missed 1 (moc-2025-phong-hoc-kien-co 87 < 95),
#     no data 7 (7 targets have no figure), not enough data 2 (mau-giao-huy-dong and
#     minh-hoa-tieu-hoc-dtts have one point each).
#   charts: the 35 - 7 = 28 targets with a figure.
TARGET_LABELS, TASK_LABELS = DEMO_TARGET_LABELS, DEMO_TASK_LABELS


@pytest.fixture(scope="module")
def check_json() -> Any:
    return run_json("check", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--format",
        "docx",
        "--output",
        str(out),
        code=1,
    )
    return docx.Document(str(out))


def cell_lines(table: Any) -> list[str]:
    return [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text]


def table_with(document: Any, heading: str) -> Any:
    for table in document.tables:
        if table.rows[0].cells[1].text == heading:
            return table
    raise AssertionError(f"no table headed {heading!r}")


def test_administrative_heading(draft: Any) -> None:
    lines = cell_lines(draft.tables[0])
    assert lines[:4] == [
        "UBND TỈNH THÁI NGUYÊN",  # the plan's issuer's successor on the as-of date
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",  # the unit leading most appendix tasks
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert lines[4].startswith("Số:") and "/BC-" in lines[4]
    assert lines[5] == "Bắc Kạn, ngày 31 tháng 12 năm 2026"
    motto = draft.tables[0].cell(0, 1).paragraphs[0].runs[0]
    assert motto.bold
    assert draft.paragraphs[0].text == "DỰ THẢO"


def test_title_and_headings(draft: Any) -> None:
    number = NUMBER
    assert draft.core_properties.title == f"Báo cáo kết quả thực hiện Kế hoạch số {number}"
    texts = [p.text for p in draft.paragraphs]
    kind = texts.index("BÁO CÁO")
    assert texts[kind + 1].startswith(f"Kết quả thực hiện Kế hoạch số {number} ngày 22/4/2025")
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên." in texts
    headings = [p.text for p in draft.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả thực hiện các chỉ tiêu",
        "2. Kết quả thực hiện các nhiệm vụ",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]


def test_sections_for_a_person_are_marked_empty(draft: Any) -> None:
    paragraphs = draft.paragraphs
    for title in ("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        at = next(i for i, p in enumerate(paragraphs) if p.text == title)
        body = paragraphs[at + 1]
        assert body.text.startswith("[Phần này do cán bộ soạn thảo viết")
        assert all(r.font.highlight_color is not None for r in body.runs)


def test_result_tables(draft: Any, check_json: Any) -> None:
    targets = table_with(draft, "Chỉ tiêu")
    assert len(targets.rows) == len(check_json["targets"]) + 1
    labels = [row.cells[4].text for row in targets.rows[1:]]
    assert labels == [t["label"] for t in check_json["targets"]]
    tasks = table_with(draft, "Nhiệm vụ")
    assert len(tasks.rows) == len(check_json["tasks"]) + 1
    assert [row.cells[4].text for row in tasks.rows[1:]] == [
        t["label"] for t in check_json["tasks"]
    ]
    rate = check_json["headline"]["completion_rate"]
    assert any(f"{rate:.0f}%" in p.text for p in draft.paragraphs)


def test_results_are_the_hand_worked_ones(draft: Any) -> None:
    texts = [p.text for p in draft.paragraphs]
    assert (
        "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn: 44% "
        "(4/9 nhiệm vụ; đúng hạn 3; quá hạn chưa hoàn thành 5)."
    ) in texts
    assert (
        "Đánh giá 35 chỉ tiêu theo phương pháp tiến độ SDG của Liên Hợp Quốc: đã đạt 10; "
        "đúng tiến độ 7; cần đẩy nhanh 5; chững lại/đi lùi 2; không duy trì 1; không đạt 1; "
        "chưa có số liệu 7; chưa đủ số liệu 2. Biểu đồ từng chỉ tiêu tại Phụ lục kèm theo."
    ) in texts
    targets = [[c.text for c in row.cells] for row in table_with(draft, "Chỉ tiêu").rows[1:]]
    assert len(targets) == 35
    assert Counter(row[4] for row in targets) == TARGET_LABELS
    # No., target, goal, latest value, status, why
    by_name = {row[1]: row[2:5] for row in targets}
    assert by_name["Tỷ lệ huy động trẻ độ tuổi nhà trẻ đến trường"] == [
        "≥ 38%",
        "34.5% (2026)",
        "Đúng tiến độ",
    ]
    assert by_name["Tỷ lệ hoàn thành cấp trung học cơ sở"] == [
        "≥ 99%",
        "97.5% (2026)",
        "Chững lại/đi lùi",
    ]
    assert by_name["Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo"] == [
        "≥ 20% /năm",
        "19.3% (2026)",
        "Không duy trì",
    ]
    assert by_name["Số huyện, thành phố đạt chuẩn xóa mù chữ mức độ 2"] == [
        "≥ 8",
        "5 (2026)",
        "Cần đẩy nhanh",
    ]
    tasks = [[c.text for c in row.cells] for row in table_with(draft, "Nhiệm vụ").rows[1:]]
    assert len(tasks) == 36
    assert Counter(row[4] for row in tasks) == TASK_LABELS
    # No., "id: task", lead unit, deadline, status, result
    by_id = {row[1].split(":")[0]: row[2:6] for row in tasks}
    assert by_id["PL-03"] == ["Bộ CHQS tỉnh", "27/12/2025", "Quá hạn", ""]
    assert by_id["PL-15"] == ["CĐ Bắc Kạn", "24/11/2025", "Quá hạn", ""]
    assert by_id["PL-02 (Luật Giáo dục sửa đổi)"][1:3] == ["10/06/2026", "Quá hạn"]
    assert by_id["PL-25"][1:3] == ["31/12/2025", "Quá hạn"]
    assert by_id["PL-04"][1:3] == ["31/12/2025", "Hoàn thành quá hạn"]
    assert by_id["PL-04"][3].startswith("20/03/2026; ")
    assert by_id["PL-31"][:3] == ["Sở Y tế", "31/12/2025", "Hoàn thành đúng hạn"]
    assert by_id["PL-31"][3].startswith("15/10/2025; ")
    assert by_id["PL-02 (Luật Học tập suốt đời)"][1:3] == ["Khi Luật được ban hành", "Chờ sự kiện"]
    assert by_id["PL-19"][:3] == ["Sở Tài chính", "31/12/2026", "Đang thực hiện trong hạn"]


def test_charts_are_embedded(draft: Any, check_json: Any) -> None:
    with_data = [t for t in check_json["targets"] if t["history"]]
    assert len(draft.inline_shapes) == len(with_data) == 28  # 35 targets, 7 with no figure
    captions = [p.text for p in draft.paragraphs if p.text.startswith("Hình ")]
    # the last target with a figure is the invented breakdown, one point: not enough data
    assert len(captions) == 28 and captions[-1].endswith(" — Chưa đủ số liệu")
    # identical charts (same figures, same goal) share one image part: hoan-thanh-tieu-hoc
    # and chuyen-cap-tieu-hoc-thcs are both 99.6 -> 99.7 against >= 99.5, so 28 - 1 = 27
    # (pcgd-thcs-muc-2-tinh and pcgd-thcs-duy-tri read the same 2, 2 but against 2 and 1)
    images = [p for p in draft.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 27
    assert all(p.blob.startswith(b"\x89PNG") for p in images)


def test_layout_is_the_administrative_one(draft: Any) -> None:
    from docx.shared import Mm

    section = draft.sections[0]
    sizes = {
        "page_width": 210,
        "page_height": 297,
        "left_margin": 30,
        "right_margin": 15,
        "top_margin": 20,
        "bottom_margin": 20,
    }
    for name, mm in sizes.items():  # stored in twentieths of a point
        assert abs(getattr(section, name) - Mm(mm)) < Mm(0.05), name
    assert draft.styles["Normal"].font.name == "Times New Roman"
    fonts = {r.font.name or p.style.font.name for p in draft.paragraphs for r in p.runs if r.text}
    assert fonts == {"Times New Roman"}


def test_the_issuing_unit_can_be_chosen(tmp_path: Path) -> None:
    out = tmp_path / "tc.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--format",
        "docx",
        "--unit",
        "Sở Tài chính",
        "--output",
        str(out),
        code=1,
    )
    lines = cell_lines(docx.Document(str(out)).tables[0])
    assert lines[1] == "SỞ TÀI CHÍNH"
    _, err = run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--format",
        "docx",
        "--unit",
        "nowhere",
        "--output",
        str(tmp_path / "x.docx"),
        code=2,
    )
    assert "nowhere" in err and not (tmp_path / "x.docx").exists()
