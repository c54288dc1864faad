"""Task verdicts as of a date: one row per deliverable, with the reports behind it.

Status rules (shared with the README): a deliverable reported ``done`` with a completion
date on or before its due date is ``done_on_time``, after it ``done_late``; a deliverable
not done is ``overdue`` once the as-of date is after its due date (``days_overdue`` counts
the days since), else ``in_progress`` when the last report says so and ``not_due``
otherwise.  Ongoing tasks are ``ongoing`` (never overdue; a finished year with no report is
a warning); tasks whose event has not happened are ``waiting_for_event``.
Only reports dated on or before the as-of date count, and only those of the task's lead
units (with their members and successors): a coordinating unit's report on its own part
does not mark the lead's task done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kh284.diagnostics import Location
from kh284.validate.deadlines import Deliverable, deliverable_key, deliverables
from kh284.validate.index import Index
from kh284.validate.models.plan import AppendixTask
from kh284.validate.models.progress import TaskReport
from kh284.validate.responsibility import owners_on


@dataclass(frozen=True)
class Entry:
    """A report entry about one deliverable."""

    entry: TaskReport
    unit: str
    reported_on: dt.date
    period: int
    location: Location


@dataclass
class TaskResult:
    """The verdict on one deliverable of one task."""

    task: AppendixTask
    deliverable: Deliverable
    status: str
    lead: list[str]
    lead_now: list[str]
    days_overdue: int | None = None
    last_report: str | None = None
    completed_on: dt.date | None = None
    evidence: str | None = None
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``PL-06`` or ``PL-06 (2026)``."""
        key = self.deliverable.label
        return f"{self.task.id} ({key})" if key else self.task.id


def collect_entries(index: Index, as_of: dt.date) -> dict[tuple[str, str], list[Entry]]:
    """Report entries by (task id, deliverable key), oldest report first."""
    found: dict[tuple[str, str], list[Entry]] = {}
    for loaded in index.reports_as_of(as_of):
        report = loaded.report
        for i, item in enumerate(report.tasks):
            task = index.tasks.items.get(item.task)
            if task is None or report.unit not in index.lead_side(task.id):
                continue
            key, problem = deliverable_key(task, item.year, item.event)
            if problem is not None or key is None:
                continue
            where = loaded.document.location(("tasks", i))
            found.setdefault((task.id, key), []).append(
                Entry(item, report.unit, report.reported_on, report.period, where)
            )
    return found


def evaluate_tasks(index: Index, as_of: dt.date) -> list[TaskResult]:
    """Every deliverable of every appendix task, in appendix order."""
    plan = index.dataset.plan
    if plan is None:
        return []
    entries = collect_entries(index, as_of)
    results = []
    for task in plan.appendix.tasks:
        lead_now = _lead_now(index, task.lead, as_of)
        for deliverable in deliverables(
            task, index.events.items, plan.settings, plan.horizon_year, as_of
        ):
            found = entries.get((task.id, deliverable.key), [])
            results.append(_judge(task, deliverable, found, as_of, lead_now))
    return results


def _lead_now(index: Index, lead: list[str], as_of: dt.date) -> list[str]:
    """Who leads on ``as_of`` (``owners_on``: successors; a group's members when each owes)."""
    return [owner for unit_id in lead for owner in owners_on(index, unit_id, as_of)]


def _judge(
    task: AppendixTask,
    deliverable: Deliverable,
    found: list[Entry],
    as_of: dt.date,
    lead_now: list[str],
) -> TaskResult:
    result = TaskResult(task, deliverable, "not_due", list(task.lead), lead_now, entries=found)
    if found:
        result.last_report = found[-1].entry.status
    done = [e for e in found if e.entry.status == "done" and e.entry.completed_on is not None]
    if deliverable.ongoing:
        result.status = "ongoing"
        return result
    if deliverable.waiting:
        result.status = "waiting_for_event"
        return result
    due = deliverable.due
    assert due is not None
    if done:
        last_done = done[-1].entry
        assert last_done.completed_on is not None
        result.completed_on, result.evidence = last_done.completed_on, last_done.evidence
        result.status = "done_on_time" if last_done.completed_on <= due else "done_late"
        return result
    if as_of > due:
        result.status = "overdue"
        result.days_overdue = (as_of - due).days
    elif result.last_report == "in_progress":
        result.status = "in_progress"
    return result


def unreported_years(index: Index, task: AppendixTask, as_of: dt.date) -> list[int]:
    """Finished years since reporting began in which an ongoing task had no report."""
    plan = index.dataset.plan
    if plan is None:
        return []
    years_seen: set[int] = set()
    for loaded in index.dataset.reports:
        report = loaded.report
        if report.reported_on > as_of:
            continue
        if report.unit not in index.lead_side(task.id):
            continue
        for item in report.tasks:
            if item.task == task.id:
                years_seen.update({report.period, item.year or report.period})
    first = plan.settings.report_from_year
    return [y for y in range(first, as_of.year) if y not in years_seen]


@dataclass(frozen=True)
class Headline:
    """Completion of deliverables already due: their deadline is before the as-of date."""

    due: int
    done: int
    done_on_time: int
    overdue: int

    @property
    def rate(self) -> float | None:
        """Share of due deliverables that are done, in percent."""
        return None if self.due == 0 else 100.0 * self.done / self.due


#: Days ahead ``check`` lists what falls due (``--due-within``).
DUE_SOON_DAYS = 30


def due_soon(results: list[TaskResult], as_of: dt.date, days: int) -> list[TaskResult]:
    """Deliverables not done whose due date falls within ``days`` days after ``as_of``.

    The as-of day is excluded (what falls due on it is judged already), the last day
    included; soonest first, then by task number.
    """
    end = as_of + dt.timedelta(days=days)
    found = [
        r
        for r in results
        if r.deliverable.due is not None
        and as_of < r.deliverable.due <= end
        and r.status not in ("done_on_time", "done_late")
    ]
    return sorted(found, key=lambda r: (r.deliverable.due or as_of, r.task.number, r.label))


def headline(results: list[TaskResult], as_of: dt.date) -> Headline:
    """The completion rate of deliverables whose deadline has passed."""
    due = [r for r in results if r.deliverable.due is not None and r.deliverable.due < as_of]
    done = [r for r in due if r.status in ("done_on_time", "done_late")]
    return Headline(
        due=len(due),
        done=len(done),
        done_on_time=sum(1 for r in due if r.status == "done_on_time"),
        overdue=sum(1 for r in due if r.status == "overdue"),
    )
