"""Task deadlines and statuses at their boundaries, on the real plan with test reports.

Reports written here are invented for the tests.  Real plan facts used: PL-04 is due
"Năm 2025", PL-06 "Năm 2026, hàng năm", PL-01 "Thường xuyên", PL-02 waits for three
laws, PL-15 for an approval.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from kh284.pipeline import Outcome, run
from kh284.validate.deadlines import add_months, year_end


def make_data(tmp_path: Path, reports: dict[str, str], events: str | None = None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("progress"))
    (data / "progress").mkdir()
    for name, text in reports.items():
        (data / "progress" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if events is not None:
        (data / "events.yaml").write_text(textwrap.dedent(events), encoding="utf-8")
    return data


def status(outcome: Outcome, label: str) -> tuple[str, int | None]:
    row = next(r for r in outcome.tasks if r.label == label)
    return row.status, row.days_overdue


def codes(outcome: Outcome) -> list[str]:
    return [d.code for d in outcome.diagnostics if d.severity.label == "error"]


REPORT_IN_PROGRESS = """\
    unit: so-gddt
    period: 2025
    reported_on: 2025-06-30
    tasks:
      - task: PL-04
        status: in_progress
    """


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2025, 12, 30), ("in_progress", None)),
        (dt.date(2025, 12, 31), ("in_progress", None)),
        (dt.date(2026, 1, 1), ("overdue", 1)),
        (dt.date(2026, 3, 1), ("overdue", 60)),
    ],
)
def test_year_deadline_boundaries(
    tmp_path: Path, as_of: dt.date, expected: tuple[str, int | None]
) -> None:
    data = make_data(tmp_path, {"r.yaml": REPORT_IN_PROGRESS})
    assert status(run(data, as_of, evaluate=True), "PL-04") == expected


def test_nothing_reported_before_due_is_not_due(tmp_path: Path) -> None:
    data = make_data(tmp_path, {})
    outcome = run(data, dt.date(2025, 12, 31), evaluate=True)
    assert status(outcome, "PL-04") == ("not_due", None)
    row = next(r for r in outcome.tasks if r.label == "PL-04")
    assert row.last_report is None


@pytest.mark.parametrize(
    ("completed", "expected"),
    [("2025-12-31", "done_on_time"), ("2026-01-01", "done_late"), ("2025-01-02", "done_on_time")],
)
def test_done_on_time_or_late(tmp_path: Path, completed: str, expected: str) -> None:
    report = f"""\
        unit: so-gddt
        period: 2026
        reported_on: 2026-01-05
        tasks:
          - task: PL-04
            status: done
            completed_on: {completed}
            evidence: "Quyết định số 1/QĐ-UBND (test)"
        """
    outcome = run(make_data(tmp_path, {"r.yaml": report}), dt.date(2026, 2, 1), evaluate=True)
    assert status(outcome, "PL-04")[0] == expected
    late = [d for d in outcome.diagnostics if d.code == "K702"]
    assert bool(late) == (expected == "done_late")


def test_report_after_as_of_is_not_counted(tmp_path: Path) -> None:
    report = """\
        unit: so-gddt
        period: 2026
        reported_on: 2026-01-05
        tasks:
          - task: PL-04
            status: done
            completed_on: 2025-12-20
            evidence: "Quyết định số 1/QĐ-UBND (test)"
        """
    outcome = run(make_data(tmp_path, {"r.yaml": report}), dt.date(2026, 1, 2), evaluate=True)
    assert status(outcome, "PL-04") == ("overdue", 2)
    assert "D504" in [d.code for d in outcome.diagnostics]


def test_yearly_deliverables_one_per_year(tmp_path: Path) -> None:
    report = """\
        unit: so-gddt
        period: 2026
        reported_on: 2026-12-14
        tasks:
          - task: PL-06
            year: 2026
            status: done
            completed_on: 2026-03-10
            evidence: "Kế hoạch số 45/KH-UBND (test)"
        """
    outcome = run(make_data(tmp_path, {"r.yaml": report}), dt.date(2028, 1, 1), evaluate=True)
    assert status(outcome, "PL-06 (2026)")[0] == "done_on_time"
    assert status(outcome, "PL-06 (2027)") == ("overdue", 1)
    assert not any(r.label == "PL-06 (2028)" and r.status == "overdue" for r in outcome.tasks)
    before = run(make_data(tmp_path / "b", {}), dt.date(2025, 6, 1), evaluate=True)
    # only the years up to the as-of year are listed (docs/DATA-FORMAT.md): in 2025 a task
    # yearly from 2026 has no deliverable yet
    assert [r.label for r in before.tasks if r.task.id == "PL-06"] == []


def test_yearly_task_report_without_year_is_an_error(tmp_path: Path) -> None:
    report = """\
        unit: so-gddt
        period: 2026
        reported_on: 2026-12-14
        tasks:
          - task: PL-06
            status: in_progress
        """
    outcome = run(make_data(tmp_path, {"r.yaml": report}), dt.date(2026, 12, 20), evaluate=True)
    assert "D512" in codes(outcome)


def test_ongoing_is_never_overdue_but_a_silent_year_warns(tmp_path: Path) -> None:
    outcome = run(make_data(tmp_path, {}), dt.date(2027, 6, 1), evaluate=True)
    assert status(outcome, "PL-01") == ("ongoing", None)
    years = sorted(dict(d.args)["year"] for d in outcome.diagnostics if d.code == "K703")
    assert years == ["2025", "2026"]
    report = """\
        unit: so-gddt
        period: 2025
        reported_on: 2025-12-14
        tasks:
          - task: PL-01
            status: in_progress
        """
    outcome = run(make_data(tmp_path / "b", {"r.yaml": report}), dt.date(2027, 6, 1), evaluate=True)
    years = sorted(dict(d.args)["year"] for d in outcome.diagnostics if d.code == "K703")
    assert years == ["2026"]


EVENTS_PENDING = """\
    events:
      - id: luat-hoc-tap-suot-doi
        name: Luật Học tập suốt đời
        kind: law_passed
        source: test
      - id: luat-giao-duc-sua-doi
        name: Luật Giáo dục sửa đổi
        kind: law_passed
        source: test
      - id: luat-giao-duc-dai-hoc-sua-doi
        name: Luật Giáo dục đại học sửa đổi
        kind: law_passed
        source: test
      - id: luat-gdqp-an-sua-doi
        name: Luật GDQP&AN sửa đổi
        kind: law_passed
        source: test
      - id: qd-1002-ttg
        name: QĐ 1002/QĐ-TTg
        kind: approval
        date: {date}
        source: test
      - id: luat-nha-giao
        name: Luật Nhà giáo
        kind: law_passed
        source: test
    """


def test_event_deadline_waits_then_falls_due(tmp_path: Path) -> None:
    waiting = make_data(tmp_path / "a", {}, EVENTS_PENDING.replace("{date}", "null"))
    outcome = run(waiting, dt.date(2030, 1, 1), evaluate=True)
    assert status(outcome, "PL-15")[0] == "waiting_for_event"
    assert all(
        r.status == "waiting_for_event" for r in outcome.tasks if r.task.id in ("PL-02", "PL-03")
    )
    # the approval is added later: due six months after it (the plan's default setting)
    added = make_data(tmp_path / "b", {}, EVENTS_PENDING.replace("{date}", "2025-05-24"))
    assert status(run(added, dt.date(2025, 11, 24), evaluate=True), "PL-15")[0] == "not_due"
    assert status(run(added, dt.date(2025, 11, 25), evaluate=True), "PL-15") == ("overdue", 1)
    # an event dated after the as-of date has not happened yet on that date
    assert status(run(added, dt.date(2025, 5, 1), evaluate=True), "PL-15")[0] == (
        "waiting_for_event"
    )


def test_task_tied_to_several_laws_has_one_deliverable_per_law(tmp_path: Path) -> None:
    outcome = run(make_data(tmp_path, {}), dt.date(2026, 7, 1), evaluate=True)
    rows = [r for r in outcome.tasks if r.task.id == "PL-02"]
    assert {r.deliverable.event for r in rows} == {
        "luat-hoc-tap-suot-doi",
        "luat-giao-duc-sua-doi",
        "luat-giao-duc-dai-hoc-sua-doi",
    }
    assert {r.status for r in rows} == {"waiting_for_event", "overdue"}


def test_leap_years_in_month_arithmetic() -> None:
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2027, 8, 29), 6) == dt.date(2028, 2, 29)


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.integers(min_value=0, max_value=120),
)
def test_months_after_event_never_goes_backwards(day: dt.date, months: int) -> None:
    due = add_months(day, months)
    assert due >= day
    assert (due.year - day.year) * 12 + due.month - day.month == months


@given(st.integers(min_value=1950, max_value=2090))
def test_year_end_is_31_december(year: int) -> None:
    assert year_end(year) == dt.date(year, 12, 31)


def _rows_of(out: str, task: str) -> list[str]:
    """``task``'s row: its first line, and the words of every line under it in the row.

    A cell wraps in words, so the plan's wording may take two lines of the due column.
    """
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"│ {task} "))
    end = next(
        (i for i in range(at + 1, len(lines)) if lines[i].startswith(("├", "└", "│ PL-"))),
        len(lines),
    )
    cells = [line.split("│")[1:-1] for line in lines[at + 1 : end]]
    columns = [" ".join(c.strip() for c in column) for column in zip(*cells, strict=True)]
    return [lines[at], " | ".join(" ".join(c.split()) for c in columns)]


def test_the_task_table_shows_the_plans_wording_under_the_computed_date() -> None:
    # the demo's invented deadlines (examples/demo/plan.yaml): PL-04 "Trước ngày 31/12/2025"
    # (date), PL-05 "Quý IV/2025" (quarter 4: 31/12/2025), PL-34 "Năm học 2028 - 2029"
    # (school_year 2028, ending 31/05 of 2028 + 1 by settings.school_year_end)
    from conftest import DEMO, run_cli

    out = run_cli("tasks", "--data-dir", str(DEMO), "--as-of", "2026-12-31", code=1)
    first, under = _rows_of(out, "PL-04")
    assert "31/12/2025" in first and "Trước ngày 31/12/2025" in under
    first, under = _rows_of(out, "PL-05")
    assert "31/12/2025" in first and "Quý IV/2025" in under
    first, under = _rows_of(out, "PL-34")
    assert "31/05/2029" in first and "Năm học 2028 - 2029" in under
    # ongoing: the wording alone, no date
    assert "Thường xuyên" in _rows_of(out, "PL-01")[0]
