"""Issue 25: another body's document is data — a ministry reporting on a Government programme.

``examples/chuong-trinh-bo`` (invented, in the shape of the Government's Nghị quyết
51/NQ-CP reported on by Bộ GDĐT) is checked as of 31/12/2026 against values worked out by
hand from its files:

- the plan is ``kind: "Nghị quyết"``, number ``51/NQ-CP``: every output names it
  "Nghị quyết số 51/NQ-CP" ("Resolution 51/NQ-CP"), never "Kế hoạch số 51/NQ-CP";
- Bộ GDĐT's ``issuing_bodies`` entry has ``superior: null``: its Word heading has no line
  above "BỘ GIÁO DỤC VÀ ĐÀO TẠO";
- the count over the 34 provinces of ``viet-nam`` (``area_level: country``): 26 provinces at
  level 3 in 2025 (every fourth, from the fourth, at level 2: 34 - 8), 29 in 2026 (three
  more): achieved against 26;
- NV-02 "Tháng 12/2025" is due 31/12/2025 and done 15/12/2025 (on time); NV-03 "Quý I hằng
  năm" from 2026 is due 31/03/2026 and done 25/03/2026; NV-05 waits for Nghị quyết
  218/2025/QH15 of 26/06/2025 + 6 months = 26/12/2025, done 10/02/2026 (late); NV-04 "Từ năm
  2027" has no deliverable yet; NV-01 "Tổng kết … giai đoạn 2018 - 2025" due 2026 is no P403;
- ``unit_plans`` names two groups that each owe (``each_owes``): of the 4 ministries Bộ
  GDĐT and Bộ TC sent theirs on time, of the 34 provinces Hà Nội sent its plan late
  (15/10/2025, due 30/09/2025): 2 + 33 = 35 plans missing, each member by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_both, run_cli, run_json

EXAMPLE = ROOT / "examples" / "chuong-trinh-bo"
AS_OF = "2026-12-31"


@pytest.fixture(scope="module")
def checked() -> Any:
    return run_json("check", "--data-dir", str(EXAMPLE), "--as-of", AS_OF, code=0)


def test_the_example_validates_without_a_finding() -> None:
    _, err = run_both("validate", "--data-dir", str(EXAMPLE), "--lang", "en", code=0)
    assert "0 errors, 0 warnings" in err


def test_a_count_over_the_provinces_of_the_country(checked: Any) -> None:
    target = next(t for t in checked["targets"] if t["id"] == "pcgd-tieu-hoc-muc-3-tinh")
    assert (target["status"], target["value"], target["year"]) == ("achieved", 29, 2026)
    parts = target["components"]
    assert (parts["baseline_year"], parts["baseline_value"]) == (2025, 26)
    assert len(parts["areas"]) == 34
    assert sum(1 for a in parts["areas"] if a["counts"]) == 29
    national = next(t for t in checked["targets"] if t["id"] == "mau-giao-huy-dong")
    assert (national["value"], national["year"]) == (98.4, 2026)


def test_the_new_deadline_forms(checked: Any) -> None:
    by_id = {(t["id"], t["deliverable"]): t for t in checked["tasks"]}
    assert (by_id[("NV-02", None)]["due"], by_id[("NV-02", None)]["status"]) == (
        "2025-12-31",
        "done_on_time",
    )
    assert by_id[("NV-02", None)]["deadline_text"] == "Tháng 12/2025"
    assert by_id[("NV-03", "2026")]["due"] == "2026-03-31"
    assert by_id[("NV-03", "2026")]["deadline_text"] == "Quý I hằng năm"
    assert (by_id[("NV-05", None)]["due"], by_id[("NV-05", None)]["status"]) == (
        "2025-12-26",
        "done_late",
    )
    assert not [t for t in checked["tasks"] if t["id"] == "NV-04"]
    codes = {d["code"] for d in checked["diagnostics"]}
    assert "P403" not in codes and "P408" not in codes


def test_each_member_of_a_group_owes_its_own_plan(checked: Any) -> None:
    missing = [m for m in checked["reporting"]["missing"] if m["kind"] == "unit_plan"]
    units = {m["unit"] for m in missing}
    assert len(missing) == 35
    assert {"bo-noi-vu", "bo-khcn", "an-giang", "ho-chi-minh"} <= units
    assert not {"bo-gddt", "bo-tai-chinh", "ha-noi", "cac-bo-nganh", "ubnd-cac-tinh"} & units
    rows = {r["unit"]: r for r in checked["reporting"]["units"]}
    assert (rows["ha-noi"]["owed"], rows["ha-noi"]["late"]) == (1, 1)


def test_missing_names_each_province(checked: Any) -> None:
    out = run_cli("missing", "--data-dir", str(EXAMPLE), "--as-of", AS_OF, code=None)
    assert "UBND An Giang" in out and "UBND TP Hồ Chí Minh" in out
    assert "UBND các tỉnh, thành phố" not in out


@pytest.mark.parametrize(
    ("lang", "name"), [("vi", "Nghị quyết số 51/NQ-CP"), ("en", "Resolution 51/NQ-CP")]
)
def test_the_dashboard_names_the_document_as_itself(tmp_path: Path, lang: str, name: str) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "bao-cao.html"
    args = ("--data-dir", str(EXAMPLE), "--as-of", AS_OF, "--lang", lang, "-o", str(out))
    run_both("report", *args, code=0)
    page = out.read_text("utf-8")
    assert name in page
    assert "Kế hoạch số 51" not in page and "plan 51" not in page.lower()


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Any:
    docx = pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    out = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    args = ("--data-dir", str(EXAMPLE), "--as-of", AS_OF, "--format", "docx", "-o", str(out))
    run_both("report", *args, code=0)
    return docx.Document(str(out))


def test_the_word_draft_names_the_resolution(draft: Any) -> None:
    texts = [p.text for p in draft.paragraphs]
    assert draft.core_properties.title == "Báo cáo kết quả thực hiện Nghị quyết số 51/NQ-CP"
    kind = texts.index("BÁO CÁO")
    assert (
        texts[kind + 1] == "Kết quả thực hiện Nghị quyết số 51/NQ-CP ngày 18/3/2025 của Chính phủ"
    )
    assert any(t.startswith("Thực hiện Nghị quyết số 51/NQ-CP ngày 18/3/2025") for t in texts)
    assert (
        "Trên đây là báo cáo kết quả thực hiện Nghị quyết số 51/NQ-CP của Bộ Giáo dục và Đào tạo./."
        in texts
    )
    assert not any("Kế hoạch số" in t for t in texts)


def test_a_body_without_a_superior_heads_with_its_own_name(draft: Any) -> None:
    left = draft.tables[0].cell(0, 0)
    assert [p.text for p in left.paragraphs if p.text] == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO"]
    assert draft.tables[0].cell(1, 0).paragraphs[0].text == "Số:        /BC-BGDĐT"
    assert draft.tables[0].cell(1, 1).paragraphs[0].text == "Hà Nội, ngày 31 tháng 12 năm 2026"


def test_provinces_that_name_no_parent_lie_in_the_one_country(tmp_path: Path) -> None:
    # the same example with no province naming `parent_area: viet-nam`: the country is the
    # one area of the highest level, so its provinces are still the 34 counted
    import shutil

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    units = data / "units.yaml"
    text = units.read_text("utf-8")
    units.write_text(text.replace("    parent_area: viet-nam\n", ""), "utf-8")
    assert "parent_area" not in units.read_text("utf-8")
    checked = run_json("check", "--data-dir", str(data), "--as-of", AS_OF, code=0)
    target = next(t for t in checked["targets"] if t["id"] == "pcgd-tieu-hoc-muc-3-tinh")
    assert (target["status"], target["value"], len(target["components"]["areas"])) == (
        "achieved",
        29,
        34,
    )
