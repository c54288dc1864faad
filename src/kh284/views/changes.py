"""What changed between two evaluations: two dates on the same data, or two versions of it.

``compare`` takes the model (and the reporting of ``kh284 missing``) at each side and keeps
only what differs: every task deliverable whose status differs (one that exists on one
side only counts as a change from or to nothing), classed as done (on time or late),
overdue, due after waiting for its event, or another change; every target whose status
changed or that received figures; the units whose reports arrived in between and the units
still owing on the later side; and the headline of both sides.  Every fact is the
models' own (``views.model``); nothing is worked out again here but the difference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kh284.evaluate.reporting import Item, Reporting
from kh284.evaluate.series import Point
from kh284.evaluate.tasks import Headline
from kh284.i18n.statuses import TaskStatus
from kh284.views.model import Model, TargetHeadline, TargetView, TaskView

#: How a deliverable changed, in the order the changes are listed.
TASK_CHANGES = ("done", "overdue", "due", "other")
#: Statuses that count as done.
DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its model, what units owe, and how it is named."""

    model: Model
    reporting: Reporting | None
    #: The git revision it was read at (``None``: the data as it is now).
    rev: str | None = None


@dataclass(frozen=True)
class TaskChange:
    """One deliverable whose status differs between the two sides."""

    #: ``done``, ``overdue``, ``due`` (it waited for an event and no longer does), ``other``.
    change: str
    before: TaskView | None
    after: TaskView | None

    @property
    def task(self) -> TaskView:
        """The deliverable as the later side has it (the earlier one's if it is gone)."""
        found = self.after or self.before
        assert found is not None
        return found


@dataclass(frozen=True)
class TargetChange:
    """One target whose status changed or that received figures."""

    before: TargetView | None
    after: TargetView | None
    #: The figures the later side has that the earlier one has not (year order).
    new_points: tuple[Point, ...] = ()

    @property
    def target(self) -> TargetView:
        """The target as the later side has it."""
        found = self.after or self.before
        assert found is not None
        return found

    @property
    def status_changed(self) -> bool:
        """True when the verdict differs."""
        before = self.before.status if self.before else None
        after = self.after.status if self.after else None
        return before != after


@dataclass(frozen=True)
class UnitReports:
    """A unit's reports: those that arrived in between, or those it still owes."""

    unit: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Changes:
    """Everything that differs between ``before`` and ``after``."""

    before: Side
    after: Side
    tasks: tuple[TaskChange, ...]
    targets: tuple[TargetChange, ...]
    #: Units whose reports (figures, task reports, own plans) arrived in between.
    reported: tuple[UnitReports, ...]
    #: Units still owing on the later side, with what they owe.
    owing: tuple[UnitReports, ...]

    @property
    def target_headlines(self) -> tuple[TargetHeadline, TargetHeadline]:
        """The targets' headline on each side."""
        return self.before.model.target_headline, self.after.model.target_headline

    @property
    def task_headlines(self) -> tuple[Headline | None, Headline | None]:
        """The deliverables' completion on each side."""
        return self.before.model.headline, self.after.model.headline

    @property
    def empty(self) -> bool:
        """True when nothing differs."""
        return not (self.tasks or self.targets or self.reported)

    def count(self, change: str) -> int:
        """How many deliverables changed in the way ``change``."""
        return sum(1 for t in self.tasks if t.change == change)


def task_key(task: TaskView) -> tuple[str, str]:
    """What identifies a deliverable on both sides: its task and deliverable key."""
    return task.id, task.result.deliverable.key


def compare(before: Side, after: Side) -> Changes:
    """What differs between ``before`` and ``after``."""
    return Changes(
        before=before,
        after=after,
        tasks=_tasks(before.model, after.model),
        targets=_targets(before.model, after.model),
        reported=_reported(before, after),
        owing=_owing(after.reporting),
    )


def _tasks(before: Model, after: Model) -> tuple[TaskChange, ...]:
    old = {task_key(t): t for t in before.tasks}
    new = {task_key(t): t for t in after.tasks}
    found: list[TaskChange] = []
    for key in dict.fromkeys([*new, *old]):
        a, b = old.get(key), new.get(key)
        was = a.status if a else None
        now = b.status if b else None
        if was == now:
            continue
        found.append(TaskChange(_task_change(was, now), a, b))
    order = {change: i for i, change in enumerate(TASK_CHANGES)}
    position = {key: i for i, key in enumerate(dict.fromkeys([*old, *new]))}
    found.sort(key=lambda c: (order[c.change], position[task_key(c.task)]))
    return tuple(found)


def _task_change(was: TaskStatus | None, now: TaskStatus | None) -> str:
    if now in DONE and was not in DONE:
        return "done"
    if now == TaskStatus.OVERDUE:
        return "overdue"
    if was == TaskStatus.WAITING_FOR_EVENT and now is not None:
        return "due"
    return "other"


def _point_key(point: Point) -> tuple[int, float, str, dt.date]:
    return point.year, point.value, point.unit, point.reported_on


def _targets(before: Model, after: Model) -> tuple[TargetChange, ...]:
    old = {t.id: t for t in before.targets}
    new = {t.id: t for t in after.targets}
    found = []
    for target_id in dict.fromkeys([*new, *old]):
        a, b = old.get(target_id), new.get(target_id)
        seen = {_point_key(p) for p in a.result.points} if a else set()
        points = tuple(
            sorted(
                (p for p in (b.result.points if b else []) if _point_key(p) not in seen),
                key=_point_key,
            )
        )
        change = TargetChange(a, b, points)
        if change.status_changed or points:
            found.append(change)
    return tuple(found)


def _item_key(item: Item) -> tuple[str, str, str, int]:
    return item.unit, item.kind, item.subject, item.year


def _reported(before: Side, after: Side) -> tuple[UnitReports, ...]:
    """Items the later side has received that arrived in between.

    Not received on the earlier side, and either both sides are of one date (two versions
    of the data) or received after the earlier date: a report sent before the earlier date
    for an item not yet owed then did not arrive in between.
    """
    if after.reporting is None:
        return ()
    earlier = before.reporting.items if before.reporting is not None else []
    had = {_item_key(i) for i in earlier if i.status != "missing"}
    same_day = before.model.as_of == after.model.as_of
    units: dict[str, list[Item]] = {}
    for item in after.reporting.items:
        if item.received_on is None or _item_key(item) in had:
            continue
        if same_day or item.received_on > before.model.as_of:
            units.setdefault(item.unit, []).append(item)
    return tuple(UnitReports(u, tuple(items)) for u, items in units.items())


def _owing(after: Reporting | None) -> tuple[UnitReports, ...]:
    """Units with items still missing on the later side, in ``kh284 missing``'s order."""
    if after is None:
        return ()
    missing: dict[str, list[Item]] = {}
    for item in after.missing:
        missing.setdefault(item.unit, []).append(item)
    return tuple(UnitReports(r.unit, tuple(missing[r.unit])) for r in after.units if r.missing)
