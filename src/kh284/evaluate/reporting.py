"""Who still owes what: the reporting rate of every unit as of a date.

The compiler's first question (DHIS2's "reporting rate summary"): for each unit, the reports
it owed by the as-of date, how many came on time, late, or not at all, and the list of
what is missing.  What a unit owes (rules shared with the README):

- ``figure``: the figures of each target it reports (``validate.responsibility.reporters``:
  the target's ``reporting_unit``, else its clause's units), for every year from
  ``settings.report_from_year`` (and the target's ``from_year``) to the target's due year,
  due on ``settings.reporting.figures_due`` of the following year.  Targets that share a
  measure are one figure (the series is one); the first of them names it.
- ``task_report``: a report on each yearly (``yearly_from``) and ongoing task it leads, for
  every year from the task's first year, due on ``settings.reporting.task_reports_due``.
- ``unit_plan``: its own implementation plan, once, by ``settings.unit_plans.due`` (IV.1).

An item is owed once its due date is before the as-of date.  A figure or task report is
received when a report by the unit (or its members or successors), dated on or before the
as-of date, carries it for that year: on time when that report is dated on or before the
due date, late otherwise.  A unit plan is judged by the date of the plan itself (the
evidence in ``unit_plan``).  A unit that no longer exists on the due date passes what it
owes to its successors on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kh284.validate.dataset import LoadedReport
from kh284.validate.deadlines import YEARLY_KINDS, year_span
from kh284.validate.index import Index
from kh284.validate.models.plan import DayOfYear, ReportingCalendar, UnitPlans
from kh284.validate.responsibility import (
    answering_for,
    each_owes,
    owners_on,
    reporters,
    with_members,
)

#: The kinds of item a unit owes, in the order they are listed.
KINDS = ("figure", "task_report", "unit_plan")
#: Task deadline kinds that make a report due every year.
#: Tasks reported on every year: the yearly deadline kinds, and standing tasks.
REPORTED_YEARLY = (*YEARLY_KINDS, "ongoing")


@dataclass(frozen=True)
class Item:
    """One thing one unit owes: a figure, a task report or its own plan."""

    unit: str
    kind: str
    subject: str
    year: int
    due: dt.date
    received_on: dt.date | None = None

    @property
    def status(self) -> str:
        """``on_time``, ``late`` or ``missing``."""
        if self.received_on is None:
            return "missing"
        return "on_time" if self.received_on <= self.due else "late"

    def days_overdue(self, as_of: dt.date) -> int:
        """Days from the due date to the as-of date."""
        return (as_of - self.due).days


@dataclass(frozen=True)
class UnitRow:
    """One unit's reporting rate."""

    unit: str
    owed: int
    on_time: int
    late: int
    missing: int


@dataclass(frozen=True)
class Reporting:
    """Every item owed as of a date, and the rate of each unit."""

    as_of: dt.date
    items: list[Item] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)

    @property
    def missing(self) -> list[Item]:
        """Items not received, most overdue first (then unit, kind, subject, year)."""
        found = [i for i in self.items if i.status == "missing"]
        return sorted(found, key=lambda i: (i.due, i.unit, KINDS.index(i.kind), i.subject, i.year))


def due_on(rule: DayOfYear, year: int, years_later: int) -> dt.date:
    """The due date of year ``year``'s item under ``rule``."""
    return dt.date(year + years_later, rule.month, rule.day)


def evaluate_reporting(index: Index, as_of: dt.date) -> Reporting | None:
    """What every unit owes as of ``as_of``; ``None`` when the plan sets no calendar."""
    plan = index.dataset.plan
    if plan is None:
        return None
    settings = plan.settings
    if settings.reporting is None and settings.unit_plans is None:
        return None
    reports = index.reports_as_of(as_of)
    items: list[Item] = []
    if settings.reporting is not None:
        items.extend(_figures(index, settings.reporting, reports, as_of))
        items.extend(_task_reports(index, settings.reporting, reports, as_of))
    if settings.unit_plans is not None:
        items.extend(_unit_plans(index, settings.unit_plans, reports, as_of))
    return _with_rows(index, Reporting(as_of, items))


def narrow(
    index: Index, reporting: Reporting, units: Iterable[str] | None, year: int | None
) -> Reporting:
    """Only the items of ``units`` (with their members) and of ``year``; rows recounted."""
    items = reporting.items
    if units is not None:
        wanted = with_members(index, units)
        items = [i for i in items if i.unit in wanted]
    if year is not None:
        items = [i for i in items if i.year == year]
    return _with_rows(index, Reporting(reporting.as_of, items))


def _with_rows(index: Index, reporting: Reporting) -> Reporting:
    counts: dict[str, dict[str, int]] = {}
    for item in reporting.items:
        row = counts.setdefault(item.unit, {"on_time": 0, "late": 0, "missing": 0})
        row[item.status] += 1
    rows = [
        UnitRow(unit, sum(c.values()), c["on_time"], c["late"], c["missing"])
        for unit, c in counts.items()
    ]

    def name(unit_id: str) -> str:
        unit = index.units.items.get(unit_id)
        return unit.name if unit is not None else unit_id

    rows.sort(key=lambda r: (-r.missing, name(r.unit), r.unit))
    return replace(reporting, units=rows)


def _owed(
    index: Index,
    unit_id: str,
    kind: str,
    subject: str,
    year: int,
    due: dt.date,
    sent: dict[str, dt.date],
) -> list[Item]:
    """The items ``unit_id`` owes (one per owner), received on the first date any sender sent it.

    For a group whose members each owe (``each_owes``), each member's item is received
    when that member (or its successors) sent it.
    """
    owners = owners_on(index, unit_id, due)
    if each_owes(index, unit_id):
        received = [_received(sent, answering_for(index, [owner])) for owner in owners]
    else:
        received = [_received(sent, answering_for(index, [unit_id, *owners]))] * len(owners)
    return [
        Item(owner, kind, subject, year, due, day)
        for owner, day in zip(owners, received, strict=True)
    ]


def _received(sent: dict[str, dt.date], senders: set[str]) -> dt.date | None:
    """The first day one of ``senders`` sent the item, if any did."""
    dates = [d for u, d in sent.items() if u in senders]
    return min(dates) if dates else None


def _first_sent(found: dict[str, dt.date], unit: str, day: dt.date) -> None:
    if unit not in found or day < found[unit]:
        found[unit] = day


def _figures(
    index: Index, calendar: ReportingCalendar, reports: list[LoadedReport], as_of: dt.date
) -> list[Item]:
    plan = index.dataset.plan
    assert plan is not None
    # (measure, period) -> the first day each unit sent a figure of that measure; only the
    # reports of units that can send one are read (a national data set has 100,000 figures
    # from communes that owe none)
    owing = [u for t in index.targets.items.values() for u in reporters(index, t)]
    senders = answering_for(index, owing)
    sent: dict[tuple[str, int], dict[str, dt.date]] = {}
    for loaded in reports:
        report = loaded.report
        if report.unit not in senders:
            continue
        for figure in report.indicators:
            target = index.targets.items.get(figure.target)
            if target is not None:
                key = (target.measure_id, report.period)
                _first_sent(sent.setdefault(key, {}), report.unit, report.reported_on)
    items: list[Item] = []
    seen: set[tuple[str, str]] = set()
    for target in index.targets.items.values():
        first = max(plan.settings.report_from_year, target.from_year or 0)
        for unit_id in reporters(index, target):
            if (target.measure_id, unit_id) in seen:
                continue
            seen.add((target.measure_id, unit_id))
            for year in range(first, target.due_year + 1):
                due = due_on(calendar.figures_due, year, calendar.years_later)
                if due >= as_of:
                    break
                got = sent.get((target.measure_id, year), {})
                items.extend(_owed(index, unit_id, "figure", target.id, year, due, got))
    return items


def _task_reports(
    index: Index, calendar: ReportingCalendar, reports: list[LoadedReport], as_of: dt.date
) -> list[Item]:
    plan = index.dataset.plan
    assert plan is not None
    yearly = [t for t in plan.appendix.tasks if t.deadline.kind in REPORTED_YEARLY]
    senders = answering_for(index, (u for t in yearly for u in t.lead))
    sent: dict[tuple[str, int], dict[str, dt.date]] = {}
    for loaded in reports:
        report = loaded.report
        if report.unit not in senders:
            continue
        for entry in report.tasks:
            key = (entry.task, entry.year or report.period)
            _first_sent(sent.setdefault(key, {}), report.unit, report.reported_on)
    items: list[Item] = []
    for task in yearly:
        if task.deadline.kind == "ongoing":
            span: tuple[int, int] | None = (plan.settings.report_from_year, plan.horizon_year)
        else:
            span = year_span(task.deadline, plan.horizon_year)
        if span is None:  # a yearly kind without its first year (R309)
            continue
        first, last = max(plan.settings.report_from_year, span[0]), span[1]
        for year in range(first, last + 1):
            due = due_on(calendar.task_reports_due, year, calendar.years_later)
            if due >= as_of:
                break
            got = sent.get((task.id, year), {})
            for unit_id in task.lead:
                items.extend(_owed(index, unit_id, "task_report", task.id, year, due, got))
    return items


def _unit_plans(
    index: Index, plans: UnitPlans, reports: list[LoadedReport], as_of: dt.date
) -> list[Item]:
    if plans.due >= as_of:
        return []
    sent: dict[str, dt.date] = {}
    for loaded in reports:
        evidence = loaded.report.unit_plan
        if evidence is not None:
            _first_sent(sent, loaded.report.unit, evidence.date)
    items: list[Item] = []
    for unit_id in plans.units:
        items.extend(
            _owed(index, unit_id, "unit_plan", plans.clause, plans.due.year, plans.due, sent)
        )
    return items
