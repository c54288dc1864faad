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
from kh284.validate.models.plan import PlanFile

#: Target status → colour, from the Okabe–Ito palette (safe for the common colour
#: blindnesses): bluish green achieved, sky blue on track, orange needs acceleration,
#: vermillion stagnating, reddish purple not maintained, dark brown-red missed, yellow
#: one figure only, light grey no data.  Every pair stays apart under deuteranopia
#: (CIELAB ΔE ≥ 15, Machado 2009), and the shape of ``TARGET_SYMBOLS`` tells them apart
#: in grey; ``TARGET_INKS`` is the text colour on each (contrast ≥ 4.5:1, WCAG 2).
TARGET_COLOURS = {
    "achieved": "#009e73",
    "on_track": "#56b4e9",
    "needs_acceleration": "#e69f00",
    "stagnating": "#d55e00",
    "not_maintained": "#cc79a7",
    "missed": "#7a1e00",
    "insufficient_data": "#f0e442",
    "no_data": "#dddddd",
}
#: Text on each target colour (a badge, a chip).
TARGET_INKS = dict.fromkeys(TARGET_COLOURS, "#000000") | {"missed": "#ffffff"}
#: Task status → colour (same palette): bluish green done on time, sky blue in progress
#: within deadline, orange done late, dark brown-red overdue, light grey not yet due, mid
#: grey waiting for its event, blue standing tasks.
TASK_COLOURS = {
    "done_on_time": "#009e73",
    "in_progress": "#56b4e9",
    "done_late": "#e69f00",
    "overdue": "#7a1e00",
    "not_due": "#e8e8e8",
    "waiting_for_event": "#bbbbbb",
    "ongoing": "#0072b2",
}
TASK_INKS = dict.fromkeys(TASK_COLOURS, "#000000") | {
    "overdue": "#ffffff",
    "ongoing": "#ffffff",
}
#: Light tints of the task colours, for table rows (dark text on every one).
TASK_TINTS = {
    "done_on_time": "#e0f3ed",
    "in_progress": "#e8f4fc",
    "done_late": "#fcf1dc",
    "overdue": "#f5e1dc",
    "not_due": "#f5f5f5",
    "waiting_for_event": "#f0f0f0",
    "ongoing": "#dcebf5",
}
TARGET_TINTS = {
    "achieved": "#e0f3ed",
    "on_track": "#e8f4fc",
    "needs_acceleration": "#fcf1dc",
    "stagnating": "#f9e5d9",
    "not_maintained": "#f8ecf3",
    "missed": "#f5e1dc",
    "insufficient_data": "#fcfae0",
    "no_data": "#f5f5f5",
}
#: The status colour of a chart's lines and points: the colour itself where it stands out
#: on white (contrast ≥ 3:1, WCAG 2 for graphics), else a darker shade of it.
TARGET_LINES = TARGET_COLOURS | {
    "on_track": "#0072b2",
    "needs_acceleration": "#a86500",
    "insufficient_data": "#8a7d00",
    "no_data": "#6b6f75",
}
#: Target statuses, the one most in need of attention first.
TARGET_SEVERITY = (
    "missed",
    "not_maintained",
    "stagnating",
    "needs_acceleration",
    "insufficient_data",
    "no_data",
    "on_track",
    "achieved",
)
#: The statuses of a target that is falling short (the action page lists them).
FAILING = frozenset({"missed", "not_maintained", "stagnating", "needs_acceleration"})
TARGET_SYMBOLS = {
    "achieved": "●",
    "on_track": "▲",
    "needs_acceleration": "◆",
    "stagnating": "▼",
    "not_maintained": "■",
    "missed": "✕",
    "insufficient_data": "◔",
    "no_data": "○",
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
        return self.outcome.index.short_name(unit_id)

    def unit_full_name(self, unit_id: str) -> str:
        """A unit's full name (its id when unknown)."""
        unit = self.outcome.index.units.items.get(unit_id)
        return unit.name if unit else unit_id

    def area_name(self, unit_id: str) -> str:
        """An area's name (``Index.area_name``)."""
        return self.outcome.index.area_name(unit_id)

    def successor(self, unit_id: str) -> str:
        """The unit carrying on ``unit_id``'s work on the as-of date (itself if it exists)."""
        index, day_ = self.outcome.index, self.outcome.as_of
        if index.unit_exists_on(unit_id, day_):
            return unit_id
        found = index.successors_on(unit_id, day_)
        return found[0] if found else unit_id


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
