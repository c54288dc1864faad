"""The plain-data form of an ``Outcome`` (the JSON layout, ``schema_version`` 1).

Layout, documented in the README: ``schema_version``, ``tool``, ``version``, ``command``,
``as_of``, ``lang``, ``targets`` (each with ``id``, ``status``, ``value``, ``year`` and
``components``), ``tasks`` (each with ``id``, ``number``, ``status``, ``due``,
``days_overdue``, ``lead``), ``headline``, ``diagnostics`` (each with ``code``,
``severity``, ``message``, ``file``, ``line``, ``column``) and ``summary``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kh284 import __version__
from kh284.diagnostics import Diagnostic, count_by_severity
from kh284.engine import Outcome
from kh284.evaluation.targets import TargetResult
from kh284.evaluation.tasks import TaskResult
from kh284.evaluation.vocabulary import TARGET_LABELS, TASK_LABELS, label

SCHEMA_VERSION = 1


def diagnostic_dict(diag: Diagnostic, lang: str) -> dict[str, Any]:
    """One diagnostic as plain data."""
    loc = diag.location
    return {
        "code": diag.code,
        "severity": diag.severity.label,
        "message": diag.message(lang),
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "related": [{"file": r.file, "line": r.line, "column": r.column} for r in diag.related],
    }


def target_dict(result: TargetResult, lang: str) -> dict[str, Any]:
    """One target verdict with its components and history."""
    target = result.target
    return {
        "id": target.id,
        "name": target.name if lang == "vi" else target.name_en,
        "group": target.group,
        "clause": target.clause,
        "status": result.status,
        "label": label(TARGET_LABELS, result.status, lang),
        "value": result.latest_value,
        "year": result.latest_year,
        "unit": target.unit,
        "comparator": target.comparator,
        "target_value": target.value,
        "tolerance": target.tolerance,
        "due_year": target.due_year,
        "every_year": target.every_year,
        "reason": result.reason_vi if lang == "vi" else result.reason_en,
        "components": {
            "baseline_year": result.baseline_year,
            "baseline_value": result.baseline_value,
            "latest_year": result.latest_year,
            "latest_value": result.latest_value,
            "projected_value": _round(result.projected_value),
            "ratio": _round(result.ratio),
            "failing_years": result.failing_years,
            "areas": [{"area": a.area, "value": a.value, "counts": a.counts} for a in result.areas],
            "missing_areas": result.missing_areas,
        },
        "history": [
            {
                "year": p.year,
                "value": p.value,
                "reported_by": p.unit,
                "reported_on": p.reported_on.isoformat(),
                "document": p.document,
                "source": p.source,
                "file": p.location.file,
                "line": p.location.line,
            }
            for p in result.points
        ],
    }


def task_dict(result: TaskResult, lang: str) -> dict[str, Any]:
    """One task deliverable verdict."""
    deliverable = result.deliverable
    return {
        "id": result.task.id,
        "number": result.task.number,
        "deliverable": deliverable.label or None,
        "status": result.status,
        "label": label(TASK_LABELS, result.status, lang),
        "due": deliverable.due.isoformat() if deliverable.due else None,
        "deadline_text": result.task.deadline.text,
        "days_overdue": result.days_overdue,
        "lead": result.lead,
        "lead_now": result.lead_now,
        "last_report": result.last_report,
        "completed_on": result.completed_on.isoformat() if result.completed_on else None,
        "evidence": result.evidence,
        "text": result.task.text,
    }


def outcome_dict(
    outcome: Outcome,
    command: str,
    lang: str,
    *,
    tasks: list[TaskResult] | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> dict[str, Any]:
    """The whole outcome as plain data (``tasks``/``diagnostics`` override the full lists)."""
    task_rows = outcome.tasks if tasks is None else tasks
    diags = outcome.diagnostics if diagnostics is None else diagnostics
    head = outcome.headline
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "kh284",
        "version": __version__,
        "command": command,
        "as_of": outcome.as_of.isoformat(),
        "lang": lang,
        "targets": [target_dict(r, lang) for r in outcome.targets],
        "tasks": [task_dict(r, lang) for r in task_rows],
        "headline": None
        if head is None
        else {
            "due": head.due,
            "done": head.done,
            "done_on_time": head.done_on_time,
            "overdue": head.overdue,
            "completion_rate": _round(head.rate),
        },
        "diagnostics": [diagnostic_dict(d, lang) for d in diags],
        "summary": {
            **count_by_severity(diags),
            "files": len(outcome.dataset.documents),
            "reports": len(outcome.dataset.reports),
            "targets": dict(Counter(r.status for r in outcome.targets)),
            "tasks": dict(Counter(r.status for r in task_rows)),
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
