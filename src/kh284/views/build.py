"""Building the one model (``views.model``) from the pipeline's outcome, once per command.

This is the only place where what people are shown is worked out: each target's status
record, goal wording and responsible units (by the one rule of
``validate.responsibility``, and the missing items of ``evaluate.reporting``, so that the
dashboard, the template and ``kh284 missing`` name the same units), each deliverable's
due date as written and days late, each unit's roll-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kh284 import i18n
from kh284.evaluate.reporting import Reporting
from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import Headline, TaskResult, due_soon
from kh284.i18n.statuses import TargetStatus, TaskStatus, target_look, task_look
from kh284.pipeline import Outcome
from kh284.validate.index import Index
from kh284.validate.models.plan import PlanFile
from kh284.validate.models.targets import Target
from kh284.validate.responsibility import in_unit_order, reporters, responsible_on
from kh284.views.model import Goal, Model, TargetView, TaskView, UnitView

#: Task statuses counted as done in a unit's roll-up.
DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def build(
    outcome: Outcome,
    lang: str,
    tasks: Sequence[TaskResult] | None = None,
    headline: Headline | None = None,
    *,
    due_within: int | None = None,
) -> Model:
    """The model of ``outcome`` in ``lang``; ``tasks``: the deliverables shown (all).

    With ``due_within``, ``Model.due_soon`` lists the deliverables not done that fall due
    within that many days after the as-of date (of all the plan's, whatever is shown).
    """
    index = outcome.index
    shown = list(outcome.tasks if tasks is None else tasks)
    soon = () if due_within is None else due_soon(outcome.tasks, outcome.as_of, due_within)
    owing = _owing(index, outcome.reporting)
    targets = tuple(_target(outcome, r, lang, owing) for r in outcome.targets)
    task_views = tuple(_task(r, lang) for r in shown)
    plan = outcome.dataset.plan
    return Model(
        as_of=outcome.as_of,
        lang=lang,
        document=document_of(plan, lang) if plan is not None else "",
        targets=targets,
        tasks=task_views,
        units=_units(index, task_views, outcome.reporting),
        headline=headline if headline is not None else outcome.headline,
        names=_names(index),
        due_soon=tuple(_task(r, lang) for r in soon),
        due_within=due_within,
    )


def document_of(plan: PlanFile, lang: str) -> str:
    """The plan named as itself in ``lang``: ``Nghị quyết số 51/NQ-CP`` (``Model.document``)."""
    return i18n.document_name(plan.kind, plan.number, lang, kind_en=plan.kind_en)


def goal_of(target: Target, lang: str) -> Goal:
    """A target's goal as parts, with the vocabulary's one wording of it."""
    return Goal(
        comparator=target.comparator,
        value=target.value,
        upper=target.upper,
        unit=target.unit,
        tolerance=target.tolerance,
        every_year=target.every_year,
        accumulate=target.accumulate,
        due_year=target.due_year,
        text=i18n.target_goal(target, lang),
    )


def _target(
    outcome: Outcome,
    result: TargetResult,
    lang: str,
    owing: dict[str, dict[str, set[int]]],
) -> TargetView:
    target, index = result.target, outcome.index
    status = TargetStatus(result.status)
    look = target_look(status)
    missing = owing.get(target.measure_id, {})
    return TargetView(
        result=result,
        id=target.id,
        name=target.name if lang == "vi" else target.name_en,
        status=status,
        look=look,
        word=look.word(lang),
        goal=goal_of(target, lang),
        latest_value=result.latest_value,
        latest_year=result.latest_year,
        reason=result.reason_vi if lang == "vi" else result.reason_en,
        reporters=tuple(reporters(index, target)),
        responsible=tuple(responsible_on(index, target, outcome.as_of)),
        owing=tuple(in_unit_order(index, missing)),
        unsent_years=tuple(sorted({y for years in missing.values() for y in years})),
        missing_years=tuple(result.missing_years),
        stale_note=_stale_note(result, lang),
    )


def _stale_note(result: TargetResult, lang: str) -> str:
    """``số liệu năm 2024; năm 2025 chưa báo cáo`` for a verdict on an old figure, else ``""``."""
    if not result.stale or result.latest_year is None:
        return ""
    latest = max((p.year for p in result.points), default=result.latest_year)
    due = i18n.joined([str(y) for y in result.due_years_missing], lang)
    return i18n.word("report.stale_note", lang, year=latest, due=due)


def _owing(index: Index, reporting: Reporting | None) -> dict[str, dict[str, set[int]]]:
    """Measure → unit → the years of its figure that unit has not sent (``kh284 missing``)."""
    found: dict[str, dict[str, set[int]]] = {}
    if reporting is None:
        return found
    for item in reporting.missing:
        if item.kind != "figure":
            continue
        target = index.targets.items.get(item.subject)
        measure = target.measure_id if target is not None else item.subject
        found.setdefault(measure, {}).setdefault(item.unit, set()).add(item.year)
    return found


def _task(result: TaskResult, lang: str) -> TaskView:
    status = TaskStatus(result.status)
    look = task_look(status)
    due = result.deliverable.due
    return TaskView(
        result=result,
        id=result.task.id,
        label=result.label,
        status=status,
        look=look,
        word=look.word(lang),
        due=due,
        due_text=i18n.day(due) if due else result.task.deadline.text,
        deadline_text=result.task.deadline.text,
        days_late=result.days_overdue,
        lead=tuple(result.lead),
        lead_now=tuple(result.lead_now),
        text=result.task.text,
        last_report=result.last_report,
        completed_on=result.completed_on,
        evidence=result.evidence,
    )


def _units(
    index: Index, tasks: Iterable[TaskView], reporting: Reporting | None
) -> tuple[UnitView, ...]:
    """Each unit that leads a deliverable now or owes a report, with its counts."""
    counts: dict[str, dict[str, int]] = {}
    for task in tasks:
        for unit in task.lead_now:
            row = counts.setdefault(unit, {"led": 0, "done": 0, "overdue": 0, "in_progress": 0})
            row["led"] += 1
            if task.status in DONE:
                row["done"] += 1
            elif task.status == TaskStatus.OVERDUE:
                row["overdue"] += 1
            elif task.status == TaskStatus.IN_PROGRESS:
                row["in_progress"] += 1
    reports: dict[str, dict[str, int]] = {}
    if reporting is not None:
        for r in reporting.units:
            reports[r.unit] = {
                "owed": r.owed,
                "on_time": r.on_time,
                "late": r.late,
                "missing": r.missing,
            }
    units = []
    for unit_id in dict.fromkeys([*counts, *reports]):
        declared = index.units.items.get(unit_id)
        units.append(
            UnitView(
                unit=unit_id,
                name=declared.name if declared is not None else unit_id,
                short_name=index.short_name(unit_id),
                reports=reports.get(unit_id) if reporting is not None else None,
                **counts.get(unit_id, {}),
            )
        )
    return tuple(units)


def _names(index: Index) -> dict[str, tuple[str, str]]:
    return {u: (unit.name, unit.short_name) for u, unit in index.units.items.items()}
