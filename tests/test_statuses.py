"""The statuses of targets and tasks: one typed enumeration each, one table of records.

The tables below are the contract, written out by hand: swapping the code, the word, the
shape or the order of any two statuses in ``kh284.i18n.statuses`` fails here.  The other
tests check that every output takes its words, shapes, colours and codes from that table,
and that a verdict makes the finding its status's record names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import DEMO
from kh284.diagnostics.catalogue import CATALOGUE
from kh284.i18n import TARGET_LABELS, TASK_LABELS
from kh284.i18n.statuses import (
    TARGET_STATUSES,
    TASK_STATUSES,
    TargetStatus,
    TaskStatus,
    by_attention,
    target_look,
    task_look,
)
from kh284.pipeline import TARGET_CODES, run

#: status: (code, Vietnamese, English, shape, rank, kind), in the table's order
TARGETS = {
    "achieved": (None, "Đã đạt", "Achieved", "●", 7, "good"),
    "on_track": (None, "Đúng tiến độ", "On track", "▲", 6, "good"),
    "needs_acceleration": ("T604", "Cần đẩy nhanh", "Needs acceleration", "◆", 3, "failing"),
    "stagnating": ("T603", "Chững lại/đi lùi", "Stagnating", "▼", 2, "failing"),
    "not_maintained": ("T602", "Không duy trì", "Not maintained", "■", 1, "failing"),
    "missed": ("T601", "Không đạt", "Missed", "✕", 0, "failing"),
    "no_data": ("T605", "Chưa có số liệu", "No data", "○", 5, "unknown"),
    "insufficient_data": ("T606", "Chưa đủ số liệu", "Not enough data", "◔", 4, "unknown"),
}
TASKS = {
    "done_on_time": (None, "Hoàn thành đúng hạn", "Done on time", "●", 5, "done"),
    "done_late": ("K702", "Hoàn thành quá hạn", "Done late", "◐", 4, "done"),
    "in_progress": (
        None,
        "Đang thực hiện trong hạn",
        "In progress, within deadline",
        "▲",
        1,
        "open",
    ),
    "overdue": ("K701", "Quá hạn", "Overdue", "✕", 0, "late"),
    "not_due": (None, "Chưa đến hạn", "Not yet due", "○", 3, "open"),
    "waiting_for_event": (None, "Chờ sự kiện", "Waiting for event", "◇", 6, "open"),
    "ongoing": (None, "Thường xuyên", "Ongoing", "↻", 2, "open"),
}


def _records(table: dict[TargetStatus, object] | dict[TaskStatus, object]) -> dict[str, tuple]:
    return {
        str(s): (r.code, r.vi, r.en, r.symbol, r.rank, r.kind)  # type: ignore[attr-defined]
        for s, r in table.items()
    }


def test_target_statuses_are_the_contract() -> None:
    assert _records(TARGET_STATUSES) == TARGETS
    assert list(_records(TARGET_STATUSES)) == list(TARGETS)  # the order outputs list them in


def test_task_statuses_are_the_contract() -> None:
    assert _records(TASK_STATUSES) == TASKS
    assert list(_records(TASK_STATUSES)) == list(TASKS)


@pytest.mark.parametrize("table", [TARGET_STATUSES, TASK_STATUSES], ids=["targets", "tasks"])
def test_no_two_statuses_share_a_code_a_word_a_shape_a_colour_or_a_rank(table: dict) -> None:
    looks = list(table.values())
    codes = [r.code for r in looks if r.code is not None]
    for name, values in {
        "code": codes,
        "vi": [r.vi for r in looks],
        "en": [r.en for r in looks],
        "symbol": [r.symbol for r in looks],
        "colour": [r.colour for r in looks],
        "tint": [r.tint for r in looks],
        "rank": [r.rank for r in looks],
    }.items():
        assert len(values) == len(set(values)), f"two statuses share a {name}"
    assert sorted(r.rank for r in looks) == list(range(len(looks)))


@pytest.mark.parametrize("table", [TARGET_STATUSES, TASK_STATUSES], ids=["targets", "tasks"])
def test_every_status_has_a_record(table: dict) -> None:
    enum = type(next(iter(table)))
    assert set(table) == set(enum)
    for status in enum:
        look = table[status]
        assert look.vi and look.en and look.symbol and look.style
        for colour in (look.colour, look.ink, look.tint):
            assert colour.startswith("#") and len(colour) == 7


def test_every_code_is_in_the_catalogue_as_that_status() -> None:
    for table in (TARGET_STATUSES, TASK_STATUSES):
        for look in table.values():
            if look.code is not None:
                assert look.code in CATALOGUE


def test_the_derived_tables_follow_the_records() -> None:
    assert {s: TARGETS[s][0] for s in TARGETS} == TARGET_CODES
    assert {s: (TARGETS[s][1], TARGETS[s][2]) for s in TARGETS} == TARGET_LABELS
    assert {s: (TASKS[s][1], TASKS[s][2]) for s in TASKS} == TASK_LABELS
    assert by_attention(TARGET_STATUSES) == sorted(TARGETS, key=lambda s: TARGETS[s][4])
    assert by_attention(TASK_STATUSES) == sorted(TASKS, key=lambda s: TASKS[s][4])


def test_a_status_prints_and_compares_as_its_plain_name() -> None:
    assert TargetStatus.MISSED == "missed"
    assert f"t-{TargetStatus.MISSED}" == "t-missed"
    assert str(TaskStatus.OVERDUE) == "overdue"
    assert target_look("missed") is TARGET_STATUSES[TargetStatus.MISSED]
    assert task_look(TaskStatus.OVERDUE) is TASK_STATUSES[TaskStatus.OVERDUE]
    with pytest.raises(ValueError):
        target_look("achieved ")


def test_each_verdict_makes_the_finding_its_record_names() -> None:
    """On the demo, every target and task verdict with a code has exactly that finding."""
    outcome = run(DEMO, dt.date(2026, 12, 31), evaluate=True)
    found = {(d.code, d.subject.id) for d in outcome.diagnostics if d.subject is not None}
    found |= {(d.code, d.subject.id) for d, _ in outcome.waived if d.subject is not None}
    statuses = {r.status for r in outcome.targets}
    assert {"missed", "not_maintained", "stagnating", "needs_acceleration"} <= statuses
    for result in outcome.targets:
        code = target_look(result.status).code
        target_codes = {c for c, i in found if i == result.target.id and c.startswith("T6")}
        assert target_codes == ({code} if code else set()), result.target.id
    for task in outcome.tasks:
        code = task_look(task.status).code
        if code is not None:
            assert (code, task.task.id) in found, task.label


def test_a_record_says_its_word_in_the_language_asked() -> None:
    assert target_look("missed").word("vi") == "Không đạt"
    assert target_look("missed").word("en") == "Missed"
    assert task_look("overdue").word("vi") == "Quá hạn"
    assert task_look("overdue").word("en") == "Overdue"


def test_the_records_cannot_be_changed() -> None:
    """One table for every output: no output may change a record for the next."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        target_look("missed").code = None  # type: ignore[misc]
