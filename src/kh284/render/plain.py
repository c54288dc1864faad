"""The plain-data form of a ``View`` (the JSON layout, ``schema_version`` 1).

Every machine format is built from this one form so the numbers never disagree; its
values are the model's (``View.model``), which every other output renders too.  Layout,
documented in the README: ``schema_version``, ``tool``, ``version``, ``command``,
``as_of``, ``lang``, ``data_dir``, ``targets`` (each with ``id``, ``status``, ``value``,
``year``, ``goal_text``, ``responsible`` and ``components``), ``tasks`` (each with ``id``,
``number``, ``status``, ``due``, ``due_text``, ``days_overdue``, ``lead``), ``headline``,
``reporting`` (check and missing, when the plan sets a reporting calendar: ``as_of``,
``units`` with ``owed``/``on_time``/``late``/``missing``, and the ``missing`` items),
``diagnostics`` (each with ``code``, ``severity``, ``message``, ``file``, ``line``,
``column``), ``waived`` and ``summary``.
``dumps`` writes it as the JSON text every JSON format prints.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from kh284 import __version__
from kh284.diagnostics import Diagnostic, count_by_severity
from kh284.evaluate.reporting import Reporting
from kh284.render.view import View
from kh284.validate.models.targets import Target
from kh284.views import TargetView, TaskView, subject_name

SCHEMA_VERSION = 1
#: The commands whose JSON carries the ``reporting`` section.
REPORTING_COMMANDS = ("check", "missing")


def diagnostic_dict(view: View, diag: Diagnostic) -> dict[str, Any]:
    """One diagnostic as plain data."""
    loc = diag.location
    return {
        "code": diag.code,
        "severity": diag.severity.label,
        "title": diag.title,
        "message": diag.message(view.lang),
        "file": view.path(loc.file),
        "line": loc.line,
        "column": loc.column,
        "related": [
            {"file": view.path(r.file), "line": r.line, "column": r.column} for r in diag.related
        ],
    }


def target_dict(view: View, target: TargetView) -> dict[str, Any]:
    """One target verdict with its components and history, as the model (``views``) has it."""
    result, goal = target.result, target.goal
    return {
        "id": target.id,
        "name": target.name,
        "group": result.target.group,
        "clause": result.target.clause,
        "status": str(target.status),
        "label": target.word,
        "value": target.latest_value,
        "year": target.latest_year,
        "unit": goal.unit,
        "comparator": goal.comparator,
        "target_value": goal.value,
        "upper": goal.upper,
        "tolerance": goal.tolerance,
        "due_year": goal.due_year,
        "every_year": goal.every_year,
        "accumulate": goal.accumulate,
        "scale": _scale(result.target),
        "breakdown": _breakdown(result.target),
        "reason": target.reason,
        "components": {
            "baseline_year": result.baseline_year,
            "baseline_value": result.baseline_value,
            "latest_year": target.latest_year,
            "latest_value": target.latest_value,
            "projected_value": _round(result.projected_value),
            "ratio": _round(result.ratio),
            "failing_years": result.failing_years,
            "missing_years": result.missing_years,
            "due_years_missing": result.due_years_missing,
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
                "file": view.path(p.location.file),
                "line": p.location.line,
            }
            for p in result.points
        ],
        # added after the layout's first keys, so that their order stays as documented
        "goal_text": goal.text,
        "responsible": list(target.responsible),
        "stale": result.stale,
    }


def _scale(target: Target) -> dict[str, int] | None:
    """``{min, max}``: the levels a figure may take; ``None`` for other targets."""
    scale = target.scale
    return None if scale is None else {"min": scale.min, "max": scale.max}


def _breakdown(target: Target) -> dict[str, str] | None:
    """``{parent, by, group, group_en}``: what part it breaks down; ``None`` for the rest."""
    part = target.breakdown
    if part is None:
        return None
    return {"parent": part.parent, "by": part.by, "group": part.group, "group_en": part.group_en}


def task_dict(task: TaskView) -> dict[str, Any]:
    """One task deliverable verdict, as the model (``views``) has it."""
    deliverable = task.result.deliverable
    return {
        "id": task.id,
        "number": task.result.task.number,
        "deliverable": deliverable.key or None,
        "deliverable_name": deliverable.title or None,
        "status": str(task.status),
        "label": task.word,
        "due": task.due.isoformat() if task.due else None,
        "deadline_text": task.deadline_text,
        "days_overdue": task.days_late,
        "lead": list(task.lead),
        "lead_now": list(task.lead_now),
        "last_report": task.last_report,
        "completed_on": task.completed_on.isoformat() if task.completed_on else None,
        "evidence": task.evidence,
        "text": task.text,
        "due_text": task.due_text,
    }


def reporting_dict(view: View, reporting: Reporting) -> dict[str, Any]:
    """Who still owes what: each unit's rate, and the missing items most overdue first."""
    index, lang = view.outcome.index, view.lang

    def names(unit_id: str) -> tuple[str, str]:
        unit = index.units.items.get(unit_id)
        if unit is None:
            return unit_id, unit_id
        return (unit.name_en or unit.name) if lang == "en" else unit.name, unit.short_name

    units = []
    for row in reporting.units:
        name, short = names(row.unit)
        units.append(
            {
                "unit": row.unit,
                "name": name,
                "short_name": short,
                "owed": row.owed,
                "on_time": row.on_time,
                "late": row.late,
                "missing": row.missing,
            }
        )
    missing = []
    for item in reporting.missing:
        name, short = names(item.unit)
        missing.append(
            {
                "unit": item.unit,
                "unit_name": name,
                "unit_short_name": short,
                "kind": item.kind,
                "subject": item.subject,
                "subject_name": subject_name(index, item.kind, item.subject, lang),
                "year": item.year,
                "due": item.due.isoformat(),
                "days_overdue": item.days_overdue(reporting.as_of),
            }
        )
    return {"as_of": reporting.as_of.isoformat(), "units": units, "missing": missing}


def view_dict(view: View) -> dict[str, Any]:
    """The whole view as plain data."""
    outcome = view.outcome
    head = view.shown_headline if view.show_tasks else None
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": "kh284",
        "version": __version__,
        "command": view.command,
        "as_of": outcome.as_of.isoformat(),
        "lang": view.lang,
        "data_dir": view.path("."),
    }
    if view.show_targets:
        data["targets"] = [target_dict(view, t) for t in view.model.targets]
    if view.show_tasks:
        data["tasks"] = [task_dict(t) for t in view.model.tasks]
        data["headline"] = (
            None
            if head is None
            else {
                "due": head.due,
                "done": head.done,
                "done_on_time": head.done_on_time,
                "overdue": head.overdue,
                "completion_rate": _round(head.rate),
            }
        )
        if view.due_within is not None:
            data["due_soon"] = [task_dict(t) for t in view.model.due_soon]
    if outcome.reporting is not None and view.command in REPORTING_COMMANDS:
        data["reporting"] = reporting_dict(view, outcome.reporting)
    data["diagnostics"] = [diagnostic_dict(view, d) for d in view.diagnostics]
    data["waived"] = [
        {
            **diagnostic_dict(view, d),
            "reason": w.reason,
            "accepted_by": w.accepted_by,
            "expires": w.expires.isoformat(),
        }
        for d, w in view.waived
    ]
    data["summary"] = {
        **count_by_severity(view.diagnostics),
        "waived": len(view.waived),
        "files": outcome.dataset.file_count,
        "reports": outcome.dataset.report_count,
    }
    if view.show_targets:
        data["summary"]["targets"] = view.model.target_counts
        data["summary"]["stale_targets"] = sum(t.result.stale for t in view.model.targets)
        if isinstance(data.get("headline"), dict):
            # what cannot be judged first, then what failed, then what went well
            data["headline"]["targets"] = _target_headline(view)
    if view.show_tasks:
        data["summary"]["tasks"] = view.model.task_counts
    return data


def _target_headline(view: View) -> dict[str, Any]:
    """The targets in the headline, what cannot be judged first (``Model.target_headline``)."""
    return dataclasses.asdict(view.model.target_headline)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def dumps(data: Any) -> str:
    r"""``data`` as indented JSON text (UTF-8 kept) holding no unprintable character.

    ``json`` escapes the C0 controls itself; DEL, the C1 controls, format characters such
    as a right-to-left override and separators other than the space (all that is not
    ``str.isprintable``) are written as ``\uXXXX`` escapes too: the same JSON value,
    but nothing a terminal or a log viewer would act on.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c == "\n" or c.isprintable() else _json_escape(c) for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
