"""The Word draft of the periodic report, opened with python-docx.

Checked: the administrative heading of Nghị định 30/2020/NĐ-CP (issuing body, national
motto, number and date lines), the title built from the plan's number, the headings, the
marked sections left for a person, the two result tables' row counts, the embedded charts,
the font and the A4 page with its margins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, run_both, run_json

docx = pytest.importorskip("docx")
pytest.importorskip("matplotlib")

AS_OF = "2026-12-31"


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


def plan_number() -> str:
    from kh284.validate.dataset import load_dataset

    plan = load_dataset(DEMO).plan
    assert plan is not None
    return plan.number


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
    number = plan_number()
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


def test_charts_are_embedded(draft: Any, check_json: Any) -> None:
    with_data = [t for t in check_json["targets"] if t["history"]]
    assert len(draft.inline_shapes) == len(with_data)
    # identical charts (same figures, same goal) share one image part
    images = [p for p in draft.part.package.parts if p.content_type == "image/png"]
    assert 0 < len(images) <= len(with_data)
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
