"""What each unit owes on the as-of date, as one list per unit: the reminder letters' rows.

One row per thing a unit has not done: an overdue deliverable it leads now (the model's
``TaskView``: due date as written, days late), and every figure, task report and own plan
``kh284 missing`` lists as not received (``evaluate.reporting``).  A missing item is owed,
on the as-of date, by the units that answer for its unit then (``validate.responsibility``:
a ceased unit's successors), so a successor's list holds what passed to it, and each such
row names the units it passed from.  Each row also names the clause that sets the duty:
the task's row of the appendix, the target's clause, the clause that asks for unit plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kh284 import i18n
from kh284.evaluate.reporting import Item, Reporting
from kh284.i18n.statuses import TaskStatus
from kh284.validate.index import Index
from kh284.validate.responsibility import in_unit_order, owners_on, reporters
from kh284.views.model import Model, TaskView

#: The kinds of row, in the order a letter lists them.
KINDS = ("task", "figure", "task_report", "unit_plan")


@dataclass(frozen=True)
class OwedRow:
    """One thing one unit owes on the as-of date."""

    #: ``task`` (an overdue deliverable), ``figure``, ``task_report`` or ``unit_plan``.
    kind: str
    #: The task, target or clause id the row is about.
    subject: str
    #: What it is, as people name it: ``Nhiệm vụ số 2 (Luật …)``, ``Số liệu năm 2025``.
    label: str
    #: The words under it: the task's text, the target's name (empty for a unit's plan).
    what: str
    year: int | None
    due: dt.date | None
    #: The due date as written (DD/MM/YYYY), else the plan's words for the deadline.
    due_text: str
    days_late: int | None
    #: The clause that sets the duty, in words (``mục IV.1``, ``nhiệm vụ số 3 tại Phụ lục``).
    clause: str
    #: Ceased units whose duty this was (empty when it is the unit's own).
    passed_from: tuple[str, ...] = ()
    #: What sets the duty, as data: the appendix row's number, or the clause's id.
    row: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class UnitOwed:
    """Everything one unit owes on the as-of date: overdue tasks first, then reports."""

    unit: str
    name: str
    short_name: str
    rows: tuple[OwedRow, ...]

    @property
    def passed_from(self) -> tuple[str, ...]:
        """Every ceased unit whose duty passed to this one, in first-seen order."""
        return tuple(dict.fromkeys(u for r in self.rows for u in r.passed_from))

    def of_kind(self, kind: str) -> tuple[OwedRow, ...]:
        """The rows of one kind."""
        return tuple(r for r in self.rows if r.kind == kind)


def owed_by_unit(
    model: Model, index: Index, reporting: Reporting | None, units: list[str] | None = None
) -> tuple[UnitOwed, ...]:
    """Each unit that owes something on ``model.as_of`` (of ``units`` when given).

    In ``units.yaml`` order; a unit that owes nothing is left out.
    """
    as_of, lang = model.as_of, model.lang
    rows: dict[str, list[OwedRow]] = {}
    overdue = sorted(
        (t for t in model.tasks if t.status == TaskStatus.OVERDUE),
        key=lambda t: (-(t.days_late or 0), t.result.task.number, t.label),
    )
    for task in overdue:
        for unit in dict.fromkeys(task.lead_now):
            rows.setdefault(unit, []).append(_task_row(index, task, unit, as_of, lang))
    if reporting is not None:
        for item in reporting.missing:
            for unit in owners_on(index, item.unit, as_of):
                rows.setdefault(unit, []).append(_item_row(index, item, unit, as_of, lang))
    wanted = None if units is None else set(units)
    found = []
    for unit in in_unit_order(index, rows):
        if wanted is not None and unit not in wanted:
            continue
        ordered = sorted(rows[unit], key=lambda r: KINDS.index(r.kind))
        found.append(
            UnitOwed(unit, model.unit_full_name(unit), model.unit_name(unit), tuple(ordered))
        )
    return tuple(found)


def _task_row(index: Index, task: TaskView, unit: str, as_of: dt.date, lang: str) -> OwedRow:
    passed = () if unit in task.lead else _passed(index, task.lead, unit, as_of, as_of)
    return OwedRow(
        kind="task",
        subject=task.id,
        label=_task_label(task.result.task.number, task.result.deliverable.title, lang),
        what=task.text,
        year=task.result.deliverable.year,
        due=task.due,
        due_text=task.due_text,
        days_late=task.days_late,
        clause=i18n.word("owed.task_row", lang, number=task.result.task.number),
        passed_from=passed,
        row=task.result.task.number,
    )


def _task_label(number: int, part: str, lang: str) -> str:
    """``Nhiệm vụ số 2``, or with its deliverable ``Nhiệm vụ số 2 (Luật Giáo dục sửa đổi)``."""
    if part:
        return i18n.word("owed.task_part", lang, number=number, part=part)
    return i18n.word("owed.task", lang, number=number)


def _item_row(index: Index, item: Item, unit: str, as_of: dt.date, lang: str) -> OwedRow:
    originals = _originals(index, item)
    passed = () if unit in originals else _passed(index, originals, unit, item.due, as_of)
    if item.kind == "figure":
        target = index.targets.items.get(item.subject)
        label = i18n.word("owed.figure", lang, year=item.year)
        what = item.subject if target is None else target.name if lang == "vi" else target.name_en
        clause = i18n.word("owed.clause", lang, clause=target.clause) if target else ""
        row, section = None, target.clause if target else None
    elif item.kind == "task_report":
        task = index.tasks.items.get(item.subject)
        number = task.number if task else item.subject
        label = i18n.word("owed.task_report", lang, year=item.year, number=number)
        what = task.text if task else ""
        clause = i18n.word("owed.task_row", lang, number=number)
        row, section = (task.number if task else None), None
    else:
        label = i18n.word("owed.unit_plan", lang)
        what = ""
        clause = i18n.word("owed.clause", lang, clause=item.subject)
        row, section = None, item.subject
    return OwedRow(
        kind=item.kind,
        subject=item.subject,
        label=label,
        what=what,
        year=item.year,
        due=item.due,
        due_text=i18n.day(item.due),
        days_late=item.days_overdue(as_of),
        clause=clause,
        passed_from=passed,
        row=row,
        section=section,
    )


def _originals(index: Index, item: Item) -> list[str]:
    """The units the plan gives the duty of ``item`` to, whose duty fell to ``item.unit``."""
    named: list[str] = []
    if item.kind == "figure":
        target = index.targets.items.get(item.subject)
        named = reporters(index, target) if target is not None else []
    elif item.kind == "task_report":
        task = index.tasks.items.get(item.subject)
        named = list(task.lead) if task is not None else []
    else:
        plan = index.dataset.plan
        plans = plan.settings.unit_plans if plan is not None else None
        named = list(plans.units) if plans is not None else []
    return [u for u in named if item.unit in owners_on(index, u, item.due)] or [item.unit]


def _passed(
    index: Index, originals: Sequence[str], unit: str, due: dt.date, as_of: dt.date
) -> tuple[str, ...]:
    """Those of ``originals`` whose duty, owed on ``due``, falls to ``unit`` on ``as_of``."""
    found = []
    for original in originals:
        if original == unit:
            continue
        then = owners_on(index, original, due)
        if any(unit in owners_on(index, owner, as_of) for owner in then):
            found.append(original)
    return tuple(found)
