"""Who still owes what: ``kh284 missing`` and the ``reporting`` section of ``check``.

The demo (examples/demo, invented) and the shipped data (data/) share the plan, the targets
and the calendar: figures and task reports of year Y due 31/01/Y+1, the units' own plans
(IV.1) due 30/06/2025.  Expected numbers are worked out by hand from those files; the
rules at their boundaries are tested on the small test-case base (tests/cases/base).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, DEMO, ROOT, run_both, run_cli, run_json
from kh284.evaluate.reporting import evaluate_reporting
from kh284.pipeline import run

AS_OF = "2026-12-31"
#: the 8 former district People's Committees and the 10 departments of settings.unit_plans
DISTRICTS = ["tp-bac-kan", "ba-be", "bach-thong", "cho-don", "cho-moi", "na-ri", "ngan-son"]
DISTRICTS.append("pac-nam")


def _rows(data: Any) -> dict[str, dict[str, Any]]:
    return {row["unit"]: row for row in data["reporting"]["units"]}


# ---------------------------------------------------------------- the demo, 31/12/2026


def test_demo_rates_per_unit() -> None:
    data = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    rows = _rows(data)
    # Sở GD&ĐT reports 26 of the 27 targets; the three PCGD THCS targets share one measure,
    # so 24 figures for 2025 (the 2026 ones are due 31/01/2027, after the as-of date).
    # It sent 16 of them on 12/12/2025; missing: dung-do-tuoi-tieu-hoc,
    # hoc-2-buoi-mam-non, pcgd-tieu-hoc-muc-3-huyen, biet-chu-muc-1 (never reported),
    # mau-giao-huy-dong (only 2026) and the three labour figures (2024 and 2026 only) = 8.
    # + PL-01's 2025 report (ongoing; in its 12/12/2025 report: on time)
    # + its own plan 1105/KH-SGDĐT of 05/06/2025 (due 30/06/2025: on time).
    # + the five targets whose data names Sở GD&ĐT since the one responsibility rule
    # (validate.responsibility): the two yes/no targets of II.2-1 (never reported) and the
    # three invented "minh-hoa" ones (hoc-nghe and phong-hoc-moi in the 12/12/2025 report,
    # tieu-hoc-dtts never): owed 5, on time 2, missing 3.
    # owed 24 + 1 + 1 + 5 = 31; on time 16 + 1 + 1 + 2 = 20; missing 8 + 3 = 11.
    assert rows["so-gddt"] == {
        "unit": "so-gddt",
        "name": "Sở Giáo dục và Đào tạo",
        "short_name": "Sở GD&ĐT",
        "owed": 31,
        "on_time": 20,
        "late": 0,
        "missing": 11,
    }
    # Sở Tài chính: the 2025 budget share (Sở GD&ĐT's report gave it, but it is Sở Tài
    # chính's duty, III.7.2-1) and its own plan: both missing.
    assert (rows["so-tai-chinh"]["owed"], rows["so-tai-chinh"]["missing"]) == (2, 2)
    # Sở VHTTDL: PL-01 for 2025 sent 20/02/2026 (after 31/01/2026: late) + its plan: missing
    assert [rows["so-vhttdl"][k] for k in ("owed", "on_time", "late", "missing")] == [2, 0, 1, 1]
    # Sở Y tế: its plan dated 20/08/2025, after 30/06/2025: late
    assert [rows["so-y-te"][k] for k in ("owed", "on_time", "late", "missing")] == [1, 0, 1, 0]
    for district in DISTRICTS:
        assert [rows[district][k] for k in ("owed", "missing")] == [1, 1]
    # missing in all: 11 + 2 + 1 (VHTTDL) + 6 other departments' plans + 8 districts = 28
    assert len(data["reporting"]["missing"]) == 28
    assert sum(r["missing"] for r in rows.values()) == 28


def test_demo_units_most_missing_first_then_by_name() -> None:
    data = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    units = data["reporting"]["units"]
    assert [u["unit"] for u in units[:2]] == ["so-gddt", "so-tai-chinh"]  # 11, then 2
    assert units[-1]["unit"] == "so-y-te"  # the only unit with nothing missing
    keys = [(-u["missing"], u["name"]) for u in units]
    assert keys == sorted(keys)


def test_demo_missing_most_overdue_first() -> None:
    data = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    missing = data["reporting"]["missing"]
    # the 16 missing unit plans (18 owed, Sở GD&ĐT's and Sở Y tế's received; due
    # 30/06/2025: 184 days to 31/12/2025 + 365 = 549) come first, then the 12 missing 2025
    # figures, 11 of Sở GD&ĐT and 1 of Sở Tài chính (due 31/01/2026: 365 - 31 = 334 days)
    assert [m["days_overdue"] for m in missing] == [549] * 16 + [334] * 12
    assert {m["kind"] for m in missing[:16]} == {"unit_plan"}
    assert {m["kind"] for m in missing[16:]} == {"figure"}
    budget = [m for m in missing if m["subject"] == "ngan-sach-giao-duc"]
    assert budget == [
        {
            "unit": "so-tai-chinh",
            "unit_name": "Sở Tài chính",
            "unit_short_name": "Sở Tài chính",
            "kind": "figure",
            "subject": "ngan-sach-giao-duc",
            "subject_name": "Tỷ lệ chi ngân sách nhà nước cho giáo dục, đào tạo",
            "year": 2025,
            "due": "2026-01-31",
            "days_overdue": 334,
        }
    ]


def test_check_json_carries_the_same_section() -> None:
    missing = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    check = run_json("check", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    assert check["reporting"] == missing["reporting"]
    assert check["reporting"]["as_of"] == AS_OF


def test_no_calendar_no_section() -> None:
    # the golden data set has no settings.reporting nor settings.unit_plans
    golden = str(ROOT / "tests" / "golden" / "data")
    check = run_json("check", "--data-dir", golden, "--as-of", AS_OF, code=None)
    assert "reporting" not in check
    out = run_cli("missing", "--data-dir", golden, "--as-of", AS_OF, code=None)
    assert "settings.reporting" in out


def test_tasks_json_has_no_reporting_section() -> None:
    data = run_json("overdue", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    assert "reporting" not in data


# ---------------------------------------------------------------- the shipped data


def test_shipped_data_2025_figures_owed_at_end_of_2026() -> None:
    data = run_json("missing", "--data-dir", str(DATA), "--as-of", AS_OF, "--year", "2025", code=1)
    figures = [m for m in data["reporting"]["missing"] if m["kind"] == "figure"]
    owers = {m["unit"] for m in figures}
    assert owers == {"so-gddt", "so-tai-chinh"}
    # no 2025 figure has been sourced yet (data/progress holds only a 2024 figure): all
    # 26 of Sở GD&ĐT's measures (the two yes/no targets of II.2-1 included since their data
    # names it, IV.2) and Sở Tài chính's budget share are missing, 334 days late
    assert len(figures) == 27
    assert {m["days_overdue"] for m in figures} == {334}
    budget = [m for m in figures if m["unit"] == "so-tai-chinh"]
    assert [(m["subject"], m["year"], m["due"]) for m in budget] == [
        ("ngan-sach-giao-duc", 2025, "2026-01-31")
    ]


def test_shipped_data_unit_filter_without_diacritics_in_english() -> None:
    data = run_json(
        "missing",
        "--data-dir",
        str(DATA),
        "--as-of",
        "31/12/2026",
        "--unit",
        "so tai chinh",
        "--lang",
        "en",
        code=1,
    )
    assert [r["unit"] for r in data["reporting"]["units"]] == ["so-tai-chinh"]
    assert data["reporting"]["units"][0]["name"] == "Department of Finance"
    assert [(m["kind"], m["subject"]) for m in data["reporting"]["missing"]] == [
        ("unit_plan", "IV.1"),
        ("figure", "ngan-sach-giao-duc"),
    ]


def test_terminal_table_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out, err = run_both(
        "missing", "--data-dir", str(DATA), "--as-of", AS_OF, "--unit", "Sở Tài chính", code=1
    )
    lines = out.splitlines()
    assert lines[0] == "Tính đến ngày 31/12/2026"
    assert max(len(line) for line in lines) <= 80
    assert "Chưa gửi" in out and "Quá hạn" in out and "(ngày)" in out
    at = next(i for i, line in enumerate(lines) if "ngan-sach-giao-duc" in line)
    # subject (its kind and year under it), unit whole, days overdue, due DD/MM/YYYY
    cells = [c.strip() for c in lines[at].strip("│").split("│")]
    assert cells == ["ngan-sach-giao-duc", "Sở Tài chính", "334", "31/01/2026"]
    under = lines[at + 1].strip("│").split("│")[0].strip()
    assert under.startswith("Số liệu 2025: Tỷ lệ chi ngân")
    assert "lỗi" in err  # the summary line on stderr


# ---------------------------------------------------------------- exit codes and usage


def test_exit_codes_follow_overdue() -> None:
    run_cli("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    run_cli("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--fail-on", "never", code=0)
    # Sở Y tế's only item is its plan, received (late): nothing missing, exit 0
    out = run_cli("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--unit", "so-y-te")
    assert "Không còn thiếu báo cáo nào." in out
    # on 30/06/2025 nothing is owed yet (the unit plans are due that day)
    data = run_json("missing", "--data-dir", str(DEMO), "--as-of", "2025-06-30", code=0)
    assert data["reporting"] == {"as_of": "2025-06-30", "units": [], "missing": []}


def test_unknown_unit_is_a_usage_error_with_a_hint() -> None:
    _, err = run_both("missing", "--data-dir", str(DEMO), "--unit", "So Tai chin", code=2)
    assert "Không có đơn vị 'So Tai chin'" in err
    assert "'Sở Tài chính'" in err  # the unit's name, not its id


# ---------------------------------------------------------------- the rules at their edges

BASE = ROOT / "tests" / "cases" / "base"
CALENDAR = """\
  reporting:
    figures_due: {day: 31, month: 1}
    task_reports_due: {day: 15, month: 2}
    reason: "test calendar"
  unit_plans:
    clause: "I.1"
    units: [so-gd, huyen-x]
    due: 2025-07-15
    reason: "test due date"
"""


def _base(tmp_path: Path, reports: dict[str, str]) -> Path:
    """The test-case base with a calendar, reporting units, and these progress reports."""
    root = tmp_path / "data"
    shutil.copytree(BASE, root)
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + CALENDAR, encoding="utf-8")
    targets = root / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    text = text.replace('    clause: "I.1"\n', '    clause: "I.1"\n    reporting_unit: so-gd\n')
    text = text.replace(
        '    clause: "I.2-1"\n', '    clause: "I.2-1"\n    reporting_unit: [so-tc, so-gd]\n'
    )
    targets.write_text(text, encoding="utf-8")
    shutil.rmtree(root / "progress")
    for name, body in reports.items():
        path = root / "progress" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def _report(unit: str, period: int, on: str, body: str) -> str:
    return f"unit: {unit}\nperiod: {period}\nreported_on: {on}\n{body}"


FIG = "indicators:\n  - target: tot-nghiep-thpt\n    value: 95\n"


def _items(root: Path, as_of: dt.date) -> dict[tuple[str, str, str, int], str]:
    outcome = run(root, as_of, evaluate=True)
    # (R311: the base leaves pcgd-thcs-muc-2-huyen without a reporter on purpose)
    broken = [
        d.message("en") for d in outcome.diagnostics if d.about == "file" and d.code != "R311"
    ]
    assert not broken, broken
    reporting = evaluate_reporting(outcome.index, as_of)
    assert reporting is not None
    return {(i.unit, i.kind, i.subject, i.year): i.status for i in reporting.items}


@pytest.mark.parametrize(
    ("reported_on", "status"), [("2026-01-31", "on_time"), ("2026-02-01", "late")]
)
def test_a_figure_sent_on_its_due_day_is_on_time(
    tmp_path: Path, reported_on: str, status: str
) -> None:
    root = _base(tmp_path, {"2025/a.yaml": _report("so-gd", 2025, reported_on, FIG)})
    items = _items(root, dt.date(2026, 3, 1))
    assert items[("so-gd", "figure", "tot-nghiep-thpt", 2025)] == status


def test_a_figure_is_owed_the_day_after_its_due_date(tmp_path: Path) -> None:
    root = _base(tmp_path, {})
    # 2025 figures are due 31/01/2026: not owed on that day, owed (1 day late) the next
    assert ("so-gd", "figure", "tot-nghiep-thpt", 2025) not in _items(root, dt.date(2026, 1, 31))
    outcome = run(root, dt.date(2026, 2, 1), evaluate=True)
    reporting = evaluate_reporting(outcome.index, dt.date(2026, 2, 1))
    assert reporting is not None
    figure = [i for i in reporting.missing if i.subject == "tot-nghiep-thpt"]
    assert [(i.unit, i.year, i.days_overdue(dt.date(2026, 2, 1))) for i in figure] == [
        ("so-gd", 2025, 1)
    ]


def test_each_reporting_unit_owes_its_own_figure(tmp_path: Path) -> None:
    # ngan-sach-giao-duc names two units; Sở GD's report does not discharge Sở TC's
    budget = "indicators:\n  - target: ngan-sach-giao-duc\n    value: 21\n"
    root = _base(tmp_path, {"2025/a.yaml": _report("so-gd", 2025, "2026-01-10", budget)})
    items = _items(root, dt.date(2026, 3, 1))
    assert items[("so-gd", "figure", "ngan-sach-giao-duc", 2025)] == "on_time"
    assert items[("so-tc", "figure", "ngan-sach-giao-duc", 2025)] == "missing"


def test_shared_measure_is_one_figure_and_any_of_its_targets_counts(tmp_path: Path) -> None:
    # pcgd-thcs-muc-2-huyen has no reporting_unit in the base: no one owes it
    root = _base(tmp_path, {})
    items = _items(root, dt.date(2026, 3, 1))
    assert not [k for k in items if k[2] == "pcgd-thcs-muc-2-huyen"]
    # 2 targets owed by so-gd for 2025 (tot-nghiep-thpt, ngan-sach-giao-duc) and 1 by so-tc
    figures = sorted(k for k in items if k[1] == "figure")
    assert figures == [
        ("so-gd", "figure", "ngan-sach-giao-duc", 2025),
        ("so-gd", "figure", "tot-nghiep-thpt", 2025),
        ("so-tc", "figure", "ngan-sach-giao-duc", 2025),
    ]


def test_ongoing_task_report_uses_its_own_due_day(tmp_path: Path) -> None:
    # PL-03 is ongoing, led by so-tc; task reports are due 15/02 in this calendar
    body = "tasks:\n  - task: PL-03\n    status: in_progress\n"
    root = _base(tmp_path, {"2025/b.yaml": _report("so-tc", 2025, "2026-02-15", body)})
    items = _items(root, dt.date(2026, 3, 1))
    assert items[("so-tc", "task_report", "PL-03", 2025)] == "on_time"
    assert ("so-tc", "task_report", "PL-03", 2026) not in items  # due 15/02/2027


@pytest.mark.parametrize(("dated", "status"), [("2025-07-15", "on_time"), ("2025-07-16", "late")])
def test_unit_plan_judged_by_its_date_and_passed_to_successors(
    tmp_path: Path, dated: str, status: str
) -> None:
    # the plans are due 15/07/2025; Sở GD's is judged by the plan's own date, though the
    # report carrying it is dated later.  huyen-x ceased on 30/06/2025, before the due
    # date: its plan is owed by its successor on that day, ubnd-xa
    body = f'unit_plan:\n  number: "7/KH-SGD"\n  date: {dated}\n'
    root = _base(tmp_path, {"2025/c.yaml": _report("so-gd", 2025, "2025-07-20", body)})
    items = _items(root, dt.date(2025, 8, 1))
    assert items[("so-gd", "unit_plan", "I.1", 2025)] == status
    owers = sorted(k[0] for k in items if k[1] == "unit_plan")
    assert owers == ["so-gd", "ubnd-xa"]
    assert items[("ubnd-xa", "unit_plan", "I.1", 2025)] == "missing"


def test_a_report_dated_after_the_as_of_date_does_not_count(tmp_path: Path) -> None:
    root = _base(tmp_path, {"2025/a.yaml": _report("so-gd", 2025, "2026-02-10", FIG)})
    outcome = run(root, dt.date(2026, 2, 5), evaluate=True)
    reporting = evaluate_reporting(outcome.index, dt.date(2026, 2, 5))
    assert reporting is not None
    statuses = {(i.unit, i.subject): i.status for i in reporting.items if i.kind == "figure"}
    assert statuses[("so-gd", "tot-nghiep-thpt")] == "missing"


def test_year_filter() -> None:
    # at 31/12/2026 nothing of 2026 is owed yet (its figures and reports are due 31/01/2027)
    data = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--year", "2026")
    assert data["reporting"]["units"] == [] and data["reporting"]["missing"] == []
    # 2025: everything the unfiltered run lists (the unit plans are due in 2025 too)
    year = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--year", "2025", code=1)
    every = run_json("missing", "--data-dir", str(DEMO), "--as-of", AS_OF, code=1)
    assert year["reporting"] == every["reporting"]
    for row in every["reporting"]["units"]:
        assert row["owed"] == row["on_time"] + row["late"] + row["missing"]


def test_every_year_to_the_due_year_and_none_after(tmp_path: Path) -> None:
    # on 01/03/2032 the figures of 2025..2030 (the due year) are owed, not 2031's (due
    # 31/01/2032 but after tot-nghiep-thpt's due year): 2030 - 2025 + 1 = 6; PL-03's
    # reports likewise run to the horizon year 2030: 6
    items = _items(_base(tmp_path, {}), dt.date(2032, 3, 1))
    years = sorted(k[3] for k in items if k[:3] == ("so-gd", "figure", "tot-nghiep-thpt"))
    assert years == [2025, 2026, 2027, 2028, 2029, 2030]
    years = sorted(k[3] for k in items if k[:3] == ("so-tc", "task_report", "PL-03"))
    assert years == [2025, 2026, 2027, 2028, 2029, 2030]


def test_a_task_report_is_owed_the_day_after_its_due_day(tmp_path: Path) -> None:
    root = _base(tmp_path, {})
    # PL-03's 2025 report is due 15/02/2026 in this calendar
    assert ("so-tc", "task_report", "PL-03", 2025) not in _items(root, dt.date(2026, 2, 15))
    assert _items(root, dt.date(2026, 2, 16))[("so-tc", "task_report", "PL-03", 2025)] == (
        "missing"
    )


def test_unit_plans_without_a_calendar(tmp_path: Path) -> None:
    # only settings.unit_plans: the section is there, with the unit plans alone
    root = _base(tmp_path, {})
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  reporting:\n")
    end = text.index("  unit_plans:\n")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")
    items = _items(root, dt.date(2032, 3, 1))
    assert sorted(items) == [
        ("so-gd", "unit_plan", "I.1", 2025),
        ("ubnd-xa", "unit_plan", "I.1", 2025),
    ]


def test_the_first_plan_sent_counts(tmp_path: Path) -> None:
    # huyen-x's plan of 20/06/2025 (sent 25/06, before it ceased) and its successor's of
    # 20/07/2025: the item passed to ubnd-xa, and the first plan, on time (due 15/07/2025),
    # decides
    first = 'unit_plan:\n  number: "3/KH-UBND"\n  date: 2025-06-20\n'
    second = 'unit_plan:\n  number: "9/KH-UBND"\n  date: 2025-07-20\n'
    root = _base(
        tmp_path,
        {
            "2025/x.yaml": _report("huyen-x", 2025, "2025-06-25", first),
            "2025/xa.yaml": _report("ubnd-xa", 2025, "2025-07-25", second),
        },
    )
    items = _items(root, dt.date(2025, 8, 1))
    assert items[("ubnd-xa", "unit_plan", "I.1", 2025)] == "on_time"


def test_unit_filter_takes_a_groups_members() -> None:
    data = run_json(
        "missing", "--data-dir", str(DEMO), "--as-of", AS_OF, "--unit", "ubnd-cac-huyen", code=1
    )
    # the group owes nothing itself; its 8 members each owe their own plan (IV.1)
    assert sorted(r["unit"] for r in data["reporting"]["units"]) == sorted(DISTRICTS)
    assert {m["kind"] for m in data["reporting"]["missing"]} == {"unit_plan"}


def test_a_yearly_task_without_its_first_year_owes_nothing_and_breaks_nothing(
    tmp_path: Path,
) -> None:
    # PL-02 is yearly_from 2026 (so-gd): its 2026 report is due 15/02/2027 in this
    # calendar; a `yearly_on` with no from_year (R309 in validate) has no years to owe
    root = _base(tmp_path, {})
    assert ("so-gd", "task_report", "PL-02", 2026) in _items(root, dt.date(2027, 2, 16))
    plan = root / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    yearly = "        kind: yearly_from\n        year: 2026\n"
    assert yearly in text
    plan.write_text(
        text.replace(yearly, "        kind: yearly_on\n        day: 15\n        month: 12\n"),
        encoding="utf-8",
    )
    outcome = run(root, dt.date(2027, 2, 16), evaluate=True)
    assert "R309" in {d.code for d in outcome.diagnostics}
    reporting = evaluate_reporting(outcome.index, dt.date(2027, 2, 16))
    assert reporting is not None
    assert not [i for i in reporting.items if i.subject == "PL-02"]
