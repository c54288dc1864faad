"""The one place where the stages meet: load → validate → evaluate → diagnostics.

``run`` reads every file the registry names (``load``), checks each against its model and
across files (``validate``), judges every target and task (``evaluate``), and applies the
waivers to the findings of the whole data set (``diagnostics``).  It returns one plain
``Outcome``; commands narrow it and ``render`` writes it; nothing here prints.  ``run``
never raises for bad data: every problem is a diagnostic.  A missing data directory raises
``DataDirError`` (the caller exits 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Subject
from kh284.evaluate.reporting import Reporting, evaluate_reporting
from kh284.evaluate.series import collect
from kh284.evaluate.targets import TargetResult, evaluate_target
from kh284.evaluate.tasks import (
    Headline,
    TaskResult,
    evaluate_tasks,
    headline,
    unreported_years,
)
from kh284.i18n.statuses import TARGET_STATUSES, task_look
from kh284.load.cache import Cache
from kh284.load.exact import Document
from kh284.load.reading import paused_gc
from kh284.load.snapshot import Snapshot
from kh284.validate.checks import run_all
from kh284.validate.checks.references import better_hints
from kh284.validate.dataset import Dataset, load_dataset
from kh284.validate.index import Index, build_index
from kh284.validate.models.waivers import Waiver
from kh284.validate.waivers import apply_waivers, waivers_document

#: The diagnostic code each target status produces (None: no finding), from the one table
#: of status records (``i18n.statuses``).
TARGET_CODES: dict[str, str | None] = {str(s): r.code for s, r in TARGET_STATUSES.items()}


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
    #: Findings set apart by a waiver, with the waiver.
    waived: list[tuple[Diagnostic, Waiver]] = field(default_factory=list)
    #: Who still owes what (``None`` when the plan sets no reporting calendar).
    reporting: Reporting | None = None


def run(
    data_dir: Path,
    as_of: dt.date,
    *,
    evaluate: bool,
    cache: Cache | None = None,
    extra: list[Document] | None = None,
    snapshot: Snapshot | None = None,
) -> Outcome:
    """Load and check ``data_dir``; with ``evaluate``, judge every target and task too.

    ``extra`` documents (a workbook being imported) are checked as progress reports of the
    data directory.  With a ``cache``, each file is parsed through it (keyed on the bytes
    read); everything else is worked out afresh on every run.  With a ``snapshot`` (the
    files of ``data_dir`` already read), its bytes are the ones checked.
    """
    with paused_gc():  # the run builds millions of acyclic objects: see ``paused_gc``
        return _run(data_dir, as_of, evaluate, cache or Cache(None), extra, snapshot)


def _run(
    data_dir: Path,
    as_of: dt.date,
    evaluate: bool,
    cache: Cache,
    extra: list[Document] | None,
    snapshot: Snapshot | None,
) -> Outcome:
    dataset = load_dataset(data_dir, cache, extra, snapshot)
    index = build_index(dataset)
    found = better_hints(index, dataset.diagnostics)
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
        outcome.reporting = evaluate_reporting(index, as_of)
        found.extend(_target_findings(index, outcome.targets))
        found.extend(_task_findings(index, outcome.tasks, as_of))
    found = sorted(set(found), key=Diagnostic.sort_key)
    waived = apply_waivers(dataset.waivers, waivers_document(dataset.documents), found, as_of)
    outcome.diagnostics, outcome.waived = waived.kept, waived.waived
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
                regarding=Subject("target", result.target.id),
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
        about = Subject("task", result.task.id, result.deliverable.label)
        deliverable = result.deliverable.label or "-"
        due = result.deliverable.due.isoformat() if result.deliverable.due else ""
        code = task_look(result.status).code
        if result.status == "overdue" and code is not None:
            found.append(
                dg.make(
                    code,
                    where,
                    regarding=about,
                    task=result.task.id,
                    deliverable=deliverable,
                    item=result.label,
                    days=result.days_overdue,
                    due=due,
                )
            )
        elif result.status == "done_late" and result.completed_on is not None and code:
            found.append(
                dg.make(
                    code,
                    where,
                    regarding=about,
                    task=result.task.id,
                    deliverable=deliverable,
                    item=result.label,
                    completed_on=result.completed_on.isoformat(),
                    due=due,
                )
            )
        elif result.status == "ongoing":
            for year in unreported_years(index, result.task, as_of):
                found.append(
                    dg.make("K703", where, regarding=about, task=result.task.id, year=year)
                )
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
