"""``kh284 changes``: what changed between two dates, or since a git revision (issue 26).

The demo (examples/demo, invented) between 30/06/2026 and 31/12/2026, worked out by hand
from its reports: Sở GD&ĐT's report of 14/12/2026 (progress/2026/so-gddt-nhiem-vu-2026)
marks PL-02 (the law on higher education, due 10/06/2026) done on 08/05/2026 — overdue on
30/06/2026 because that report did not exist yet, done on time on 31/12/2026 — and PL-04
(due 31/12/2025) done on 20/03/2026: overdue, then done late.  PL-06 (2026), PL-07 and
PL-12, all due 31/12/2026, not due on 30/06/2026, are done on time by 31/12/2026; PL-09,
PL-13, PL-19 and PL-22 go from not due to in progress.  Nothing else changes status.  The
budget share (ngan-sach-giao-duc) receives its 2026 figure, 19,3 % (under the 20 % floor,
progress/2026/so-tai-chinh-ngan-sach-2026), so it goes from achieved to not maintained.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, run_both, run_cli, run_json

FROM, TO = "30/06/2026", "31/12/2026"
DONE = {
    ("PL-02", "luat-giao-duc-dai-hoc-sua-doi"): ("overdue", "done_on_time"),
    ("PL-04", None): ("overdue", "done_late"),
    ("PL-06", "2026"): ("not_due", "done_on_time"),
    ("PL-07", None): ("not_due", "done_on_time"),
    ("PL-12", None): ("not_due", "done_on_time"),
}
OTHER = {(task, None): ("not_due", "in_progress") for task in ("PL-09", "PL-13", "PL-19", "PL-22")}


def _statuses(as_of: str, data_dir: Path = DEMO) -> dict[tuple[str, Any], str]:
    data = run_json("tasks", "--data-dir", str(data_dir), "--as-of", as_of, code=None)
    return {(t["id"], t["deliverable"]): t["status"] for t in data["tasks"]}


@pytest.fixture(scope="module")
def demo_changes() -> Any:
    return run_json("changes", "--from", FROM, "--to", TO, "--data-dir", str(DEMO))


def test_the_tasks_are_those_whose_status_differs(demo_changes: Any) -> None:
    before, after = _statuses(FROM), _statuses(TO)
    differ = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    listed = {(t["id"], t["deliverable"]) for t in demo_changes["tasks"]}
    assert listed == differ
    for task in demo_changes["tasks"]:
        key = (task["id"], task["deliverable"])
        assert (task["from"], task["to"]) == (before.get(key), after.get(key))


def test_the_changes_are_the_hand_worked_ones(demo_changes: Any) -> None:
    found = {
        (t["id"], t["deliverable"]): (t["change"], t["from"], t["to"])
        for t in demo_changes["tasks"]
    }
    expected = {k: ("done", *v) for k, v in DONE.items()}
    expected.update({k: ("other", *v) for k, v in OTHER.items()})
    assert found == expected
    # done first, then the other changes, each in appendix order
    assert [t["change"] for t in demo_changes["tasks"]] == ["done"] * 5 + ["other"] * 4


def test_targets_and_headline(demo_changes: Any) -> None:
    targets = {t["id"]: t for t in demo_changes["targets"]}
    budget = targets["ngan-sach-giao-duc"]
    assert (budget["from"], budget["to"]) == ("achieved", "not_maintained")
    assert [(f["year"], f["value"]) for f in budget["new_figures"]] == [(2026, 19.3)]
    # a target is listed only when its verdict changed or it received a figure
    for target in demo_changes["targets"]:
        assert target["from"] != target["to"] or target["new_figures"]
    head = demo_changes["headline"]
    # 9 deliverables due by 30/06/2026: PL-05 and PL-31 done, the other 7 overdue; by
    # 31/12/2026 PL-02 (GDĐH) and PL-04 are done as well (the rest fall due after it)
    assert (head["from"]["done"], head["from"]["due"], head["from"]["overdue"]) == (2, 9, 7)
    assert (head["to"]["done"], head["to"]["due"], head["to"]["overdue"]) == (4, 9, 5)
    assert head["to"]["targets"]["total"] == 35


def test_reports_that_arrived_in_between() -> None:
    # Sở VHTTDL's report on PL-01 for 2025 (due 31/01/2026) arrived on 20/02/2026; Sở GD&ĐT's
    # figures for 2025 arrived on 12/12/2025, before the earlier date: not "in between"
    data = run_json("changes", "--from", "31/12/2025", "--to", TO, "--data-dir", str(DEMO))
    reported = {g["unit"]: g["items"] for g in data["reported"]}
    assert list(reported) == ["so-vhttdl"]
    assert [(i["kind"], i["subject"], i["year"]) for i in reported["so-vhttdl"]] == [
        ("task_report", "PL-01", 2025)
    ]
    owing = {g["unit"]: len(g["items"]) for g in data["owing"]}
    missing = run_json("missing", "--data-dir", str(DEMO), "--as-of", TO, code=1)
    assert owing == {u["unit"]: u["missing"] for u in missing["reporting"]["units"] if u["missing"]}


def test_nothing_changes_on_one_date() -> None:
    data = run_json("changes", "--from", TO, "--to", TO, "--data-dir", str(DEMO))
    assert data["tasks"] == [] and data["targets"] == [] and data["reported"] == []
    out = run_cli("changes", "--from", TO, "--to", TO, "--data-dir", str(DEMO))
    assert "Không có thay đổi nào." in out


def test_terminal_and_markdown_say_the_same(demo_changes: Any) -> None:
    out = run_cli("changes", "--from", FROM, "--to", TO, "--data-dir", str(DEMO))
    md = run_cli(
        "changes", "--from", FROM, "--to", TO, "--data-dir", str(DEMO), "--format", "markdown"
    )
    assert "Thay đổi từ ngày 30/06/2026 đến ngày 31/12/2026" in out
    assert "Đã hoàn thành (5)" in out and "Đã hoàn thành (5)" in md
    for task in demo_changes["tasks"]:
        assert task["id"] in out and f"`{task['label']}`" in md
    en = run_cli("changes", "--from", FROM, "--to", TO, "--data-dir", str(DEMO), "--lang", "en")
    assert "Changes from 30/06/2026 to 31/12/2026" in en and "Done (5)" in en


def test_the_options_are_checked() -> None:
    _, err = run_both("changes", "--data-dir", str(DEMO), code=2)
    assert "--from" in err
    _, err = run_both(
        "changes", "--from", FROM, "--from-rev", "HEAD", "--data-dir", str(DEMO), code=2
    )
    assert "--from-rev" in err
    _, err = run_both(
        "changes", "--from", TO, "--to", FROM, "--data-dir", str(DEMO), "--lang", "en", code=2
    )
    assert "--from 31/12/2026 must be on or before the later date 30/06/2026" in err
    _, err = run_both("changes", "--from", "31/02/2026", "--data-dir", str(DEMO), code=2)
    assert "--from" in err
    _, err = run_both("changes", "--from", FROM, "--data-dir", "/nonexistent/kh284", code=2)
    assert "không tìm thấy thư mục dữ liệu" in err


# ---------------------------------------------------------------- --from-rev


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(DEMO, root / "data")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "the demo")
    return root


def _complete_pl09(data_dir: Path) -> None:
    report = data_dir / "progress" / "2026" / "so-gddt-nhiem-vu-2026.yaml"
    text = report.read_text(encoding="utf-8")
    old = "  - task: PL-09\n    status: in_progress\n"
    assert old in text
    new = (
        "  - task: PL-09\n    status: done\n    completed_on: 2026-11-20\n"
        '    evidence: "Kế hoạch số 1/KH (thử)"\n'
    )
    report.write_text(text.replace(old, new), encoding="utf-8")


def test_from_rev_reports_exactly_the_edited_task(repo: Path) -> None:
    data_dir = repo / "data"
    _complete_pl09(data_dir)
    _git(repo, "commit", "-qam", "PL-09 done")
    data = run_json("changes", "--from-rev", "HEAD~1", "--data-dir", str(data_dir), "--as-of", TO)
    assert [(t["id"], t["from"], t["to"], t["change"]) for t in data["tasks"]] == [
        ("PL-09", "in_progress", "done_on_time", "done")
    ]
    assert data["targets"] == [] and data["reported"] == []
    assert data["from"] == {"as_of": "2026-12-31", "rev": "HEAD~1"}
    # against the revision that has the edit: nothing
    same = run_json("changes", "--from-rev", "HEAD", "--data-dir", str(data_dir), "--as-of", TO)
    assert same["tasks"] == []


def test_from_rev_compares_with_the_working_tree(repo: Path) -> None:
    data_dir = repo / "data"
    _complete_pl09(data_dir)  # not committed: "now" is the folder as it is
    out = run_cli("changes", "--from-rev", "HEAD", "--data-dir", str(data_dir), "--as-of", TO)
    assert "bản HEAD (ngày 31/12/2026)" in out and "PL-09" in out
    assert "hiện nay (ngày 31/12/2026)" in out


def test_from_rev_refuses_what_it_cannot_read(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "not-a-repo"
    shutil.copytree(DEMO, outside)
    _, err = run_both("changes", "--from-rev", "HEAD", "--data-dir", str(outside), code=2)
    assert "không nằm trong một kho git" in err
    _, err = run_both(
        "changes", "--from-rev", "HEAD", "--data-dir", str(outside), "--lang", "en", code=2
    )
    assert "is not in a git repository" in err
    data_dir = repo / "data"
    _, err = run_both("changes", "--from-rev", "no-such-rev", "--data-dir", str(data_dir), code=2)
    assert "không có bản 'no-such-rev'" in err
    _, err = run_both("changes", "--from-rev", "--help=x", "--data-dir", str(data_dir), code=2)
    # a folder the revision did not have yet
    (repo / "later").mkdir()
    shutil.copytree(DEMO, repo / "later" / "data")
    _, err = run_both(
        "changes", "--from-rev", "HEAD", "--data-dir", str(repo / "later" / "data"), code=2
    )
    assert "không có thư mục later/data" in err


def test_from_rev_leaves_no_temporary_folder(repo: Path, tmp_path: Path, monkeypatch: Any) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    run_json("changes", "--from-rev", "HEAD", "--data-dir", str(repo / "data"), "--as-of", TO)
    assert list(temp.iterdir()) == []


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "changes.md"
    args = ["changes", "--from", FROM, "--to", TO, "--data-dir", str(DEMO), "--format"]
    _, err = run_both(*args, "markdown", "-o", str(target))
    assert f"đã ghi {target}" in err
    assert target.read_text(encoding="utf-8").startswith("## Thay đổi từ ngày 30/06/2026")
    _, err = run_both(*args, "markdown", "-o", str(target), code=2)
    assert "--force" in err


def test_json_is_the_plain_layout(demo_changes: Any) -> None:
    assert demo_changes["command"] == "changes"
    assert demo_changes["from"] == {"as_of": "2026-06-30", "rev": None}
    assert demo_changes["to"] == {"as_of": "2026-12-31", "rev": None}
    json.dumps(demo_changes)  # plain data


# ---------------------------------------------------------------- report --since


def test_the_reports_gain_a_section_on_what_changed(tmp_path: Path, demo_changes: Any) -> None:
    docx = pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    base = ["report", "--data-dir", str(DEMO), "--as-of", TO, "--since", FROM]
    page = tmp_path / "page.html"
    run_both(*base, "-o", str(page), code=None)
    html = page.read_text(encoding="utf-8")
    assert '<section id="since"><h2>Thay đổi so với ngày 30/06/2026</h2>' in html
    section = html[
        html.index('<section id="since">') : html.index("</section>", html.index('id="since"'))
    ]
    for task in demo_changes["tasks"]:
        assert f'<td data-label="Nhiệm vụ">{task["label"]}</td>' in section
    assert "Nhiệm vụ thay đổi trạng thái (9)" in section
    draft = tmp_path / "draft.docx"
    run_both(*base, "--format", "docx", "-o", str(draft), code=None)
    document = docx.Document(str(draft))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Thay đổi so với ngày 30/06/2026" in headings
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert {t["label"] for t in demo_changes["tasks"]} <= cells
    # without --since, no such section
    plain = tmp_path / "plain.html"
    run_both("report", "--data-dir", str(DEMO), "--as-of", TO, "-o", str(plain), code=None)
    assert 'id="since"' not in plain.read_text(encoding="utf-8")
