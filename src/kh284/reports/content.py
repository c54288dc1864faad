"""The evaluation every report is made from: ``kh284 check``'s own, kept as plain data.

``build`` makes ``kh284 check``'s ``View`` (``commands.check_view``) and keeps it together with
``render.plain.view_dict`` of it (the ``check --format json`` layout), so every number a
report prints is the one the JSON prints.  Also here: the status colours, unit and area
names and the default reporting unit; the words come from ``kh284.i18n``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kh284 import i18n
from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import TaskResult
from kh284.pipeline import Outcome
from kh284.render.view import View
from kh284.validate.index import Index
from kh284.validate.models.plan import PlanFile

#: Target status → colour (green good, orange needs work, red bad, grey no data).
TARGET_COLOURS = {
    "achieved": "#2e7d32",
    "on_track": "#43a047",
    "needs_acceleration": "#ef6c00",
    "stagnating": "#d84315",
    "not_maintained": "#c62828",
    "missed": "#b71c1c",
    "no_data": "#8d8d8d",
    "insufficient_data": "#a1887f",  # temporary (targets branch): the dashboard sets it
}
#: Task status → colour: green done on time, blue in progress within deadline, orange done
#: late, red overdue, grey not yet due (and waiting for its event), teal standing tasks.
TASK_COLOURS = {
    "done_on_time": "#2e7d32",
    "in_progress": "#1565c0",
    "done_late": "#ef6c00",
    "overdue": "#c62828",
    "not_due": "#8d8d8d",
    "waiting_for_event": "#a5a5a5",
    "ongoing": "#00838f",
}
#: Light tints of the task colours, for table rows.
TASK_TINTS = {
    "done_on_time": "#e6f4e7",
    "in_progress": "#e3eefb",
    "done_late": "#fdeedd",
    "overdue": "#fbe3e3",
    "not_due": "#f0f0f0",
    "waiting_for_event": "#f5f5f5",
    "ongoing": "#e0f3f4",
}
TARGET_TINTS = {
    "achieved": "#e6f4e7",
    "on_track": "#edf7ee",
    "needs_acceleration": "#fdeedd",
    "stagnating": "#fbe7e0",
    "not_maintained": "#fbe3e3",
    "missed": "#f8dada",
    "no_data": "#f0f0f0",
    "insufficient_data": "#efebe9",  # temporary (targets branch): the dashboard sets it
}
#: One shape per status, printed beside its word so that statuses stay apart without
#: colour (a grey printer, colour blindness).  Glyphs from WGL4 / common fonts only.
TARGET_SYMBOLS = {
    "achieved": "●",
    "on_track": "▲",
    "needs_acceleration": "◆",
    "stagnating": "▼",
    "not_maintained": "■",
    "missed": "✕",
    "no_data": "○",
    "insufficient_data": "◊",  # temporary (targets branch): the dashboard sets it
}
TASK_SYMBOLS = {
    "done_on_time": "●",
    "done_late": "◐",
    "in_progress": "▲",
    "overdue": "✕",
    "not_due": "○",
    "waiting_for_event": "◇",
    "ongoing": "↻",
}


def word(key: str, lang: str, **args: object) -> str:
    """The report word ``key`` (``report.key`` in the vocabulary) in ``lang``."""
    return i18n.word(f"report.{key}", lang, **args)


def number(value: float | None, unit: str | None = None) -> str:
    """``97.4``, ``97.4%`` (percent), ``—`` for nothing."""
    if value is None:
        return "—"
    text = f"{value:g}"
    return text + "%" if unit == "percent" else text


def day(value: dt.date | str | None) -> str:
    """DD/MM/YYYY, the way Vietnamese documents write dates."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Content:
    """``check``'s evaluation: its ``View``, the plain data of it, exit code and summary."""

    view: View
    data: dict[str, Any]
    exit_code: int
    summary: str

    @property
    def outcome(self) -> Outcome:
        """The pipeline's outcome."""
        return self.view.outcome

    @property
    def lang(self) -> str:
        """The report language."""
        return self.view.lang

    @property
    def plan(self) -> PlanFile:
        """The plan (present whenever the data could be evaluated)."""
        plan = self.outcome.dataset.plan
        assert plan is not None
        return plan

    @property
    def targets(self) -> list[tuple[TargetResult, dict[str, Any]]]:
        """Each target verdict with its plain form (as in ``check --format json``)."""
        return list(zip(self.outcome.targets, self.data.get("targets", []), strict=True))

    @property
    def tasks(self) -> list[tuple[TaskResult, dict[str, Any]]]:
        """Each task deliverable verdict with its plain form."""
        return list(zip(self.view.tasks, self.data.get("tasks", []), strict=True))

    @property
    def target_counts(self) -> dict[str, int]:
        """Targets by status, as in the JSON summary."""
        counts: dict[str, int] = self.data["summary"].get("targets", {})
        return counts

    def unit_name(self, unit_id: str) -> str:
        """A unit's short name (its id when unknown)."""
        unit = self.outcome.index.units.items.get(unit_id)
        return unit.short_name if unit else unit_id

    def unit_full_name(self, unit_id: str) -> str:
        """A unit's full name (its id when unknown)."""
        unit = self.outcome.index.units.items.get(unit_id)
        return unit.name if unit else unit_id

    def area_name(self, unit_id: str) -> str:
        """An area's name (see ``area_name``)."""
        return area_name(self.outcome.index, unit_id)

    def successor(self, unit_id: str) -> str:
        """The unit carrying on ``unit_id``'s work on the as-of date (itself if it exists)."""
        index, day_ = self.outcome.index, self.outcome.as_of
        if index.unit_exists_on(unit_id, day_):
            return unit_id
        found = index.successors_on(unit_id, day_)
        return found[0] if found else unit_id


def area_name(index: Index, unit_id: str) -> str:
    """An area's name: for an agency that also stands for an area, its first alias.

    A former district's short name is its People's Committee ("UBND huyện Ba Bể"); its
    first alias names the place ("huyện Ba Bể").
    """
    unit = index.units.items.get(unit_id)
    if unit is None:
        return unit_id
    if unit.kind == "agency" and unit.aliases:
        return unit.aliases[0]
    return unit.short_name


def build(data_dir: Path, as_of: dt.date, lang: str, fail_on: str = "error") -> Content:
    """Evaluate ``data_dir`` as ``kh284 check`` does (raises ``DataDirError`` like it)."""
    from kh284.cli.commands import check_view
    from kh284.cli.options import Options
    from kh284.diagnostics import exit_code_for
    from kh284.render.plain import view_dict
    from kh284.render.summary import summary_text

    options = Options(data_dir=data_dir, as_of=as_of, lang=lang, fail_on=fail_on, quiet=True)
    view = check_view(options)
    code = int(exit_code_for(view.diagnostics, fail_on))
    return Content(view, view_dict(view), code, summary_text(view) + "\n")


def lead_unit(outcome: Outcome) -> str | None:
    """The unit that leads most appendix tasks as of the as-of date (following successors).

    Ties go to the unit listed first in ``units.yaml``.  This is the default reporting
    unit: the issuing body of the Word draft, and the unit that reports targets whose
    plan clause names no responsible unit.
    """
    plan = outcome.dataset.plan
    if plan is None:
        return None
    counts: Counter[str] = Counter()
    leads = {r.task.id: r.lead_now for r in outcome.tasks}
    for task in plan.appendix.tasks:
        for unit_id in set(leads.get(task.id, task.lead)):
            counts[unit_id] += 1
    if not counts:
        return None
    order = {u: i for i, u in enumerate(outcome.index.units.items)}
    return min(counts, key=lambda u: (-counts[u], order.get(u, len(order))))
