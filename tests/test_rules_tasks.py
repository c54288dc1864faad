"""The decision rules of ``kh284.evaluate.tasks``, pinned at their boundaries.

Every expected verdict below is worked out by hand from the rules in the module docstring
and the README ("Tasks: deadlines and statuses"), never copied from a run.  The data is an
invented plan (not the real Kế hoạch 284), small enough to reason about:

- units: ``so-a`` (lead), ``so-b`` (coordinating), ``so-e`` (unrelated), the group
  ``nhom-cd`` of ``so-c`` and ``so-d``, ``huyen-cu`` (ceased after 30/6/2025, succeeded by
  ``xa-moi`` from 1/7/2025) and ``so-giai-the`` (ceased after 30/6/2025, no successor);
- tasks: PL-01 due 31/12/2025 (lead so-a, coordinating so-b); PL-02 every year from 2025
  (lead so-a); PL-03 ongoing (lead so-a, coordinating so-b); PL-04 six months after
  ``ev-a`` of 15/1/2025, so due 15/7/2025 (lead the group nhom-cd, coordinating so-b);
  PL-05 waits for ``ev-cho`` (no date); PL-06 due 31/12/2025 (lead huyen-cu, coordinating
  so-b); PL-07 due 31/12/2025 (lead so-a, huyen-cu and so-giai-the); PL-08 one deliverable
  per event: ``ev-a`` (due 15/7/2025) and ``ev-b`` of 1/3/2025 (due 1/9/2025).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path

import pytest

from kh284.diagnostics import Location
from kh284.evaluate.tasks import (
    Entry,
    Headline,
    TaskResult,
    _lead_now,
    collect_entries,
    evaluate_tasks,
    headline,
    unreported_years,
)
from kh284.validate.dataset import Dataset, load_dataset
from kh284.validate.deadlines import Deliverable, deliverable_key
from kh284.validate.index import Index, build_index
from kh284.validate.models.plan import AppendixTask
from kh284.validate.models.progress import TaskReport

D = dt.date

UNITS = """\
units:
  - {id: so-a, name: "Sở A", short_name: "Sở A", kind: agency}
  - {id: so-b, name: "Sở B", short_name: "Sở B", kind: agency}
  - {id: so-c, name: "Sở C", short_name: "Sở C", kind: agency}
  - {id: so-d, name: "Sở D", short_name: "Sở D", kind: agency}
  - {id: so-e, name: "Sở E", short_name: "Sở E", kind: agency}
  - {id: nhom-cd, name: "Sở C và Sở D", short_name: "Nhóm CD", kind: group,
     members: [so-c, so-d]}
  - {id: huyen-cu, name: "UBND huyện Cũ", short_name: "Huyện Cũ", kind: agency,
     valid_until: 2025-06-30, successors: [xa-moi]}
  - {id: xa-moi, name: "UBND xã Mới", short_name: "Xã Mới", kind: agency,
     valid_from: 2025-07-01}
  - {id: so-giai-the, name: "Sở Giải thể", short_name: "Sở GT", kind: agency,
     valid_until: 2025-06-30}
"""

EVENTS = """\
events:
  - {id: ev-a, name: "Luật A", kind: law_passed, date: 2025-01-15, source: test}
  - {id: ev-b, name: "Luật B", kind: law_passed, date: 2025-03-01, source: test}
  - {id: ev-cho, name: "Đề án chờ", kind: approval, date: null, source: test}
"""


def _task(number: int, lead: str, coordinating: str, deadline: str) -> str:
    return (
        f"    - {{id: PL-0{number}, number: {number}, text: 'Nhiệm vụ {number}', "
        f"lead: [{lead}], lead_text: 'x', coordinating: [{coordinating}], "
        f"coordinating_text: 'x', deadline: {{{deadline}}}}}\n"
    )


PLAN = (
    'format: 2\nnumber: "1/KH-TEST"\nkind: "Kế hoạch"\n'
    'issuer: so-a\nplace: "Tỉnh T"\ndate: 2025-01-01\n'
    'title: "KẾ HOẠCH THỬ"\nhorizon_year: 2030\nimplements: "91-KL/TW"\nlegal_bases: []\n'
    'preamble: "Thử."\nsections: []\nappendix:\n  title: "PHỤ LỤC"\n  tasks:\n'
    + _task(1, "so-a", "so-b", "text: 'Năm 2025', kind: year, year: 2025")
    + _task(2, "so-a", "", "text: 'Năm 2025, hằng năm', kind: yearly_from, year: 2025")
    + _task(3, "so-a", "so-b", "text: 'Thường xuyên', kind: ongoing")
    + _task(4, "nhom-cd", "so-b", "text: 'Khi có Luật A', kind: event, events: [ev-a]")
    + _task(5, "so-a", "", "text: 'Khi có Đề án', kind: event, events: [ev-cho]")
    + _task(6, "huyen-cu", "so-b", "text: 'Năm 2025', kind: year, year: 2025")
    + _task(7, "so-a, huyen-cu, so-giai-the", "", "text: 'Năm 2025', kind: year, year: 2025")
    + _task(8, "so-a", "", "text: 'Khi có Luật', kind: event, events: [ev-a, ev-b]")
    + "settings: {months_after_event: 6, report_from_year: 2025}\n"
)


def entry(task: str, status: str, **fields: object) -> str:
    """One task entry of a report, as a YAML flow mapping."""
    extra = "".join(f", {key}: {value}" for key, value in fields.items())
    return f"{{task: {task}, status: {status}{extra}}}"


def report(unit: str, reported_on: str, *entries: str, period: int | None = None) -> str:
    """A progress report of ``unit`` dated ``reported_on`` with the task ``entries``."""
    year = period if period is not None else int(reported_on[:4])
    lines = [f"unit: {unit}", f"period: {year}", f"reported_on: {reported_on}", "tasks:"]
    return "\n".join([*lines, *(f"  - {e}" for e in entries)]) + "\n"


def build(tmp_path: Path, *reports: str) -> Index:
    """The index of the invented plan with ``reports`` (file r00.yaml, r01.yaml, ...)."""
    data = tmp_path / "data"
    (data / "progress").mkdir(parents=True)
    for name, text in (
        ("units.yaml", UNITS),
        ("events.yaml", EVENTS),
        ("plan.yaml", PLAN),
        ("targets.yaml", "targets: []\n"),
    ):
        (data / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for i, text in enumerate(reports):
        (data / "progress" / f"r{i:02}.yaml").write_text(text, encoding="utf-8")
    dataset = load_dataset(data)
    assert dataset.diagnostics == [], dataset.diagnostics
    assert len(dataset.reports) == len(reports)
    return build_index(dataset)


def verdict(tmp_path: Path, label: str, as_of: dt.date, *reports: str) -> TaskResult:
    """The row of the deliverable ``label`` as of ``as_of``."""
    rows = evaluate_tasks(build(tmp_path, *reports), as_of)
    return next(r for r in rows if r.label == label)


def test_the_invented_plan_has_the_deliverables_described_above(tmp_path: Path) -> None:
    rows = evaluate_tasks(build(tmp_path), D(2026, 6, 30))
    assert [(r.label, r.deliverable.due) for r in rows] == [
        ("PL-01", D(2025, 12, 31)),
        ("PL-02 (2025)", D(2025, 12, 31)),
        ("PL-02 (2026)", D(2026, 12, 31)),
        ("PL-03", None),
        ("PL-04", D(2025, 7, 15)),
        ("PL-05", None),
        ("PL-06", D(2025, 12, 31)),
        ("PL-07", D(2025, 12, 31)),
        ("PL-08 (Luật A)", D(2025, 7, 15)),
        ("PL-08 (Luật B)", D(2025, 9, 1)),
    ]


# -- status of one deliverable: PL-01, due 31/12/2025, lead so-a ------------------------------

IN_PROGRESS = report("so-a", "2025-06-30", entry("PL-01", "in_progress"))
NOT_STARTED = report("so-a", "2025-06-30", entry("PL-01", "not_started"))


def done(unit: str, reported_on: str, completed_on: str, evidence: str = "QĐ 1") -> str:
    """A report of ``unit`` saying PL-01 is done."""
    item = entry("PL-01", "done", completed_on=completed_on, evidence=f'"{evidence}"')
    return report(unit, reported_on, item)


@pytest.mark.parametrize(
    ("reports", "as_of", "expected"),
    [
        # nothing reported: not due up to and including the due date, then overdue
        ((), D(2025, 12, 31), ("not_due", None, None)),
        ((), D(2026, 1, 1), ("overdue", 1, None)),
        # the last report says in progress: in progress up to and including the due date
        ((IN_PROGRESS,), D(2025, 12, 30), ("in_progress", None, "in_progress")),
        ((IN_PROGRESS,), D(2025, 12, 31), ("in_progress", None, "in_progress")),
        ((IN_PROGRESS,), D(2026, 1, 1), ("overdue", 1, "in_progress")),
        ((IN_PROGRESS,), D(2026, 1, 10), ("overdue", 10, "in_progress")),
        ((IN_PROGRESS,), D(2026, 3, 1), ("overdue", 60, "in_progress")),
        # not started is not "in progress"
        ((NOT_STARTED,), D(2025, 12, 31), ("not_due", None, "not_started")),
        ((NOT_STARTED,), D(2026, 1, 2), ("overdue", 2, "not_started")),
        # the latest report decides the last report (file order is not date order here)
        (
            (
                report("so-a", "2025-09-01", entry("PL-01", "in_progress")),
                report("so-a", "2025-03-01", entry("PL-01", "not_started")),
            ),
            D(2025, 12, 1),
            ("in_progress", None, "in_progress"),
        ),
        (
            (
                report("so-a", "2025-09-01", entry("PL-01", "not_started")),
                report("so-a", "2025-03-01", entry("PL-01", "in_progress")),
            ),
            D(2025, 12, 1),
            ("not_due", None, "not_started"),
        ),
        # a report after the as-of date does not count yet
        (
            (
                report("so-a", "2025-03-01", entry("PL-01", "not_started")),
                report("so-a", "2025-09-01", entry("PL-01", "in_progress")),
            ),
            D(2025, 8, 31),
            ("not_due", None, "not_started"),
        ),
        # "done" without a completion date is not done
        (
            (report("so-a", "2025-12-20", entry("PL-01", "done", evidence='"QĐ 1"')),),
            D(2025, 12, 31),
            ("not_due", None, "done"),
        ),
        (
            (report("so-a", "2025-12-20", entry("PL-01", "done", evidence='"QĐ 1"')),),
            D(2026, 2, 1),
            ("overdue", 32, "done"),
        ),
        # a completion date on a report that is not "done" does not make it done
        (
            (
                report(
                    "so-a", "2025-12-20", entry("PL-01", "in_progress", completed_on="2025-11-01")
                ),
            ),
            D(2026, 1, 1),
            ("overdue", 1, "in_progress"),
        ),
        # reported done: on time up to and including the due date, late after it
        (
            (done("so-a", "2026-01-05", "2025-12-31"),),
            D(2026, 2, 1),
            ("done_on_time", None, "done"),
        ),
        ((done("so-a", "2026-01-05", "2026-01-01"),), D(2026, 2, 1), ("done_late", None, "done")),
        (
            (done("so-a", "2025-06-05", "2025-06-01"),),
            D(2025, 7, 1),
            ("done_on_time", None, "done"),
        ),
        # a report dated on the as-of date counts, one dated the day after does not
        (
            (done("so-a", "2026-01-05", "2025-12-20"),),
            D(2026, 1, 5),
            ("done_on_time", None, "done"),
        ),
        ((done("so-a", "2026-01-05", "2025-12-20"),), D(2026, 1, 4), ("overdue", 4, None)),
    ],
)
def test_status_of_a_deliverable(
    tmp_path: Path,
    reports: tuple[str, ...],
    as_of: dt.date,
    expected: tuple[str, int | None, str | None],
) -> None:
    row = verdict(tmp_path, "PL-01", as_of, *reports)
    assert (row.status, row.days_overdue, row.last_report) == expected
    assert row.days_overdue is None or row.status == "overdue"


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # the latest "done" decides the completion date and the evidence, not the earliest
        (
            (
                done("so-a", "2026-01-05", "2026-01-03", "QĐ trễ"),
                done("so-a", "2026-01-20", "2025-12-30", "QĐ sửa"),
            ),
            ("done_on_time", D(2025, 12, 30), "QĐ sửa"),
        ),
        (
            (
                done("so-a", "2026-01-20", "2026-01-03", "QĐ trễ"),
                done("so-a", "2026-01-05", "2025-12-30", "QĐ đúng hạn"),
            ),
            ("done_late", D(2026, 1, 3), "QĐ trễ"),
        ),
        # a later report without a completion date does not undo nor replace the done one
        (
            (
                done("so-a", "2026-01-05", "2025-12-30", "QĐ 1"),
                report("so-a", "2026-01-20", entry("PL-01", "done", evidence='"QĐ 2"')),
            ),
            ("done_on_time", D(2025, 12, 30), "QĐ 1"),
        ),
        # only one report: its date and evidence
        ((done("so-a", "2026-01-05", "2026-01-01", "QĐ 9"),), ("done_late", D(2026, 1, 1), "QĐ 9")),
    ],
)
def test_the_latest_done_report_decides(
    tmp_path: Path,
    reports: tuple[str, ...],
    expected: tuple[str, dt.date, str],
) -> None:
    row = verdict(tmp_path, "PL-01", D(2026, 2, 1), *reports)
    assert (row.status, row.completed_on, row.evidence) == expected
    assert row.days_overdue is None


def test_latest_report_is_the_last_report_even_after_done(tmp_path: Path) -> None:
    reports = (
        done("so-a", "2025-10-01", "2025-09-30"),
        report("so-a", "2025-11-01", entry("PL-01", "in_progress")),
    )
    row = verdict(tmp_path, "PL-01", D(2025, 12, 1), *reports)
    assert (row.status, row.last_report, row.completed_on) == (
        "done_on_time",
        "in_progress",
        D(2025, 9, 30),
    )
    assert [e.reported_on for e in row.entries] == [D(2025, 10, 1), D(2025, 11, 1)]


# -- whose reports count: the lead side -------------------------------------------------------


def done_on(task: str, unit: str, reported_on: str, completed_on: str) -> str:
    """A report of ``unit`` saying ``task`` is done."""
    item = entry(task, "done", completed_on=completed_on, evidence='"QĐ 1"')
    return report(unit, reported_on, item)


@pytest.mark.parametrize(
    ("label", "unit", "expected"),
    [
        # PL-01: lead so-a, coordinating so-b
        ("PL-01", "so-a", ("done_on_time", "done")),
        ("PL-01", "so-b", ("overdue", None)),  # a coordinating unit's own part
        ("PL-01", "so-e", ("overdue", None)),  # neither lead nor coordinating
        ("PL-01", "xa-moi", ("overdue", None)),
        # PL-04: lead the group nhom-cd of so-c and so-d, coordinating so-b
        ("PL-04", "nhom-cd", ("done_on_time", "done")),
        ("PL-04", "so-c", ("done_on_time", "done")),
        ("PL-04", "so-d", ("done_on_time", "done")),
        ("PL-04", "so-b", ("overdue", None)),
        ("PL-04", "so-a", ("overdue", None)),
        # PL-06: lead huyen-cu (ceased), succeeded by xa-moi; coordinating so-b
        ("PL-06", "xa-moi", ("done_on_time", "done")),
        ("PL-06", "so-b", ("overdue", None)),
        ("PL-06", "so-a", ("overdue", None)),
    ],
)
def test_only_the_lead_side_completes_a_task(
    tmp_path: Path, label: str, unit: str, expected: tuple[str, str | None]
) -> None:
    reports = [done_on(label, unit, "2025-07-10", "2025-07-05")]
    row = verdict(tmp_path, label, D(2026, 1, 1), *reports)
    assert (row.status, row.last_report) == expected
    assert [e.unit for e in row.entries] == ([unit] if expected[1] else [])


def test_a_lead_that_later_ceased_counts_and_so_does_its_successor(tmp_path: Path) -> None:
    before = done_on("PL-06", "huyen-cu", "2025-06-20", "2025-06-15")
    assert verdict(tmp_path / "a", "PL-06", D(2026, 1, 1), before).status == "done_on_time"
    after = done_on("PL-06", "xa-moi", "2026-01-03", "2026-01-02")
    assert verdict(tmp_path / "b", "PL-06", D(2026, 2, 1), after).status == "done_late"


def test_a_coordinating_report_does_not_hide_the_lead_report(tmp_path: Path) -> None:
    reports = (
        report("so-a", "2025-06-01", entry("PL-01", "in_progress")),
        done_on("PL-01", "so-b", "2025-07-01", "2025-06-30"),
    )
    row = verdict(tmp_path, "PL-01", D(2025, 12, 1), *reports)
    assert (row.status, row.last_report, row.completed_on) == ("in_progress", "in_progress", None)


# -- deliverables that are never overdue ------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "reports", "as_of", "expected"),
    [
        ("PL-03", (), D(2031, 1, 1), ("ongoing", None)),
        (
            "PL-03",
            (done_on("PL-03", "so-a", "2025-05-02", "2025-05-01"),),
            D(2031, 1, 1),
            ("ongoing", "done"),
        ),
        (
            "PL-03",
            (report("so-a", "2025-05-02", entry("PL-03", "in_progress")),),
            D(2025, 6, 1),
            ("ongoing", "in_progress"),
        ),
        ("PL-05", (), D(2031, 1, 1), ("waiting_for_event", None)),
        (
            "PL-05",
            (done_on("PL-05", "so-a", "2025-05-02", "2025-05-01"),),
            D(2031, 1, 1),
            ("waiting_for_event", "done"),
        ),
        (
            "PL-05",
            (report("so-a", "2025-05-02", entry("PL-05", "in_progress")),),
            D(2025, 6, 1),
            ("waiting_for_event", "in_progress"),
        ),
    ],
)
def test_ongoing_and_waiting_whatever_is_reported(
    tmp_path: Path,
    label: str,
    reports: tuple[str, ...],
    as_of: dt.date,
    expected: tuple[str, str | None],
) -> None:
    row = verdict(tmp_path, label, as_of, *reports)
    assert (row.status, row.last_report) == expected
    assert row.days_overdue is None


# -- who leads now ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "as_of", "expected"),
    [
        (["so-a"], D(2026, 1, 1), ["so-a"]),
        # a ceased unit is replaced by its successors, from the day after its last day
        (["huyen-cu"], D(2025, 6, 30), ["huyen-cu"]),
        (["huyen-cu"], D(2025, 7, 1), ["xa-moi"]),
        # a ceased unit without successors stays itself
        (["so-giai-the"], D(2025, 6, 30), ["so-giai-the"]),
        (["so-giai-the"], D(2025, 7, 1), ["so-giai-the"]),
        # a unit not yet in existence, with no successor, stays itself
        (["xa-moi"], D(2025, 6, 30), ["xa-moi"]),
        # the order of the leads is kept
        (["so-a", "huyen-cu", "so-giai-the"], D(2025, 6, 30), ["so-a", "huyen-cu", "so-giai-the"]),
        (["so-a", "huyen-cu", "so-giai-the"], D(2026, 1, 1), ["so-a", "xa-moi", "so-giai-the"]),
        (["huyen-cu", "so-a"], D(2026, 1, 1), ["xa-moi", "so-a"]),
    ],
)
def test_lead_now(tmp_path: Path, lead: list[str], as_of: dt.date, expected: list[str]) -> None:
    assert _lead_now(build(tmp_path), lead, as_of) == expected


@pytest.mark.parametrize(
    ("as_of", "lead_now"),
    [
        (D(2025, 6, 30), ["so-a", "huyen-cu", "so-giai-the"]),
        (D(2025, 7, 1), ["so-a", "xa-moi", "so-giai-the"]),
    ],
)
def test_rows_show_the_lead_as_written_and_as_of_the_date(
    tmp_path: Path, as_of: dt.date, lead_now: list[str]
) -> None:
    row = verdict(tmp_path, "PL-07", as_of)
    assert row.lead == ["so-a", "huyen-cu", "so-giai-the"]
    assert row.lead_now == lead_now


# -- which years of an ongoing task have no report --------------------------------------------


def on_pl03(unit: str, reported_on: str, period: int, **fields: object) -> str:
    """A report of ``unit`` for ``period`` on the ongoing task PL-03."""
    return report(unit, reported_on, entry("PL-03", "in_progress", **fields), period=period)


@pytest.mark.parametrize(
    ("reports", "as_of", "expected"),
    [
        # reporting begins in 2025 (settings.report_from_year); the as-of year is not finished
        ((), D(2025, 12, 31), []),
        ((), D(2026, 1, 1), [2025]),
        ((), D(2027, 6, 1), [2025, 2026]),
        ((), D(2028, 1, 1), [2025, 2026, 2027]),
        ((on_pl03("so-a", "2025-12-01", 2025),), D(2027, 6, 1), [2026]),
        ((on_pl03("so-a", "2027-01-10", 2026),), D(2027, 6, 1), [2025]),
        (
            (on_pl03("so-a", "2025-12-01", 2025), on_pl03("so-a", "2027-01-10", 2026)),
            D(2027, 6, 1),
            [],
        ),
        # the entry's year counts as well as the report's period
        ((on_pl03("so-a", "2026-12-01", 2026, year=2025),), D(2027, 6, 1), []),
        ((on_pl03("so-a", "2027-01-10", 2027, year=2026),), D(2028, 1, 1), [2025]),
        # a report dated on the as-of date counts, one dated the day after does not
        ((on_pl03("so-a", "2027-06-01", 2026),), D(2027, 6, 1), [2025]),
        ((on_pl03("so-a", "2027-06-02", 2026),), D(2027, 6, 1), [2025, 2026]),
        # only reports of the lead side count: not the coordinating unit's, nor a stranger's
        ((on_pl03("so-b", "2025-12-01", 2025),), D(2027, 6, 1), [2025, 2026]),
        ((on_pl03("so-e", "2025-12-01", 2025),), D(2027, 6, 1), [2025, 2026]),
        # only reports on this task count
        (
            (report("so-a", "2025-12-01", entry("PL-01", "in_progress"), period=2025),),
            D(2027, 6, 1),
            [2025, 2026],
        ),
        (
            (
                report(
                    "so-a",
                    "2025-12-01",
                    entry("PL-01", "in_progress"),
                    entry("PL-03", "in_progress"),
                    period=2025,
                ),
            ),
            D(2027, 6, 1),
            [2026],
        ),
    ],
)
def test_unreported_years(
    tmp_path: Path, reports: tuple[str, ...], as_of: dt.date, expected: list[int]
) -> None:
    index = build(tmp_path, *reports)
    assert unreported_years(index, index.tasks.items["PL-03"], as_of) == expected


# -- the entries behind the verdicts ----------------------------------------------------------


def test_collect_entries_skips_what_cannot_count_and_orders_oldest_first(tmp_path: Path) -> None:
    index = build(
        tmp_path,
        report(
            "so-a",
            "2025-03-01",
            entry("PL-01", "in_progress"),
            entry("PL-99", "in_progress"),  # no such task
            entry("PL-08", "in_progress", event="ev-a"),
            entry("PL-08", "in_progress"),  # which event?
            entry("PL-08", "in_progress", event="ev-cho"),  # not one of PL-08's events
            entry("PL-02", "in_progress", year=2024),  # before its first year
            entry("PL-02", "in_progress", year=2025),
            entry("PL-04", "in_progress"),  # so-a does not lead PL-04
        ),
        report("so-b", "2025-02-01", entry("PL-01", "done", completed_on="2025-01-30")),
        report("so-a", "2025-01-15", entry("PL-01", "not_started")),
        report("so-a", "2026-01-01", entry("PL-01", "done", completed_on="2025-12-30")),
    )
    found = collect_entries(index, D(2025, 12, 31))
    summary = {
        key: [(e.unit, e.reported_on, e.entry.status, e.location.path) for e in entries]
        for key, entries in found.items()
    }
    assert summary == {
        ("PL-01", ""): [
            ("so-a", D(2025, 1, 15), "not_started", ("tasks", 0)),
            ("so-a", D(2025, 3, 1), "in_progress", ("tasks", 0)),
        ],
        ("PL-08", "ev-a"): [("so-a", D(2025, 3, 1), "in_progress", ("tasks", 2))],
        ("PL-02", "2025"): [("so-a", D(2025, 3, 1), "in_progress", ("tasks", 6))],
    }
    first = found[("PL-01", "")][0]
    assert (first.period, first.location.file, first.location.line) == (
        2025,
        "progress/r02.yaml",
        5,
    )


def test_an_entry_has_a_deliverable_key_exactly_when_it_has_no_problem(tmp_path: Path) -> None:
    # collect_entries skips an entry when "problem is not None or key is None"; the mutation
    # tool lists "or -> and" there as equivalent because of this contract
    tasks = build(tmp_path).tasks.items.values()
    for task in tasks:
        for year in (None, 2024, 2025, 2026):
            for event in (None, "ev-a", "ev-b", "ev-cho", "ev-x"):
                key, problem = deliverable_key(task, year, event)
                assert (key is None) == (problem is not None), (task.id, year, event)


def test_entries_of_a_row_are_its_reports_oldest_first(tmp_path: Path) -> None:
    reports = (
        report("so-a", "2025-09-01", entry("PL-02", "in_progress", year=2025)),
        report("so-a", "2025-03-01", entry("PL-02", "not_started", year=2025)),
        report("so-a", "2026-03-01", entry("PL-02", "in_progress", year=2026)),
    )
    rows = evaluate_tasks(build(tmp_path, *reports), D(2026, 6, 30))
    by_label = {r.label: r for r in rows}
    assert [e.entry.status for e in by_label["PL-02 (2025)"].entries] == [
        "not_started",
        "in_progress",
    ]
    assert [e.reported_on for e in by_label["PL-02 (2026)"].entries] == [D(2026, 3, 1)]
    assert by_label["PL-02 (2025)"].status == "overdue"
    assert by_label["PL-02 (2025)"].days_overdue == 181
    assert by_label["PL-02 (2026)"].status == "in_progress"
    assert by_label["PL-01"].entries == []


def test_without_a_plan_there_is_nothing_to_evaluate(tmp_path: Path) -> None:
    index = Index(Dataset(tmp_path))
    assert evaluate_tasks(index, D(2026, 1, 1)) == []
    task = build(tmp_path / "b").tasks.items["PL-03"]
    assert unreported_years(index, task, D(2027, 1, 1)) == []


# -- labels and the headline ------------------------------------------------------------------


def _appendix_task(task_id: str) -> AppendixTask:
    return AppendixTask.model_validate(
        {
            "id": task_id,
            "number": 6,
            "text": "Nhiệm vụ",
            "lead": ["so-a"],
            "lead_text": "Sở A",
            "coordinating_text": "",
            "deadline": {"text": "Năm 2026, hằng năm", "kind": "yearly_from", "year": 2026},
        }
    )


@pytest.mark.parametrize(
    ("key", "title", "expected"),
    [
        ("", "", "PL-06"),
        ("2026", "2026", "PL-06 (2026)"),
        ("ev-a", "", "PL-06 (ev-a)"),
        ("ev-a", "Luật A", "PL-06 (Luật A)"),
    ],
)
def test_label(key: str, title: str, expected: str) -> None:
    deliverable = Deliverable("PL-06", key, title=title)
    row = TaskResult(_appendix_task("PL-06"), deliverable, "not_due", [], [])
    assert row.label == expected


def row(due: dt.date | None, status: str) -> TaskResult:
    """A verdict with only what the headline reads: the due date and the status."""
    deliverable = Deliverable("PL-06", "", due=due, ongoing=due is None)
    return TaskResult(_appendix_task("PL-06"), deliverable, status, ["so-a"], ["so-a"])


AS_OF = D(2026, 6, 30)
#: Due before AS_OF: 2 done on time, 1 done late, 4 overdue (7 due, 3 done); the rest is
#: not due: due on AS_OF itself or later (even when done), ongoing or waiting.
MIXED = [
    row(D(2025, 12, 31), "done_on_time"),
    row(D(2026, 6, 29), "done_on_time"),
    row(D(2026, 3, 1), "done_late"),
    row(D(2025, 7, 15), "overdue"),
    row(D(2025, 12, 31), "overdue"),
    row(D(2026, 1, 1), "overdue"),
    row(D(2026, 6, 29), "overdue"),
    row(D(2026, 6, 30), "in_progress"),
    row(D(2026, 6, 30), "done_on_time"),
    row(D(2026, 6, 30), "done_late"),
    row(D(2026, 12, 31), "done_on_time"),
    row(D(2026, 12, 31), "not_due"),
    row(None, "ongoing"),
    row(None, "waiting_for_event"),
]


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        (MIXED, Headline(due=7, done=3, done_on_time=2, overdue=4)),
        (MIXED[7:], Headline(due=0, done=0, done_on_time=0, overdue=0)),
        ([], Headline(due=0, done=0, done_on_time=0, overdue=0)),
        (MIXED[2:4], Headline(due=2, done=1, done_on_time=0, overdue=1)),
        (MIXED[:2] + MIXED[8:], Headline(due=2, done=2, done_on_time=2, overdue=0)),
    ],
)
def test_headline_counts_only_deliverables_due_before_the_date(
    results: list[TaskResult], expected: Headline
) -> None:
    assert headline(results, AS_OF) == expected


@pytest.mark.parametrize(
    ("counts", "rate"),
    [
        ((7, 3, 2, 4), 300 / 7),
        ((4, 3, 1, 1), 75.0),
        ((4, 1, 1, 3), 25.0),
        ((1, 1, 0, 0), 100.0),
        ((2, 0, 0, 2), 0.0),
        ((0, 0, 0, 0), None),
    ],
)
def test_rate_is_done_over_due_in_percent(
    counts: tuple[int, int, int, int], rate: float | None
) -> None:
    assert Headline(*counts).rate == (pytest.approx(rate) if rate is not None else None)


def test_headline_of_the_invented_plan(tmp_path: Path) -> None:
    # as of 30/6/2026, due before it: PL-01, PL-02 (2025), PL-04, PL-06, PL-07, PL-08 (ev-a),
    # PL-08 (ev-b); not due: PL-02 (2026); never due: PL-03 (ongoing), PL-05 (waiting)
    reports = (
        done_on("PL-01", "so-a", "2025-12-20", "2025-12-10"),  # on time
        report(
            "so-a",
            "2026-01-20",
            entry("PL-02", "done", year=2025, completed_on="2026-01-15", evidence='"x"'),  # late
            entry("PL-08", "done", event="ev-b", completed_on="2025-09-01", evidence='"x"'),
        ),
        done_on("PL-04", "so-b", "2025-07-01", "2025-06-01"),  # coordinating: not done
        report(
            "so-a",
            "2026-06-30",
            entry("PL-02", "done", year=2026, completed_on="2026-06-30", evidence='"x"'),
        ),
    )
    rows = evaluate_tasks(build(tmp_path, *reports), AS_OF)
    assert {r.label: r.status for r in rows} == {
        "PL-01": "done_on_time",
        "PL-02 (2025)": "done_late",
        "PL-02 (2026)": "done_on_time",
        "PL-03": "ongoing",
        "PL-04": "overdue",
        "PL-05": "waiting_for_event",
        "PL-06": "overdue",
        "PL-07": "overdue",
        "PL-08 (Luật A)": "overdue",
        "PL-08 (Luật B)": "done_on_time",
    }
    assert headline(rows, AS_OF) == Headline(due=7, done=3, done_on_time=2, overdue=4)


def test_entries_and_headlines_are_immutable(tmp_path: Path) -> None:
    item = TaskReport(task="PL-01", status="in_progress")
    one = Entry(item, "so-a", D(2025, 1, 1), 2025, Location("progress/r.yaml"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.unit = "so-b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Headline(1, 1, 1, 0).due = 2  # type: ignore[misc]
