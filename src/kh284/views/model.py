"""The one model of what people are shown: per target, per task deliverable, per unit.

Every output — the terminal, the machine formats, the dashboard, the status workbook, the
Excel template's rows, the Word draft and the charts — renders this model; none works out
a status, an owner, a goal's wording or a date again.  It is built once, from the
pipeline's outcome, by ``views.build``.  Every word in it comes from the vocabulary
(``kh284.i18n``) in the model's language; every unit is an id (the views name it with
``Model.unit_name``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from kh284.evaluate.targets import TargetResult
from kh284.evaluate.tasks import Headline, TaskResult
from kh284.i18n import word
from kh284.i18n.statuses import KINDS, TARGET_STATUSES, Look, TargetStatus, TaskStatus, by_attention


@dataclass(frozen=True)
class Goal:
    """A target's goal, as parts and as the one wording every output prints."""

    comparator: str
    value: float
    upper: float | None
    #: The unit of measure (``percent``, ``count``, ``level`` …).
    unit: str
    tolerance: float | None
    every_year: bool
    accumulate: bool
    due_year: int
    #: ``≥ 38 %``, ``30–35 %``, ``Σ ≥ 200``, ``≥ 20 % /năm`` (the model's language).
    text: str


@dataclass(frozen=True)
class TargetView:
    """One target's verdict, as every output shows it."""

    result: TargetResult
    id: str
    name: str
    status: TargetStatus
    look: Look
    #: The status's word in the model's language.
    word: str
    goal: Goal
    latest_value: float | None
    latest_year: int | None
    #: The verdict's reason, in the model's language.
    reason: str
    #: The units that report its figures, as the data names them
    #: (``validate.responsibility.reporters``).
    reporters: tuple[str, ...]
    #: Who owes its figures on the as-of date (a ceased unit's successors).
    responsible: tuple[str, ...]
    #: The units whose figure for it is missing as of the date, as ``kh284 missing`` says.
    owing: tuple[str, ...]
    #: The years of its figure the units owing it have not sent (``kh284 missing``).
    unsent_years: tuple[int, ...]
    #: For a target judged every year or on a sum: the owed years with no figure.
    missing_years: tuple[int, ...] = ()
    #: When the verdict rests on an old figure: ``số liệu năm 2024; năm 2025 chưa báo cáo``
    #: (empty otherwise).
    stale_note: str = ""

    @property
    def asked(self) -> tuple[str, ...]:
        """Whom to ask for its figures: those owing one, else those responsible for it."""
        return self.owing or self.responsible

    @property
    def has_figures(self) -> bool:
        """True when some figure of it was reported."""
        return bool(self.result.points)


@dataclass(frozen=True)
class TaskView:
    """One task deliverable's status, as every output shows it."""

    result: TaskResult
    id: str
    #: ``PL-02`` or ``PL-02 (2026)``: the task and its deliverable.
    label: str
    status: TaskStatus
    look: Look
    word: str
    due: dt.date | None
    #: The due date as written (DD/MM/YYYY), else the plan's own words for the deadline.
    due_text: str
    #: The plan's own words for the deadline.
    deadline_text: str
    days_late: int | None
    lead: tuple[str, ...]
    #: Who leads it on the as-of date (successors of a ceased unit).
    lead_now: tuple[str, ...]
    #: The plan's wording of the task.
    text: str
    #: What the unit's last report on it said (``done``, ``in_progress`` …), if any.
    last_report: str | None = None
    completed_on: dt.date | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class UnitView:
    """One unit: the deliverables it leads now by status, and the reports it owes."""

    unit: str
    name: str
    short_name: str
    led: int = 0
    done: int = 0
    overdue: int = 0
    in_progress: int = 0
    #: ``owed``, ``on_time``, ``late``, ``missing`` when the plan sets a reporting calendar.
    reports: dict[str, int] | None = None


@dataclass(frozen=True)
class TargetHeadline:
    """The targets at a glance, what cannot be judged first."""

    total: int
    #: Targets that cannot be judged yet (no figure, not enough figures).
    unknown: int
    #: The units asked for the figures of those targets.
    unknown_owed_by: tuple[str, ...]
    failing: int
    good: int
    #: Verdicts that rest on an old figure.
    stale: int
    #: Targets by status, in the order of attention.
    by_status: dict[str, int]

    def sentence(self, key: str, lang: str, unit_name: Callable[[str], str]) -> str:
        """The headline in the words of vocabulary ``key``: the terminal's, the Word's.

        The sentence may use ``{unknown}``, ``{total}``, ``{owed}`` (whose figures they wait
        for, named by ``unit_name``), ``{failing}``, ``{good}`` and ``{stale}``.
        """
        owed = ""
        if self.unknown_owed_by:
            units = ", ".join(unit_name(u) for u in self.unknown_owed_by)
            owed = word("common.targets_owed_by", lang, units=units)
        stale = word("common.targets_stale", lang, stale=self.stale) if self.stale else ""
        return word(
            key,
            lang,
            unknown=self.unknown,
            total=self.total,
            owed=owed,
            failing=self.failing,
            good=self.good,
            stale=stale,
        )


@dataclass(frozen=True)
class Model:
    """Everything people are shown of one evaluation."""

    as_of: dt.date
    lang: str
    #: The plan named as itself, its kind and number: ``Kế hoạch số 284/KH-UBND``,
    #: ``Nghị quyết số 51/NQ-CP`` (``views.build.document_of``); every output names it so.
    document: str = ""
    targets: tuple[TargetView, ...] = ()
    tasks: tuple[TaskView, ...] = ()
    units: tuple[UnitView, ...] = ()
    headline: Headline | None = None
    #: Unit id → (full name in the model's language, short name).
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Deliverables not done that fall due within ``due_within`` days after the as-of date.
    due_soon: tuple[TaskView, ...] = ()
    due_within: int | None = None

    def unit_name(self, unit_id: str) -> str:
        """A unit's short name (its id when unknown)."""
        return self.names.get(unit_id, (unit_id, unit_id))[1]

    def unit_full_name(self, unit_id: str) -> str:
        """A unit's full name (its id when unknown)."""
        return self.names.get(unit_id, (unit_id, unit_id))[0]

    def target(self, target_id: str) -> TargetView:
        """The target ``target_id`` (``KeyError`` when the model has none)."""
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)

    @property
    def target_headline(self) -> TargetHeadline:
        """How many targets cannot be judged and who owes them, failed, went well, are stale."""
        kinds = {kind: [t for t in self.targets if t.look.kind == kind] for kind in KINDS}
        owing = {u for t in kinds["unknown"] for u in t.asked}
        order = {u: i for i, u in enumerate(self.names)}
        return TargetHeadline(
            total=len(self.targets),
            unknown=len(kinds["unknown"]),
            unknown_owed_by=tuple(sorted(owing, key=lambda u: (order.get(u, len(order)), u))),
            failing=len(kinds["failing"]),
            good=len(kinds["good"]),
            stale=sum(1 for t in self.targets if t.result.stale),
            by_status={
                status: sum(1 for t in self.targets if t.status == status)
                for status in by_attention(TARGET_STATUSES)
            },
        )

    @property
    def target_counts(self) -> dict[str, int]:
        """Targets by status, in the order each status first appears (the JSON summary's)."""
        counts: dict[str, int] = {}
        for target in self.targets:
            counts[str(target.status)] = counts.get(str(target.status), 0) + 1
        return counts

    @property
    def task_counts(self) -> dict[str, int]:
        """Deliverables by status, in the order each status first appears."""
        counts: dict[str, int] = {}
        for task in self.tasks:
            counts[str(task.status)] = counts.get(str(task.status), 0) + 1
        return counts


def by_lead_unit(tasks: tuple[TaskView, ...]) -> list[tuple[str, list[TaskView]]]:
    """Deliverables grouped by each unit that leads them now, the units in first-seen order."""
    groups: dict[str, list[TaskView]] = {}
    for task in tasks:
        for unit in task.lead_now or ("",):
            groups.setdefault(unit, []).append(task)
    return list(groups.items())
