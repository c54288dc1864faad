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

from conftest import DEMO, DEMO_TARGET_LABELS, DEMO_TASK_LABELS, report_content, run_both, run_json
from kh284.i18n.statuses import target_look, task_look

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
    # the code of so-gddt and the place of ubnd-tinh-thai-nguyen: plan.yaml issuing_bodies
    assert lines[4] == "Số:        /BC-SGDĐT"
    # the place is the issuing body's (Thái Nguyên from 1/7/2025), not the plan's Bắc Kạn
    assert lines[5] == "Thái Nguyên, ngày 31 tháng 12 năm 2026"
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
        # the demo's plan sets a reporting calendar, so its JSON has a `reporting` section
        "3. Tình hình báo cáo của các đơn vị",
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
    # each status is its shape then its word (its record in i18n.statuses), the shape one
    # that Times New Roman has (Look.core_symbol)
    labels = [row.cells[4].text for row in targets.rows[1:]]
    assert labels == [
        f"{target_look(t['status']).core_symbol} {t['label']}" for t in check_json["targets"]
    ]
    tasks = table_with(draft, "Nhiệm vụ")
    assert len(tasks.rows) == len(check_json["tasks"]) + 1
    assert [row.cells[4].text for row in tasks.rows[1:]] == [
        f"{task_look(t['status']).core_symbol} {t['label']}" for t in check_json["tasks"]
    ]
    # one word for the status column in all three outputs: the dashboard's "Đánh giá"
    assert targets.rows[0].cells[4].text == tasks.rows[0].cells[4].text == "Đánh giá"
    rate = check_json["headline"]["completion_rate"]
    assert any(f"{rate:.0f} %" in p.text for p in draft.paragraphs)


def test_results_are_the_hand_worked_ones(draft: Any) -> None:
    texts = [p.text for p in draft.paragraphs]
    assert (
        "Tỷ lệ hoàn thành nhiệm vụ đã đến hạn: 44 % "
        "(4/9 nhiệm vụ; đúng hạn 3; quá hạn chưa hoàn thành 5)."
    ) in texts
    # what cannot be judged first: 7 with no data and 2 with not enough (DEMO_TARGET_LABELS),
    # who owes their figures; 9 falling short (5 + 2 + 1 + 1); 17 achieved or on track
    assert any(
        t.startswith(
            "Trong 35 chỉ tiêu, 9 chỉ tiêu chưa đánh giá được (chờ số liệu của Sở GD&ĐT); "
            "9 chỉ tiêu chưa đạt yêu cầu; 17 chỉ tiêu đạt hoặc đúng tiến độ."
        )
        for t in texts
    ), texts
    assert any(
        t.endswith(
            "Đánh giá 35 chỉ tiêu theo phương pháp tiến độ SDG của Liên Hợp Quốc: đã đạt 10; "
            "đúng tiến độ 7; cần đẩy nhanh 5; chững lại/đi lùi 2; không duy trì 1; không đạt 1; "
            "chưa có số liệu 7; chưa đủ số liệu 2. Kết quả và biểu đồ từng chỉ tiêu tại Phụ lục "
            "kèm theo."
        )
        for t in texts
    )
    targets = [[c.text for c in row.cells] for row in table_with(draft, "Chỉ tiêu").rows[1:]]
    assert len(targets) == 35
    assert Counter(row[4].split(" ", 1)[1] for row in targets) == TARGET_LABELS
    # No., target, goal, latest value, status, why
    by_name = {row[1]: row[2:5] for row in targets}
    assert by_name["Tỷ lệ huy động trẻ độ tuổi nhà trẻ đến trường"] == [
        "≥ 38 % (2030)",  # the goal with its target year
        "34,5 % (2026)",  # the decimal comma and the spaced sign of Vietnamese documents
        "▲ Đúng tiến độ",
    ]
    assert by_name["Tỷ lệ hoàn thành cấp trung học cơ sở"] == [
        "≥ 99 % (2030)",
        "97,5 % (2026)",
        "▼ Chững lại/đi lùi",
    ]
    assert by_name["Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo"] == [
        "≥ 20 % /năm (2030)",
        "19,3 % (2026)",
        "■ Không duy trì",
    ]
    assert by_name["Số huyện, thành phố đạt chuẩn xóa mù chữ mức độ 2"] == [
        "≥ 8 (2030)",
        "5 (2026)",
        "♦ Cần đẩy nhanh",
    ]
    tasks = [[c.text for c in row.cells] for row in table_with(draft, "Nhiệm vụ").rows[1:]]
    assert len(tasks) == 36
    assert Counter(row[4].split(" ", 1)[1] for row in tasks) == TASK_LABELS
    # No., "id: task", lead unit, deadline, status, result; an overdue task's result says
    # how long it is overdue, as the dashboard does (days from the due date to 31/12/2026):
    #   PL-03 27/12/2025: 4 + 365 = 369; PL-15 24/11/2025: 6 + 31 + 365 = 402;
    #   PL-02 10/06/2026: 20 + 31 + 31 + 30 + 31 + 30 + 31 = 204; PL-25 31/12/2025: 365
    by_id = {row[1].split(":")[0]: row[2:6] for row in tasks}
    assert by_id["PL-03"] == ["Bộ CHQS tỉnh", "27/12/2025", "× Quá hạn", "quá hạn 369 ngày"]
    assert by_id["PL-15"] == ["CĐ Bắc Kạn", "24/11/2025", "× Quá hạn", "quá hạn 402 ngày"]
    assert by_id["PL-02 (Luật Giáo dục sửa đổi)"][1:] == [
        "10/06/2026",
        "× Quá hạn",
        "quá hạn 204 ngày",
    ]
    assert by_id["PL-25"][1:] == ["31/12/2025", "× Quá hạn", "quá hạn 365 ngày"]
    assert by_id["PL-04"][1:3] == ["31/12/2025", "◙ Hoàn thành quá hạn"]
    assert by_id["PL-04"][3].startswith("20/03/2026; ")
    assert by_id["PL-31"][:3] == ["Sở Y tế", "31/12/2025", "● Hoàn thành đúng hạn"]
    assert by_id["PL-31"][3].startswith("15/10/2025; ")
    assert by_id["PL-02 (Luật Học tập suốt đời)"][1:] == [
        "Khi Luật được ban hành",
        "◊ Chờ sự kiện",
        "",
    ]
    assert by_id["PL-19"][:3] == ["Sở Tài chính", "31/12/2026", "▲ Đang thực hiện trong hạn"]


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
    # so-tc has no entry in issuing_bodies: no code to print, and its superior's place
    assert lines[4] == "Số:        /BC-……"
    assert lines[5] == "Thái Nguyên, ngày 31 tháng 12 năm 2026"
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


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Nghị định 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a zero
        ("2026-02-05", "Thái Nguyên, ngày 05 tháng 02 năm 2026"),
        ("2026-03-15", "Thái Nguyên, ngày 15 tháng 3 năm 2026"),
        ("2026-01-09", "Thái Nguyên, ngày 09 tháng 01 năm 2026"),
        ("2026-12-01", "Thái Nguyên, ngày 01 tháng 12 năm 2026"),
        ("2026-10-10", "Thái Nguyên, ngày 10 tháng 10 năm 2026"),
    ],
)
def test_place_and_date_line_pads_as_decree_30_says(day: str, expected: str) -> None:
    import datetime as dt

    from kh284.reports.docx_report import place_date

    assert place_date("Thái Nguyên", dt.date.fromisoformat(day), "vi") == expected


def test_before_the_merger_the_place_is_bac_kan(tmp_path: Path) -> None:
    # as of 05/02/2025 ubnd-tinh (Bắc Kạn) still exists (valid_until 2025-06-30): it is the
    # superior body and plan.yaml issuing_bodies gives it the place "Bắc Kạn"
    out = tmp_path / "early.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        "2025-02-05",
        "--format",
        "docx",
        "--output",
        str(out),
        code=None,
    )
    lines = cell_lines(docx.Document(str(out)).tables[0])
    assert lines[0] == "UBND TỈNH BẮC KẠN"
    assert lines[5] == "Bắc Kạn, ngày 05 tháng 02 năm 2025"


def test_rows_stay_on_one_page_and_headers_repeat(draft: Any) -> None:
    from docx.oxml.ns import qn

    for table in (table_with(draft, "Chỉ tiêu"), table_with(draft, "Nhiệm vụ")):
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_english_draft_writes_english_figures(tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--format",
        "docx",
        "--lang",
        "en",
        "--output",
        str(out),
        code=1,
    )
    document = docx.Document(str(out))
    targets = table_with(document, "Target")
    first = [c.text for c in targets.rows[1].cells]  # nha-tre-huy-dong, the first target
    assert first[2:4] == ["≥ 38% (2030)", "34.5% (2026)"]
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Completion of tasks already due: 44% ") for t in texts)


def test_reporting_section_is_a_table_per_unit(tmp_path: Path) -> None:
    """The reports by unit: a sentence naming the units that owe, and an appendix table.

    The units are the model's (``UnitView.reports`` and ``UnitView.owed``, made by hand
    here); a unit is shown by its full name, its counts flush right, the most missing first,
    with what it still owes one phrase per kind; units owing the same are named together.
    """
    import dataclasses
    import datetime as dt

    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from kh284.reports import docx_report
    from kh284.views import OwedItem, UnitView

    content = report_content(DEMO, dt.date(2026, 12, 31), "vi")

    def owed(kind: str, subject: str, n: int = 1) -> tuple[OwedItem, ...]:
        due = dt.date(2026, 1, 31)
        return tuple(
            OwedItem(kind, f"{subject}{i}", subject, 2025, due, "missing", 334) for i in range(n)
        )

    units = (
        UnitView(
            "so-tai-chinh",
            "Sở Tài chính",
            "Sở TC",
            reports={"owed": 5, "on_time": 1, "late": 1, "missing": 3},
            owed=owed("figure", "ngan-sach", 2) + owed("unit_plan", "IV.1"),
        ),
        UnitView(
            "so-gddt",
            "Sở Giáo dục và Đào tạo",
            "Sở GD&ĐT",
            reports={"owed": 1200, "on_time": 1100, "late": 99, "missing": 1},
            owed=owed("unit_plan", "IV.1"),
        ),
        UnitView(
            "so-y-te",
            "Sở Y tế",
            "Sở Y tế",
            reports={"owed": 1, "on_time": 1, "late": 0, "missing": 0},
        ),
        UnitView(
            "cong-an",
            "Công an tỉnh",
            "Công an tỉnh",
            reports={"owed": 1, "on_time": 0, "late": 0, "missing": 1},
            owed=owed("unit_plan", "IV.1"),
        ),
        UnitView("bo-chqs", "Bộ CHQS", "Bộ CHQS", led=2),  # no reports counted: not listed
    )
    view = dataclasses.replace(content.view)
    view.__dict__["model"] = dataclasses.replace(content.model, units=units)
    out = tmp_path / "r.docx"
    out.write_bytes(docx_report.render(dataclasses.replace(content, view=view), {}, "so-gddt"))
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "3. Tình hình báo cáo của các đơn vị" in texts
    assert (
        "Đến ngày 31/12/2026, 3 đơn vị còn nợ báo cáo: Sở TC (số liệu năm 2025 của 2 chỉ tiêu, "
        "kế hoạch triển khai năm 2025); Sở GD&ĐT, Công an tỉnh (kế hoạch triển khai năm 2025)."
    ) in texts
    table = table_with(document, "Đơn vị")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Đơn vị", "Phải báo cáo", "Đúng hạn", "Muộn", "Còn thiếu", "Còn nợ"],
        [
            "1",
            "Sở Tài chính",
            "5",
            "1",
            "1",
            "3",
            "số liệu năm 2025 của 2 chỉ tiêu, kế hoạch triển khai năm 2025",
        ],
        ["2", "Công an tỉnh", "1", "0", "0", "1", "kế hoạch triển khai năm 2025"],
        # 1.200: thousands
        [
            "3",
            "Sở Giáo dục và Đào tạo",
            "1.200",
            "1.100",
            "99",
            "1",
            "kế hoạch triển khai năm 2025",
        ],
        ["4", "Sở Y tế", "1", "1", "0", "0", ""],
    ]
    # numbers flush right, text flush left
    row = table.rows[1].cells
    assert [c.paragraphs[0].alignment for c in row[2:6]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 4
    assert row[1].paragraphs[0].alignment is None
    # the table is in the appendix, after the PHỤ LỤC heading
    body = [p.text for p in document.paragraphs]
    assert body.index("PHỤ LỤC") < body.index("III. Tình hình báo cáo của các đơn vị")
    # without a reporting calendar (no unit's reports counted) there is no such heading
    plain_units = tuple(dataclasses.replace(u, reports=None, owed=()) for u in units)
    view.__dict__["model"] = dataclasses.replace(content.model, units=plain_units)
    plain = tmp_path / "plain.docx"
    plain.write_bytes(docx_report.render(dataclasses.replace(content, view=view), {}, "so-gddt"))
    assert "3. Tình hình báo cáo của các đơn vị" not in [
        p.text for p in docx.Document(str(plain)).paragraphs
    ]


# -- issue 22: the draft as a clerk files it ------------------------------------------------


def _body_order(document: Any) -> list[tuple[str, Any]]:
    """The document's paragraphs and tables in the order they stand."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found: list[tuple[str, Any]] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            found.append(("p", Paragraph(child, document)))
        elif child.tag.endswith("}tbl"):
            found.append(("t", Table(child, document)))
    return found


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_tables_stand_in_the_appendix_after_a_prose_body(draft: Any) -> None:
    order = _body_order(draft)
    texts = [x.text if kind == "p" else None for kind, x in order]
    appendix = texts.index("PHỤ LỤC")
    tables = [i for i, (kind, x) in enumerate(order) if kind == "t" and len(x.columns) > 2]
    # every data table (not the heading's layout tables) comes after the PHỤ LỤC heading
    assert tables and min(tables) > appendix
    assert texts.index("I. Kết quả thực hiện các chỉ tiêu") < tables[0]
    # the body names what needs action in sentences: the overdue tasks and their units,
    # the targets falling short, the units that owe reports
    body = " ".join(t for t in texts[:appendix] if t)
    for task, days in (("PL-15", 402), ("PL-03", 369), ("PL-25", 365)):
        assert f"{task} – " in body and f"quá hạn {days} ngày" in body, task
    assert "Các chỉ tiêu chưa đạt yêu cầu (9): " in body
    assert (
        "Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo (không duy trì; 19,3 % (2026)" in body
    )
    assert "đơn vị còn nợ báo cáo: Sở GD&ĐT (số liệu năm 2025 của " in body


def test_every_task_is_worded_in_full(draft: Any) -> None:
    import yaml

    plan = yaml.safe_load((DEMO / "plan.yaml").read_text(encoding="utf-8"))
    tasks = table_with(draft, "Nhiệm vụ")
    shown = [" ".join(row.cells[1].text.split()) for row in tasks.rows[1:]]
    assert not any(text.endswith("…") for text in shown)
    for task in plan["appendix"]["tasks"]:
        wording = " ".join(str(task["text"]).split())
        assert any(text.endswith(f": {wording}") for text in shown), task["id"]


def test_no_unit_or_area_id_reaches_the_reader(draft: Any, tmp_path: Path) -> None:
    import re

    import yaml

    ids = [u["id"] for u in yaml.safe_load((DEMO / "units.yaml").read_text())["units"]]
    # as of 30/06/2025 most areas' figures are missing: the reason names them (issue 22)
    out = tmp_path / "mid.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        "2025-06-30",
        "--format",
        "docx",
        "--output",
        str(out),
        code=None,
    )
    for document in (draft, docx.Document(str(out))):
        text = _all_text(document)
        found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert found == []


def test_status_shapes_are_glyphs_times_new_roman_has(draft: Any) -> None:
    from kh284.i18n.statuses import TARGET_STATUSES, TASK_STATUSES

    # WGL4's shapes (every Times New Roman since Windows 95 has them) and the Latin-1 ×
    wgl4 = set("■□▪▫▬▲►▼◄◊○●◘◙◦♠♣♥♦∞×↔")
    for table in (TARGET_STATUSES, TASK_STATUSES):
        shapes = [look.core_symbol for look in table.values()]
        assert set(shapes) <= wgl4
        assert len(set(shapes)) == len(shapes)  # still one shape per status
    statuses = {
        row.cells[4].text.split(" ", 1)[0] for row in table_with(draft, "Chỉ tiêu").rows[1:]
    }
    assert statuses <= wgl4


def test_numbers_flush_right_and_cells_padded(draft: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    targets = table_with(draft, "Chỉ tiêu")
    assert targets.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    margins = targets._tbl.tblPr.find(qn("w:tblCellMar"))
    assert margins is not None
    assert all(int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) > 0 for side in ("left", "right"))


def test_english_draft_is_in_english_words(tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    run_both(
        "report",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--format",
        "docx",
        "--lang",
        "en",
        "--output",
        str(out),
        code=1,
    )
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "DRAFT" and "APPENDIX" in texts
    text = _all_text(document)
    assert "DỰ THẢO" not in text and "CỘNG HÒA" not in text and "PHỤ LỤC" not in text
    # the data's English names, where it has them (units.yaml name_en)
    assert "Department of Education and Training" in text
    assert "Sở Giáo dục và Đào tạo" not in text
