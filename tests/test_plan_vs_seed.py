"""Check data/plan.yaml against the published text of Kế hoạch 284/KH-UBND (the seed).

The seed is kept with the tests, in ``tests/data/seed`` (``tests/data/README.md`` says
whence), so a clone alone runs these tests.

Section rule (see the head of plan.yaml): a published numbered line, without its number,
is rebuilt from a section as ``title + ": " + text``, ``title`` alone or ``text`` alone; a
paragraph printed on its own line below a heading is part of that item's text, so a heading
with its paragraph is ``title + "\\n" + text``.  A bullet's text is the bullet line without
``"- "`` (plus any continuation line, joined with ``"\\n"``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kh284.validate.models import PlanFile, UnitsFile

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests/data/seed/ke-hoach-284-KH-UBND-2025.txt"
PLAN = REPO / "data/plan.yaml"
UNITS = REPO / "data/units.yaml"

TOP_RE = re.compile(r"([IVX]+)\. (.+)")
ITEM_RE = re.compile(r"(\d+)\. (.+)")
SUB_RE = re.compile(r"(\d+)\.(\d+)\. (.+)")
ROW_RE = re.compile(r"\d+ \|")

Section = dict[str, Any]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return _load(PLAN)


# --------------------------------------------------------------------------- helpers


def seed_blocks(lines: list[str]) -> dict[str, list[str]]:
    """Map each section id of the seed's body (I-IV) to its published lines, in order.

    Numbers are stripped ("2.4. X" -> "X", "- X" -> "X"); a line that is neither numbered
    nor a bullet continues the section above it (a heading's paragraph or a split bullet).
    """
    start = lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    end = next(i for i, line in enumerate(lines) if line.startswith("Trên đây là"))
    blocks: dict[str, list[str]] = {}
    bullets: Counter[str] = Counter()
    top = item = sub = current = ""
    for line in lines[start:end]:
        assert line.strip(), "unexpected blank line in the seed's body"
        if m := TOP_RE.fullmatch(line):
            top, item, sub = m[1], "", ""
            current, rest = top, m[2]
        elif m := SUB_RE.fullmatch(line):
            assert item == f"{top}.{m[1]}", f"sub-item {line[:10]!r} outside item {item}"
            sub = f"{item}.{m[2]}"
            current, rest = sub, m[3]
        elif m := ITEM_RE.fullmatch(line):
            item, sub = f"{top}.{m[1]}", ""
            current, rest = item, m[2]
        elif line.startswith("- "):
            parent = sub or item
            bullets[parent] += 1
            current, rest = f"{parent}-{bullets[parent]}", line[2:]
        else:
            blocks[current].append(line)
            continue
        blocks[current] = [rest]
    return blocks


def appendix_rows(lines: list[str]) -> list[list[str]]:
    """The appendix table's data rows as lists of stripped cells."""
    start = lines.index("PHỤ LỤC")
    rows = []
    for line in lines[start:]:
        if ROW_RE.match(line):
            cells = [cell.strip() for cell in line.split("|")]
            assert cells[-1] == "", f"row does not end with '|': {line[:40]!r}"
            rows.append(cells[:-1])
    return rows


def walk(sections: list[Section]) -> Iterator[Section]:
    """All sections, depth first, in document order."""
    for section in sections:
        yield section
        yield from walk(section.get("items") or [])


def renderings(section: Section) -> set[str]:
    """The published forms a section's title and text can stand for."""
    title, text = section.get("title"), section.get("text")
    if title is not None and text is not None:
        return {f"{title}: {text}", f"{title}\n{text}"}
    return {title if title is not None else text}


def is_bullet(section_id: str) -> bool:
    return "-" in section_id


# --------------------------------------------------------------------------- tests


def test_files_validate() -> None:
    PlanFile.model_validate(_load(PLAN))
    UnitsFile.model_validate(_load(UNITS))


def test_appendix_rows_match_seed(seed_lines: list[str], plan: dict[str, Any]) -> None:
    rows = appendix_rows(seed_lines)
    tasks = plan["appendix"]["tasks"]
    assert len(rows) == 34
    assert len(tasks) == len(rows)
    for row, task in zip(rows, tasks, strict=True):
        number, text, lead, coordinating, deadline = row
        where = f"appendix row {number}"
        assert task["id"] == f"PL-{int(number):02d}", where
        assert task["number"] == int(number), where
        assert task["text"] == text, where
        assert task["lead_text"] == lead, where
        assert task["coordinating_text"] == coordinating, where
        assert task["deadline"]["text"] == deadline, where


def test_body_lines_match_seed(seed_lines: list[str], plan: dict[str, Any]) -> None:
    blocks = seed_blocks(seed_lines)
    sections = {s["id"]: s for s in walk(plan["sections"])}
    for section_id, published in blocks.items():
        assert section_id in sections, f"{section_id} missing from plan.yaml"
        assert "\n".join(published) in renderings(sections[section_id]), section_id
    # Nothing extra, and the same order as published.
    assert list(sections) == list(blocks)


@pytest.mark.parametrize("top", ["I", "II", "III", "IV"])
def test_numbered_item_counts(seed_lines: list[str], plan: dict[str, Any], top: str) -> None:
    in_seed = [i for i in seed_blocks(seed_lines) if i.startswith(f"{top}.")]
    (section,) = (s for s in plan["sections"] if s["id"] == top)
    in_plan = [s["id"] for s in walk(section["items"])]
    assert len([i for i in in_plan if not is_bullet(i)]) == len(
        [i for i in in_seed if not is_bullet(i)]
    )
    assert len([i for i in in_plan if is_bullet(i)]) == len([i for i in in_seed if is_bullet(i)])


def test_front_and_back_matter_match_seed(seed_lines: list[str], plan: dict[str, Any]) -> None:
    heading = seed_lines.index("KẾ HOẠCH")
    assert plan["title"] == "\n".join(seed_lines[heading : heading + 2])
    bases = [line for line in seed_lines if line.startswith("Căn cứ ")]
    assert [b["text"] for b in plan["legal_bases"]] == bases
    for basis in plan["legal_bases"]:
        assert basis["number"] in basis["text"]
    assert plan["preamble"] in seed_lines
    assert plan["closing"] in seed_lines
    assert f"| {plan['signature']} |" in seed_lines
    appendix = seed_lines.index("PHỤ LỤC")
    assert plan["appendix"]["title"] == seed_lines[appendix + 1]
    assert plan["appendix"]["subtitle"] == seed_lines[appendix + 2]
    related = [f"- {d['number']} {d['title']}" for d in plan["related_documents"]]
    assert related == seed_lines[1:7]
    for doc in plan["related_documents"]:
        assert doc.get("document_number", "") in doc["title"]


def test_ids_are_unique(plan: dict[str, Any]) -> None:
    for ids in (
        [s["id"] for s in walk(plan["sections"])],
        [t["id"] for t in plan["appendix"]["tasks"]],
        [b["id"] for b in plan["legal_bases"]],
        [d["number"] for d in plan["related_documents"]],
    ):
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates


def test_section_ids_follow_nesting(plan: dict[str, Any]) -> None:
    for section in walk(plan["sections"]):
        for child in section.get("items") or []:
            assert child["id"].startswith((f"{section['id']}.", f"{section['id']}-"))
            assert not is_bullet(section["id"]), f"{section['id']} is a bullet with items"


def test_unit_ids_exist(plan: dict[str, Any]) -> None:
    units = {u["id"] for u in _load(UNITS)["units"]}
    used = {plan["issuer"]}
    for section in walk(plan["sections"]):
        used.update(section.get("responsible") or [])
    for task in plan["appendix"]["tasks"]:
        used.update(task["lead"])
        used.update(task.get("coordinating") or [])
    assert used <= units, sorted(used - units)


def test_errata_point_at_published_text(plan: dict[str, Any]) -> None:
    texts = {t["id"]: t["text"] for t in plan["appendix"]["tasks"]}
    texts.update({s["id"]: s.get("text") or "" for s in walk(plan["sections"])})
    for erratum in plan["errata"]:
        assert erratum["text"] in texts[erratum["where"]], erratum["where"]


def test_the_published_slips_and_the_pl14_lead_are_flagged_and_p403_is_not() -> None:
    # issue 16: the seed's "522/QĐ/TTg" (III.4.1-2, seed line 94), "giáo dục giáo dục nghề
    # nghiệp" (III.4.1-3, line 95) and PL-31's "y tế học đường" (line 183) against
    # III.3.2's "y tế trường học" (line 84) are errata; PL-14 has Sở KH&CN leading where
    # III.1.3 has it only "phối hợp với Sở Giáo dục và Đào tạo"; PL-24, PL-25 (due 2025,
    # for 2026 - 2035) and PL-34 (due 2029, for 2030 - 2045) prepare their period: no P403.
    from conftest import run_json

    data = run_json("validate", "--data-dir", str(REPO / "data"), "--lang", "en")
    found = [(d["code"], d["message"]) for d in data["diagnostics"]]
    slips = sorted(m for c, m in found if c == "P404")
    assert slips == [
        "The source at III.4.1-2 reads '522/QĐ/TTg' for '522/QĐ-TTg' (kept as published)",
        "The source at III.4.1-3 reads 'giáo dục giáo dục nghề nghiệp' for 'giáo dục nghề "
        "nghiệp' (kept as published)",
        "The source at PL-03 reads 'anh ninh' for 'an ninh' (kept as published)",
        "The source at PL-31 reads 'y tế học đường' for 'y tế trường học' (kept as published)",
    ]
    assert [m for c, m in found if c == "P408"] == [
        "Task PL-14 has Sở KH&CN leading, but III.1.3, which it repeats, has Sở GD&ĐT leading"
    ]
    assert [c for c, _ in found if c == "P403"] == []
