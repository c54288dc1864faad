"""What the terminal views say, on the invented demo as of 31/12/2026 (worked out by hand)."""

from __future__ import annotations

import re

import pytest

from conftest import DEMO, run_cli
from kh284.evaluate.targets import TargetResult
from kh284.render.terminal import progress_share

ARGS = ("--data-dir", str(DEMO), "--as-of", "2026-12-31")


def _row(out: str, task: str) -> str:
    return next(line for line in out.splitlines() if re.match(rf"│ {task}\b", line))


def test_overdue_says_what_the_last_report_said_not_a_verdict() -> None:
    out = run_cli("overdue", *ARGS, code=1)
    # "Đang thực hiện trong hạn" (in progress, on time) is a verdict no overdue task has
    assert "trong hạn" not in out
    # PL-15: CĐ Bắc Kạn sent nothing; 24/05/2025 + 6 months = 24/11/2025, 402 days late
    assert "chưa báo cáo" in _row(out, "PL-15") and "402" in _row(out, "PL-15")


def test_tasks_for_a_unit_show_the_units_own_completion_rate() -> None:
    # Sở Y tế leads PL-31 (due 31/12/2025, done 15/10/2025): 1 of 1 due, on time
    out = run_cli("tasks", *ARGS, "--unit", "Sở Y tế", "--lang", "en")
    assert "Completion of tasks already due: 100% (1/1; on time 1, overdue and not done 0)" in out
    whole = run_cli("tasks", *ARGS, "--lang", "en", code=1)
    assert "44% (4/9; on time 3, overdue and not done 5)" in whole


def test_plan_text_findings_are_one_line_outside_validate() -> None:
    # the demo's plan carries the seven findings of the published text (P402 ×2; P404 ×4:
    # "anh ninh", "522/QĐ/TTg", "giáo dục giáo dục", "y tế học đường"; P408: PL-14's lead
    # against III.1.3's): validate lists them; the daily views say how many after what was
    # asked for.  (P403 no longer fires for PL-24/25/34: due the year before their period.)
    for command in ("check", "tasks", "overdue"):
        out = run_cli(command, *ARGS, "--lang", "en", code=1)
        assert "P402" not in out and "P403" not in out, command
        assert out.rstrip().splitlines()[-1] == (
            "7 findings about the plan's published text; kh284 validate lists them"
        )
    full = run_cli("validate", *ARGS, "--lang", "en")
    assert full.count(" P40") == 7


class _Result:
    def __init__(self, status: str, ratio: float | None) -> None:
        self.status, self.ratio = status, ratio


def test_the_progress_bar_draws_progress_not_value_over_target() -> None:
    cases = [
        ("achieved", None, 1.0),
        ("on_track", 1.6, 1.0),  # clamped
        ("needs_acceleration", 0.75, 0.75),
        ("stagnating", -0.75, 0.0),  # going back: an empty bar, never a full one
        ("stagnating", None, 0.0),
        ("no_data", None, None),  # no bar at all
        ("missed", None, None),
        ("not_maintained", None, None),
    ]
    for status, ratio, expected in cases:
        result: TargetResult = _Result(status, ratio)  # type: ignore[assignment]
        assert progress_share(result) == expected, (status, ratio)


def _block(out: str, task: str) -> str:
    """The lines of one task's row: from its label to the next task's."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"│ {task}\b", line))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"│ PL-\d+\b|└", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_overdue_at_80_columns_folds_the_last_report_under_the_task(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # in English at 80 columns the task (24), days (7: "Days / overdue"), lead (12: "Bộ CHQS
    # tỉnh"), due (15) and last report (16: "nothing reported") need 74 + 5 × 3 + 1 = 90:
    # the last report, the least needed, goes under the task with its header
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli("overdue", *ARGS, "--lang", "en", code=1)
    assert "Last report: nothing reported" in _block(narrow, "PL-15")
    assert "24/11/2025" in _block(narrow, "PL-15") and "402" in _block(narrow, "PL-15")
    monkeypatch.setenv("COLUMNS", "120")
    wide = run_cli("overdue", *ARGS, "--lang", "en", code=1)
    assert "Last report:" not in wide  # a column of its own
    assert "nothing reported" in _block(wide, "PL-15").splitlines()[0]
