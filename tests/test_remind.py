"""``kh284 remind``: a reminder letter (công văn đôn đốc) to each unit that owes something.

On the demo (examples/demo, invented) as of 31/12/2026, worked out from ``kh284 missing``
and ``kh284 overdue`` (tests/test_reporting.py has their arithmetic): Sở GD&ĐT owes three
overdue tasks (PL-24, PL-25, PL-02 for the amended Law on Education) and 11 figures for
2025; Sở Tài chính the 2025 budget share (due 31/01/2026, 334 days late) and its own plan
(IV.1, due 30/06/2025, 549 days late); Bộ CHQS tỉnh PL-03 and its own plan; Trường CĐ
Bắc Kạn PL-15; seven other departments their own plans; and the 8 former district People's
Committees, ceased on 30/06/2025, owed their own plans, which passed to the commune level
(UBND cấp xã).  Eleven letters.  Every letter is read back from its .docx.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, run_both, run_json

docx = pytest.importorskip("docx")

AS_OF = "31/12/2026"
LETTERS = {
    "so-gd-dt",
    "so-vhttdl",
    "so-kh-cn",
    "so-noi-vu",
    "so-tai-chinh",
    "so-nn-mt",
    "so-xay-dung",
    "cong-an-tinh",
    "bo-chqs-tinh",
    "cd-bac-kan",
    "ubnd-cap-xa",
}
#: Unit ids of the demo that a letter must never print.
UNIT_IDS = re.compile(r"\b(so-[a-z-]+|ubnd-[a-z-]+|ba-be|bac-kan|cd-bac-kan|PL-\d+)\b")


def text_of(path: Path) -> str:
    """Every paragraph of a letter, the tables' cells included, one per line."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: list[Any] = []
            for cell in row.cells:
                if cell._tc in seen:  # a merged cell is listed once per column it spans
                    continue
                seen.append(cell._tc)
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters") / "thu"
    _, err = run_both("remind", "--data-dir", str(DEMO), "--as-of", AS_OF, "-o", str(folder))
    assert "đã ghi 11 công văn đôn đốc" in err
    assert err.count("đã ghi ") == 12  # one line per file, and the count
    return folder


def test_one_letter_per_unit_that_owes(letters: Path) -> None:
    assert {p.stem for p in letters.iterdir()} == LETTERS
    assert all(p.suffix == ".docx" for p in letters.iterdir())


def test_the_finance_department_letter(letters: Path) -> None:
    text = text_of(letters / "so-tai-chinh.docx")
    lines = text.splitlines()
    assert "Kính gửi: Sở Tài chính" in lines
    # the heading: the superior body above the sender, the motto, number, place and date
    assert "UBND TỈNH THÁI NGUYÊN" in lines and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Số: …/SGDĐT-…" in lines
    assert "Thái Nguyên, ngày 31 tháng 12 năm 2026" in lines
    assert "V/v đôn đốc thực hiện Kế hoạch số 284/KH-UBND" in lines
    # what it owes: the budget share's figure for 2025, due 31/01/2026, and its own plan
    assert "Số liệu năm 2025: Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo" in text
    assert re.search(r"31/01/2026\n334\b", text)
    assert "Kế hoạch triển khai thực hiện của đơn vị" in text
    assert re.search(r"30/06/2025\n549\b", text)
    # the clauses that set the duties, in the plan's order, and each row's own
    assert "căn cứ trách nhiệm được giao tại mục III.7.1-2, IV.1 của Kế hoạch" in text
    assert "\nmục III.7.1-2\n" in text and "\nmục IV.1\n" in text
    assert "trước ngày 15/01/2027" in text  # 15 days after the as-of date, as a date
    assert "Nơi nhận:" in lines and "- Như trên;" in lines
    assert "[CHỨC VỤ NGƯỜI KÝ]" in lines
    assert not UNIT_IDS.search(text)


def test_every_letter_lists_what_missing_and_overdue_say(letters: Path) -> None:
    missing = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    overdue = run_json("overdue", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    texts = {p.stem: text_of(p) for p in letters.iterdir()}
    stem = {
        "so-gddt": "so-gd-dt",
        "so-khcn": "so-kh-cn",
        "so-vhttdl": "so-vhttdl",
        "so-noi-vu": "so-noi-vu",
        "so-tai-chinh": "so-tai-chinh",
        "so-nn-mt": "so-nn-mt",
        "so-xay-dung": "so-xay-dung",
        "cong-an-tinh": "cong-an-tinh",
        "bo-chqs-tinh": "bo-chqs-tinh",
        "cd-bac-kan": "cd-bac-kan",
    }
    for item in missing["reporting"]["missing"]:
        letter = texts[stem.get(item["unit"], "ubnd-cap-xa")]
        if item["kind"] == "figure":
            assert f"Số liệu năm {item['year']}: {item['subject_name']}" in letter
        else:
            assert "Kế hoạch triển khai thực hiện của đơn vị" in letter
        assert dt.date.fromisoformat(item["due"]).strftime("%d/%m/%Y") in letter
    for task in overdue["tasks"]:
        for unit in task["lead_now"]:
            letter = texts[stem[unit]]
            assert f"Nhiệm vụ số {task['number']}" in letter
            assert f"\n{task['days_overdue']}\n" in letter + "\n"
    for text in texts.values():
        assert not UNIT_IDS.search(text)


def test_the_model_and_missing_agree_item_for_item() -> None:
    from conftest import report_content
    from kh284.validate.responsibility import owners_on
    from kh284.views.owed import owed_by_unit

    content = report_content(DEMO, dt.date(2026, 12, 31), "vi")
    outcome = content.outcome
    owed = owed_by_unit(content.model, outcome.index, outcome.reporting)
    rows = Counter(
        (u.unit, r.kind, r.subject, r.year, r.due, r.passed_from)
        for u in owed
        for r in u.rows
        if r.kind != "task"
    )
    # each missing item, owed on the as-of date by whoever answers for its unit then
    expected = Counter(
        (owner, i.kind, i.subject, i.year, i.due, () if owner == i.unit else (i.unit,))
        for i in outcome.reporting.missing
        for owner in owners_on(outcome.index, i.unit, outcome.as_of)
    )
    assert rows == expected
    assert sum(rows.values()) == len(outcome.reporting.missing) == 28
    tasks = {(u.unit, r.subject) for u in owed for r in u.rows if r.kind == "task"}
    assert tasks == {
        (unit, t.id) for t in content.model.tasks if t.status == "overdue" for unit in t.lead_now
    }


def test_the_duties_are_cited_in_the_plans_order(letters: Path) -> None:
    text = text_of(letters / "so-gd-dt.docx")
    assert (
        "căn cứ trách nhiệm được giao tại mục II.2-1, II.2-2, II.2-3, II.2-6, II.2-7, II.2-8 "
        "và các nhiệm vụ số 2, 24, 25 tại Phụ lục của Kế hoạch"
    ) in text
    text = text_of(letters / "bo-chqs-tinh.docx")
    assert "tại mục IV.1 và nhiệm vụ số 3 tại Phụ lục của Kế hoạch" in text


def test_a_successor_is_told_what_passed_to_it(letters: Path) -> None:
    text = text_of(letters / "ubnd-cap-xa.docx")
    assert "Kính gửi: Ủy ban nhân dân các xã, phường" in text
    assert text.count("(thay UBND huyện") == 7 and "(thay UBND thành phố Bắc Kạn)" in text
    assert "thay cho Ủy ban nhân dân huyện Ba Bể" in text
    assert "đơn vị đã thôi hoạt động" in text


def test_one_unit_markdown_english_and_reply_date(tmp_path: Path) -> None:
    out = tmp_path / "md"
    _, err = run_both(
        "remind",
        "--data-dir",
        str(DEMO),
        "--as-of",
        AS_OF,
        "--unit",
        "so tai chinh",
        "--format",
        "md",
        "--reply-by",
        "20/01/2027",
        "-o",
        str(out),
        "--lang",
        "en",
    )
    assert [p.name for p in out.iterdir()] == ["so-tai-chinh.md"]
    assert "wrote 1 reminder letter to" in err
    text = (out / "so-tai-chinh.md").read_text(encoding="utf-8")
    assert "**To: Sở Tài chính**" in text
    assert "by 20/01/2027" in text and "Figures for 2025" in text
    assert "| 1 | Figures for 2025: " in text


def test_a_unit_owing_nothing_gets_no_letter(tmp_path: Path) -> None:
    out = tmp_path / "none"
    _, err = run_both(
        "remind", "--data-dir", str(DEMO), "--as-of", AS_OF, "--unit", "Sở Y tế", "-o", str(out)
    )
    assert "không ghi công văn nào" in err
    assert not out.exists() or not list(out.iterdir())


def test_refusals_write_nothing(tmp_path: Path) -> None:
    base = ["remind", "--data-dir", str(DEMO), "--as-of", AS_OF]
    _, err = run_both(*base, code=2)
    assert "-o" in err
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    _, err = run_both(*base, "-o", str(a_file), code=2)
    assert "không phải là thư mục" in err
    _, err = run_both(*base, "-o", str(tmp_path / "x"), "--reply-by", "30/12/2026", code=2)
    assert "phải sau ngày tính" in err
    _, err = run_both(*base, "-o", str(tmp_path / "x"), "--reply-by", "32/01/2027", code=2)
    assert "--reply-by" in err
    _, err = run_both(*base, "-o", str(tmp_path / "x"), "--unit", "Sở Không Có", code=2)
    assert "Không có đơn vị" in err
    # an existing letter is not replaced without --force, and no other letter is written
    folder = tmp_path / "thu"
    folder.mkdir()
    (folder / "so-noi-vu.docx").write_bytes(b"mine")
    _, err = run_both(*base, "-o", str(folder), code=2)
    assert "--force" in err
    assert [p.name for p in folder.iterdir()] == ["so-noi-vu.docx"]
    run_both(*base, "-o", str(folder), "--force")
    assert len(list(folder.iterdir())) == len(LETTERS)


def test_data_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    shutil.copytree(DEMO, data)
    units = data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    hostile = 'name: "Sở *Tài* [chính](http://x) <b>|@someone\\u202e"'
    units.write_text(text.replace('name: "Sở Tài chính"', hostile, 1), encoding="utf-8")
    out = tmp_path / "out"
    run_both(
        "remind", "--data-dir", str(data), "--as-of", AS_OF, "--unit", "so-tai-chinh",
        "--format", "md", "-o", str(out),
    )  # fmt: skip
    md = next(out.iterdir()).read_text(encoding="utf-8")
    assert "Kính gửi: Sở \\*Tài\\* \\[chính\\](http://x) \\<b\\>\\|\\@someone\\\\u202e" in md
    out2 = tmp_path / "out2"
    run_both(
        "remind", "--data-dir", str(data), "--as-of", AS_OF, "--unit", "so-tai-chinh",
        "-o", str(out2),
    )  # fmt: skip
    letter = text_of(next(out2.iterdir()))
    assert "Kính gửi: Sở *Tài* [chính](http://x) <b>|@someone\\u202e" in letter
