"""Verdicts that say what they don't know: owed years, old figures, what falls due soon.

The demo (examples/demo) and the shipped data (data/) share the reporting calendar: the
figures of year Y are due on 31/01/Y+1 (settings.reporting), so on 31/12/2026 the years
owed are those up to 2025.  Copies of the demo changed in tmp_path are invented test data.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, DEMO, run_cli, run_json
from kh284.evaluate.targets import last_year_due
from kh284.validate.models.plan import DayOfYear, ReportingCalendar

END_2026 = ("--as-of", "2026-12-31")


def _demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def _drop_figure(file: Path, target: str) -> None:
    """Remove ``target``'s block-style figure (``- target: X`` and its indented lines)."""
    text = file.read_text(encoding="utf-8")
    pattern = rf"  - target: {re.escape(target)}\n(?:    .*\n)*"
    changed, count = re.subn(pattern, "", text)
    assert count == 1, (file, target)
    file.write_text(changed, encoding="utf-8")


def _targets_yaml(root: Path) -> list[dict[str, Any]]:
    import yaml

    targets: list[dict[str, Any]] = yaml.safe_load(
        (root / "targets.yaml").read_text(encoding="utf-8")
    )["targets"]
    return targets


def _targets(root: Path, *args: str) -> dict[str, Any]:
    data = run_json("check", "--data-dir", str(root), *args, code=None)
    return {t["id"]: t for t in data["targets"]}


# ---------------------------------------------------------------- every owed year counted


def test_a_yearly_target_without_an_owed_year_is_not_achieved(tmp_path: Path) -> None:
    # mau-giao-5-tuoi-huy-dong (every year from 2025, ≥ 100 %): 2026 meets it, 2025 is gone
    root = _demo(tmp_path)
    _drop_figure(root / "progress/2025/so-gddt-chi-tieu-2025.yaml", "mau-giao-5-tuoi-huy-dong")
    target = _targets(root, *END_2026)["mau-giao-5-tuoi-huy-dong"]
    assert target["status"] == "insufficient_data"
    assert target["components"]["missing_years"] == [2025]
    assert "2025" in target["reason"]
    # with both years it is achieved, and nothing is missing
    whole = _targets(DEMO, *END_2026)["mau-giao-5-tuoi-huy-dong"]
    assert (whole["status"], whole["components"]["missing_years"]) == ("achieved", [])


def test_a_year_not_yet_due_is_not_owed(tmp_path: Path) -> None:
    # on 31/01/2026 the 2025 figures are due that very day: not owed yet, so the 2024-only
    # series is judged as it stands; on 01/02/2026 2025 is owed
    root = _demo(tmp_path)
    _drop_figure(root / "progress/2025/so-gddt-chi-tieu-2025.yaml", "mau-giao-5-tuoi-huy-dong")
    on_due_day = _targets(root, "--as-of", "2026-01-31")["mau-giao-5-tuoi-huy-dong"]
    assert on_due_day["components"]["missing_years"] == []
    after = _targets(root, "--as-of", "2026-02-01")["mau-giao-5-tuoi-huy-dong"]
    assert after["components"]["missing_years"] == [2025]
    assert after["status"] == "no_data"  # nothing at all since its first year, 2025


@pytest.mark.parametrize(
    ("as_of", "years_later", "expected"),
    [
        (dt.date(2026, 1, 31), 1, 2024),  # 2025's due that day: not yet owed
        (dt.date(2026, 2, 1), 1, 2025),
        (dt.date(2026, 12, 31), 1, 2025),
        (dt.date(2027, 2, 1), 1, 2026),
        (dt.date(2026, 2, 1), 0, 2026),  # due 31/01 of the same year
        (dt.date(2026, 1, 31), 0, 2025),
    ],
)
def test_last_year_due(as_of: dt.date, years_later: int, expected: int) -> None:
    calendar = ReportingCalendar(
        figures_due=DayOfYear(day=31, month=1),
        task_reports_due=DayOfYear(day=31, month=1),
        years_later=years_later,
        reason="test",
    )
    assert last_year_due(calendar, as_of) == expected


def test_a_failing_year_keeps_not_maintained_with_a_year_missing(tmp_path: Path) -> None:
    # ngan-sach-giao-duc (≥ 20 % every year): 2026 fails (19,3); 2025's figure removed
    root = _demo(tmp_path)
    _drop_figure(root / "progress/2025/so-gddt-chi-tieu-2025.yaml", "ngan-sach-giao-duc")
    target = _targets(root, *END_2026)["ngan-sach-giao-duc"]
    assert target["status"] == "not_maintained"
    assert target["components"]["missing_years"] == [2025]


# ---------------------------------------------------------------- old figures


def test_a_verdict_on_an_old_figure_is_stale_in_every_output() -> None:
    # tot-nghiep-thpt: the latest figure is 2024's; 2025's was due 31/01/2026
    target = _targets(DATA, *END_2026)["tot-nghiep-thpt"]
    assert target["status"] == "achieved"
    assert target["stale"] is True
    assert target["components"]["due_years_missing"] == [2025]
    assert target["reason"].endswith("năm 2025 chưa báo cáo")
    data = run_json("check", "--data-dir", str(DATA), *END_2026, code=None)
    assert data["summary"]["stale_targets"] == data["headline"]["targets"]["stale"] == 1
    terminal = run_cli("check", "--data-dir", str(DATA), *END_2026, code=None)
    assert "97,4 (2024)" in terminal
    page = run_cli("report", "--data-dir", str(DATA), *END_2026, "--lang", "vi", code=None)
    assert "số liệu năm 2024; năm 2025 chưa báo cáo" in page  # the tile and the card
    english = _targets(DATA, *END_2026, "--lang", "en")["tot-nghiep-thpt"]
    assert english["reason"].endswith("2025 not reported")


def test_a_fresh_figure_is_not_stale() -> None:
    targets = _targets(DEMO, *END_2026)
    assert not targets["tot-nghiep-thpt"]["stale"]  # 2026's figure is in
    assert targets["tot-nghiep-thpt"]["components"]["due_years_missing"] == []


# ---------------------------------------------------------------- the headline


def test_the_headline_says_what_cannot_be_judged_first() -> None:
    data = run_json("check", "--data-dir", str(DATA), *END_2026, code=None)
    head = data["headline"]["targets"]
    # 31 targets; 30 have no figure; the one with a figure is achieved (on a 2024 figure)
    assert (head["total"], head["unknown"], head["failing"], head["good"]) == (31, 30, 0, 1)
    assert head["unknown_owed_by"] == ["so-gddt", "so-tai-chinh"]
    assert list(head) == [
        "total",
        "unknown",
        "unknown_owed_by",
        "failing",
        "good",
        "stale",
        "by_status",
    ]
    assert list(head["by_status"])[:2] == ["missed", "not_maintained"]


# ---------------------------------------------------------------- what falls due soon


def test_what_falls_due_within_30_days() -> None:
    args = ("--data-dir", str(DATA), "--as-of", "2026-12-03")
    soon = run_json("tasks", *args, "--due-within", "30", code=None)["tasks"]
    dues = {t["due"] for t in soon}
    assert dues == {"2026-12-31"}  # 28 days after 03/12/2026
    assert len(soon) >= 15
    assert all(t["status"] not in ("done_on_time", "done_late") for t in soon)
    check = run_json("check", *args, code=None)
    assert [(t["id"], t["deliverable"]) for t in check["due_soon"]] == [
        (t["id"], t["deliverable"]) for t in soon
    ]
    # the as-of day itself is excluded, the last day included
    on_the_day = run_json(
        "tasks", "--data-dir", str(DATA), "--as-of", "2026-12-31", "--due-within", "30", code=None
    )["tasks"]
    assert "2026-12-31" not in {t["due"] for t in on_the_day}
    last_day = run_json(
        "tasks", "--data-dir", str(DATA), "--as-of", "2026-12-01", "--due-within", "30", code=None
    )["tasks"]
    assert "2026-12-31" in {t["due"] for t in last_day}
    one_short = run_json(
        "tasks", "--data-dir", str(DATA), "--as-of", "2026-11-30", "--due-within", "30", code=None
    )["tasks"]
    assert "2026-12-31" not in {t["due"] for t in one_short}
    assert run_json("check", *args, "--due-within", "0", code=None)["due_soon"] == []


# ---------------------------------------------------------------- who reports every target


def test_every_shipped_target_is_owed_by_some_unit() -> None:
    data = run_json("check", "--data-dir", str(DATA), "--as-of", "2026-03-01", code=None)
    owed = {i["subject"] for i in data["reporting"]["missing"] if i["kind"] == "figure"}
    for target in data["targets"]:
        assert target["responsible"], target["id"]
    # every target is owed itself or through the target that names its series: the missing
    # figures of 2025 (all of them, on 01/03/2026) cover every target's series
    series = {t["id"]: t.get("measure") or t["id"] for t in _targets_yaml(DATA)}
    owed_series = {series[s] for s in owed}
    assert {series[t["id"]] for t in data["targets"]} == owed_series
    assert "R311" not in {d["code"] for d in data["diagnostics"]}


# ---------------------------------------------------------------- deliverables of later years


def test_no_deliverable_of_a_later_year_is_listed() -> None:
    data = run_json("tasks", "--data-dir", str(DATA), "--as-of", "2025-12-31", code=None)
    for task in data["tasks"]:
        if task["deliverable"] is not None and task["deliverable"].isdigit():
            assert int(task["deliverable"]) <= 2025, task


# ---------------------------------------------------------------- "không giảm"


def test_a_district_that_falls_fails_a_no_decrease_target(tmp_path: Path) -> None:
    # pcgd-thcs-duy-tri reads the series pcgd-thcs-muc-do: tp-bac-kan was at level 3 in
    # 2025; in the copy it falls to 1 in 2026 (still recognised, so "≥ 1" alone passes)
    root = _demo(tmp_path)
    file = root / "progress/2026/so-gddt-pho-cap-2026.yaml"
    text = file.read_text(encoding="utf-8")
    old = "{target: pcgd-thcs-muc-2-huyen, area: tp-bac-kan, value: 3}"
    assert old in text
    file.write_text(text.replace(old, old.replace("value: 3", "value: 1")), encoding="utf-8")
    target = _targets(root, *END_2026)["pcgd-thcs-duy-tri"]
    assert target["status"] == "not_maintained"
    assert target["components"]["failing_years"] == [2026]
    assert "3 (2025) → 1 (2026)" in target["reason"]
    # unchanged, the demo keeps every level: achieved
    assert _targets(DEMO, *END_2026)["pcgd-thcs-duy-tri"]["status"] == "achieved"


def test_no_decrease_needs_every_year(tmp_path: Path) -> None:
    root = _demo(tmp_path)
    file = root / "targets.yaml"
    text = file.read_text(encoding="utf-8")
    start = text.index("  - id: pcgd-mau-giao\n")
    cut = text.index("    every_year: false\n", start)
    text = text[:cut] + "    every_year: false\n    no_decrease: true\n" + text[cut + 22 :]
    file.write_text(text, encoding="utf-8")
    out = run_cli("validate", "--data-dir", str(root), code=1)
    assert "S219" in out


def test_the_dashboard_says_what_cannot_be_judged_before_what_failed(tmp_path: Path) -> None:
    page = tmp_path / "d.html"
    run_cli("report", "--data-dir", str(DATA), *END_2026, "-o", str(page), code=None)
    html = page.read_text(encoding="utf-8")
    found = re.search(r'id="targets-headline" data-unknown="(\d+)" data-total="(\d+)"', html)
    assert found is not None and found.groups() == ("30", "31")
    assert "30/31 chỉ tiêu chưa đánh giá được" in html
    assert (
        html.index('id="targets-headline"') < html.index('class="act failing"')
        if ('class="act failing"' in html)
        else html.index('id="targets-headline"') < html.index('id="attention"')
    )


def test_the_dashboard_and_the_word_draft_list_what_falls_due_soon(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    args = ("--data-dir", str(DATA), "--as-of", "2026-12-03")
    soon = run_json("tasks", *args, "--due-within", "30", code=None)["tasks"]
    page = tmp_path / "d.html"
    run_cli("report", *args, "-o", str(page), code=None)
    html = page.read_text(encoding="utf-8")
    listed = set(re.findall(r'<span class="soon" data-task="([^"]+)"', html))
    labels = {
        f"{t['id']} ({t['deliverable_name'] or t['deliverable']})"
        if (t["deliverable_name"] or t["deliverable"])
        else t["id"]
        for t in soon
    }
    assert listed == labels
    draft = tmp_path / "d.docx"
    run_cli("report", *args, "--format", "docx", "-o", str(draft), code=None)
    text = "\n".join(p.text for p in docx.Document(str(draft)).paragraphs)
    assert "Sắp đến hạn" in text
    assert "Trong 31 chỉ tiêu, 30 chỉ tiêu chưa đánh giá được" in text
    for label in labels:
        assert label in text


def test_a_target_that_names_no_reporter_is_r311(tmp_path: Path) -> None:
    # a copy of the shipped data: the budget share loses its reporting_unit; its clause
    # names units, who will be asked, but the data should say who reports
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    file = root / "targets.yaml"
    text = file.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines(keepends=True) if "reporting_unit: so-tai-chinh" in x)
    file.write_text(text.replace(line, ""), encoding="utf-8")
    data = run_json("validate", "--data-dir", str(root), code=None)
    found = [d for d in data["diagnostics"] if d["code"] == "R311"]
    assert len(found) == 1 and "'ngan-sach-giao-duc'" in found[0]["message"]
    assert "sẽ hỏi các đơn vị được giao ở mục" in found[0]["message"]  # and names them
    # the shipped data names a reporter for every target (or its series): no R311
    shipped = run_json("validate", "--data-dir", str(DATA), code=None)
    assert "R311" not in {d["code"] for d in shipped["diagnostics"]}
