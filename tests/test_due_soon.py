"""What falls due soon (``evaluate.tasks.due_soon``), on the invented demo.

The demo's deliverables not done by then fall due on 10/06/2026 (PL-02, two laws),
31/12/2026 (PL-33, task number 1, PL-06's 2026 deliverable and 20 others) and 31/12/2027
(PL-13, PL-26); none between 10/06/2026 and 31/12/2026.
"""

from __future__ import annotations

import datetime as dt

from conftest import DEMO, run_json
from kh284.evaluate.tasks import due_soon
from kh284.pipeline import run


def _soon(as_of: dt.date, days: int) -> list[tuple[str, dt.date | None, str]]:
    outcome = run(DEMO, as_of, evaluate=True)
    return [(r.label, r.deliverable.due, r.status) for r in due_soon(outcome.tasks, as_of, days)]


def test_soonest_first_then_by_task_number() -> None:
    found = _soon(dt.date(2026, 6, 1), 600)  # up to 23/01/2028
    labels = [label for label, _, _ in found]
    assert labels[:3] == [
        "PL-02 (Luật GDĐH sửa đổi)",
        "PL-02 (Luật Giáo dục sửa đổi)",
        "PL-33",  # number 1, but due later than PL-02
    ]
    assert labels[-2:] == ["PL-13", "PL-26"]  # due 31/12/2027
    assert len(found) == 26
    assert all(status not in ("done_on_time", "done_late") for _, _, status in found)


def test_the_last_day_counts_the_as_of_day_does_not() -> None:
    day = dt.date(2026, 12, 31)
    assert {due for _, due, _ in _soon(dt.date(2026, 12, 1), 30)} == {day}  # 30 days on
    assert _soon(dt.date(2026, 12, 1), 29) == []
    assert day not in {due for _, due, _ in _soon(day, 30)}


def test_check_lists_30_days_ahead_by_default() -> None:
    args = ("check", "--data-dir", str(DEMO), "--as-of")
    on_30 = run_json(*args, "2026-12-01", code=None)["due_soon"]  # 31/12 is 30 days on
    assert on_30 and {t["due"] for t in on_30} == {"2026-12-31"}
    assert run_json(*args, "2026-11-30", code=None)["due_soon"] == []  # 31 days on
