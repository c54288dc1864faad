"""The pipeline: load → validate → evaluate, returning one plain ``Outcome``.

Commands call ``run`` and render its result; nothing here prints.  ``run`` never raises
for bad data: every problem is a diagnostic.  A missing data directory raises
``DataDirError`` (the caller exits 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kh284 import diagnostics as dg
from kh284.checks import run_all
from kh284.dataset import Dataset, load_dataset
from kh284.diagnostics import Diagnostic
from kh284.evaluation.series import collect
from kh284.evaluation.targets import TargetResult, evaluate_target
from kh284.evaluation.tasks import (
    Headline,
    TaskResult,
    evaluate_tasks,
    headline,
    unreported_years,
)
from kh284.evaluation.vocabulary import TARGET_CODES
from kh284.index import Index, build_index


@dataclass
class Outcome:
    """Everything a command may render."""

    dataset: Dataset
    index: Index
    as_of: dt.date
    diagnostics: list[Diagnostic] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    headline: Headline | None = None
    evaluated: bool = False


def run(data_dir: Path, as_of: dt.date, *, evaluate: bool) -> Outcome:
    """Load and check ``data_dir``; with ``evaluate``, judge every target and task too."""
    dataset = load_dataset(data_dir)
    index = build_index(dataset)
    found = list(dataset.diagnostics)
    found.extend(run_all(index, as_of))
    outcome = Outcome(dataset, index, as_of)
    if evaluate and dataset.complete:
        outcome.evaluated = True
        series = collect(index, as_of)
        outcome.targets = [
            evaluate_target(index, series, target, as_of) for target in index.targets.items.values()
        ]
        outcome.tasks = evaluate_tasks(index, as_of)
        outcome.headline = headline(outcome.tasks, as_of)
        found.extend(_target_findings(index, outcome.targets))
        found.extend(_task_findings(index, outcome.tasks, as_of))
    outcome.diagnostics = sorted(set(found), key=Diagnostic.sort_key)
    return outcome


def _target_findings(index: Index, results: Iterable[TargetResult]) -> list[Diagnostic]:
    found = []
    for result in results:
        code = TARGET_CODES[result.status]
        if code is None:
            continue
        where = index.where(index.targets, result.target.id)
        found.append(
            dg.make(
                code,
                where,
                id=result.target.id,
                why_vi=result.reason_vi,
                why_en=result.reason_en,
                years=result.failing_years,
            )
        )
    return found


def _task_findings(index: Index, results: Iterable[TaskResult], as_of: dt.date) -> list[Diagnostic]:
    found = []
    for result in results:
        where = index.where(index.tasks, result.task.id)
        deliverable = result.deliverable.label or "-"
        due = result.deliverable.due.isoformat() if result.deliverable.due else ""
        if result.status == "overdue":
            found.append(
                dg.make(
                    "K701",
                    where,
                    task=result.task.id,
                    deliverable=deliverable,
                    item=result.label,
                    days=result.days_overdue,
                    due=due,
                )
            )
        elif result.status == "done_late" and result.completed_on is not None:
            found.append(
                dg.make(
                    "K702",
                    where,
                    task=result.task.id,
                    deliverable=deliverable,
                    item=result.label,
                    completed_on=result.completed_on.isoformat(),
                    due=due,
                )
            )
        elif result.status == "ongoing":
            for year in unreported_years(index, result.task, as_of):
                found.append(dg.make("K703", where, task=result.task.id, year=year))
    return found


def select_tasks(
    outcome: Outcome,
    unit_ids: list[str] | None,
    *,
    coordinating: bool,
    statuses: list[str] | None = None,
) -> list[TaskResult]:
    """Task rows led by (or, with ``coordinating``, involving) the units, in the statuses."""
    rows = outcome.tasks
    if unit_ids is not None:
        wanted = set(unit_ids)
        rows = [
            r
            for r in rows
            if wanted & {*r.lead, *r.lead_now}
            or (coordinating and wanted & set(r.task.coordinating))
        ]
    if statuses:
        rows = [r for r in rows if r.status in statuses]
    return rows
