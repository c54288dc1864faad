"""The evaluation every report is made from: ``kh284 check``'s own, kept as plain data.

``build`` takes ``kh284 check``'s ``View`` (the command makes it, as for ``check``) and keeps
it together with ``render.plain.view_dict`` of it (the ``check --format json`` layout) and
its one model (``views``): every report renders the model, so every status, owner, goal and
date a report prints is the one every other output prints.  A status's shape and colours
are its record in ``i18n.statuses`` (``TargetView.look``).  Also here: unit and area names
and the default reporting unit; the words come from ``kh284.i18n``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from kh284 import i18n
from kh284.pipeline import Outcome
from kh284.render.view import View
from kh284.validate.models.plan import PlanFile
from kh284.validate.responsibility import owners_on
from kh284.views import Model
from kh284.views.changes import Changes


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
    #: What changed since an earlier date (``report --since``), else ``None``.
    changes: Changes | None = None

    @property
    def model(self) -> Model:
        """The one model every report renders (``views``)."""
        return self.view.model

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

    def unit_name(self, unit_id: str) -> str:
        """A unit's short name (its id when unknown)."""
        return self.model.unit_name(unit_id)

    def unit_full_name(self, unit_id: str) -> str:
        """A unit's full name (its id when unknown)."""
        return self.model.unit_full_name(unit_id)

    def area_name(self, unit_id: str) -> str:
        """An area's name (``Index.area_name``)."""
        return self.outcome.index.area_name(unit_id)

    def successor(self, unit_id: str) -> str:
        """The unit carrying on ``unit_id``'s work on the as-of date (itself if it exists)."""
        return owners_on(self.outcome.index, unit_id, self.outcome.as_of)[0]


def build(view: View, changes: Changes | None = None) -> Content:
    """The reports' evaluation from ``kh284 check``'s own ``View`` (made by the command).

    ``changes``: what changed since an earlier date, for the reports' section on it.
    """
    from kh284.diagnostics import exit_code_for
    from kh284.render.plain import view_dict
    from kh284.render.summary import summary_text

    code = int(exit_code_for(view.diagnostics, view.fail_on))
    return Content(view, view_dict(view), code, summary_text(view) + "\n", changes)


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
