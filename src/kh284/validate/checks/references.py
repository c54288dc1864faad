"""Reference checks across the plan files: every id used is declared, and declared once.

Covers units (successors, members, parent areas), the plan (issuer, responsible units,
task leads and coordinators, deadline events and deadline shapes (``NEEDS``: the fields
each kind needs), the body items a task repeats), targets (clauses, scope areas, shared
measures, breakdowns' parents), who reports what (targets' ``reporting_unit``, the units of
``settings.unit_plans``) and duplicate ids in every table.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic, Subject
from kh284.i18n import both, with_hint
from kh284.load.exact import PathKey
from kh284.validate.index import Index, Table
from kh284.validate.models.plan import Deadline, Settings
from kh284.validate.models.targets import Target
from kh284.validate.models.units import AREA_LEVELS
from kh284.validate.names import suggest
from kh284.validate.responsibility import clause_units, declared_reporters


def check(index: Index) -> Iterator[Diagnostic]:
    """All reference diagnostics of the plan files."""
    for table in (index.units, index.sections, index.tasks, index.targets, index.events):
        yield from _duplicates(index, table)
    yield from _units(index)
    yield from _plan(index)
    yield from _targets(index)
    yield from _reporting(index)


def better_hints(index: Index, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Schema findings about a malformed id, with the hint the index's resolver gives.

    The schema can only guess a slug ("Sở GD&ĐT" → "so-gd-dt", which may not exist); once
    the files are indexed, the same resolver as ``--unit`` names the id that was meant.
    """
    out = []
    for diag in found:
        if diag.code == "S209":
            fields = [p for p in diag.location.path if isinstance(p, str)]
            args = dict(diag.args)
            hint = index.resolve(fields[-1], args.get("value", "")) if fields else None
            if hint is not None:
                args["suggestion"] = hint
                diag = dataclasses.replace(diag, args=tuple(sorted(args.items())))
        out.append(diag)
    return out


def _duplicates(index: Index, table: Table[Any]) -> Iterator[Diagnostic]:
    for key, path in table.duplicates:
        first = index.where(table, key)
        yield dg.make("R306", index.locate(table.file, (*path, "id")), [first], id=key, first=first)


def unknown_unit(index: Index, file: str, path: PathKey, unit_id: str) -> Diagnostic | None:
    """R301 when ``unit_id`` is not declared."""
    if unit_id in index.units:
        return None
    hint = index.resolve("unit", unit_id)
    return dg.make("R301", index.locate(file, path), id=unit_id, suggestion=hint or "")


def unknown_area(index: Index, file: str, path: PathKey, area_id: str) -> Diagnostic | None:
    """R301/R305 when ``area_id`` is not a declared statistical area."""
    missing = unknown_unit(index, file, path, area_id)
    if missing is not None:
        return missing
    if area_id in index.areas:
        return None
    hint = index.resolve("area", area_id)
    return dg.make("R305", index.locate(file, path), id=area_id, suggestion=hint or "")


def _each_unit(
    index: Index, file: str, base: PathKey, key: str, ids: Iterable[str]
) -> Iterator[Diagnostic]:
    for j, unit_id in enumerate(ids):
        problem = unknown_unit(index, file, (*base, key, j), unit_id)
        if problem:
            yield problem


def _units(index: Index) -> Iterator[Diagnostic]:
    file = index.units.file
    for unit_id, unit in index.units.items.items():
        base = index.units.paths[unit_id]
        yield from _each_unit(index, file, base, "successors", unit.successors)
        yield from _each_unit(index, file, base, "members", unit.members)
        if unit.parent_area:
            problem = unknown_area(index, file, (*base, "parent_area"), unit.parent_area)
            if problem:
                yield problem
        if unit.each_owes and (unit.kind != "group" or not unit.members):
            yield dg.make("R313", index.locate(file, (*base, "each_owes")), id=unit_id)


def _plan(index: Index) -> Iterator[Diagnostic]:
    plan = index.dataset.plan
    if plan is None:
        return
    file = "plan.yaml"
    problem = unknown_unit(index, file, ("issuer",), plan.issuer)
    if problem:
        yield problem
    if plan.settings.province_area:
        path = ("settings", "province_area")
        problem = unknown_area(index, file, path, plan.settings.province_area)
        if problem:
            yield problem
    for i, body in enumerate(plan.settings.issuing_bodies):
        problem = unknown_unit(index, file, ("settings", "issuing_bodies", i, "unit"), body.unit)
        if problem:
            yield problem
        if body.superior is not None:
            at: PathKey = ("settings", "issuing_bodies", i, "superior")
            problem = unknown_unit(index, file, at, body.superior)
            if problem:
                yield problem
    for section_id, section in index.sections.items.items():
        base = index.sections.paths[section_id]
        yield from _each_unit(index, file, base, "responsible", section.responsible)
    for task_id, task in index.tasks.items.items():
        base = index.tasks.paths[task_id]
        yield from _each_unit(index, file, base, "lead", task.lead)
        yield from _each_unit(index, file, base, "coordinating", task.coordinating)
        deadline = task.deadline
        for j, event_id in enumerate(deadline.events):
            if event_id not in index.events:
                hint = suggest(event_id, index.events)
                where = index.locate(file, (*base, "deadline", "events", j))
                yield dg.make("R304", where, id=event_id, suggestion=hint or "")
        for problem_vi, problem_en in deadline_problems(deadline, plan.settings):
            where = index.locate(file, (*base, "deadline"))
            yield dg.make(
                "R309", where, kind=deadline.kind, problem_vi=problem_vi, problem_en=problem_en
            )
        for j, section_id in enumerate(task.body):
            if section_id not in index.sections:
                hint = suggest(section_id, index.sections)
                where = index.locate(file, (*base, "body", j))
                yield dg.make("R307", where, id=section_id, suggestion=hint or "")


#: The fields each deadline kind needs; any other field of ``OPTIONAL`` is refused.
NEEDS: dict[str, tuple[str, ...]] = {
    "year": ("year",),
    "yearly_from": ("year",),
    "ongoing": (),
    "event": ("events",),
    "date": ("date",),
    "quarter": ("year", "quarter"),
    "half_year": ("year", "half"),
    "yearly_on": ("day", "month", "from_year"),
    "period": ("from_year", "to_year"),
    "school_year": ("year",),
    "month": ("year", "month"),
    "quarterly_each_year": ("quarter", "from_year"),
}
#: Fields a kind may have besides those it needs.
ALLOWS: dict[str, tuple[str, ...]] = {
    "yearly_from": ("until_year",),
    "yearly_on": ("until_year",),
    "quarterly_each_year": ("until_year",),
    "event": ("months_after_event",),
}
#: Every field that belongs to some kind (``text`` and ``kind`` belong to all).
KIND_FIELDS = (
    "year",
    "events",
    "date",
    "quarter",
    "half",
    "day",
    "month",
    "from_year",
    "to_year",
    "until_year",
    "months_after_event",
)


def deadline_problems(deadline: Deadline, settings: Settings) -> list[tuple[str, str]]:
    """What is wrong with the shape of ``deadline``, each as (vi, en) after "kind 'x'"."""
    kind = deadline.kind
    needs, allows = NEEDS[kind], ALLOWS.get(kind, ())
    if kind == "yearly_from" and deadline.year is None and deadline.from_year is not None:
        needs = ("from_year",)  # "Từ năm 2027": its first year as from_year
    found = []
    for name in KIND_FIELDS:
        value = getattr(deadline, name)
        present = bool(value) if name == "events" else value is not None
        if name in needs and not present:
            found.append(both("plan.deadline_needs", field=name))
        elif present and name not in needs and name not in allows:
            found.append(both("plan.deadline_refuses", field=name))
    if found:
        return found
    if kind == "yearly_on":
        assert deadline.day is not None and deadline.month is not None
        if deadline.day > calendar.monthrange(2024, deadline.month)[1]:  # 2024: a leap year
            found.append(both("plan.deadline_no_such_day", day=deadline.day, month=deadline.month))
    first = deadline.year if kind == "yearly_from" and deadline.year else deadline.from_year
    last = deadline.to_year if kind == "period" else deadline.until_year
    if first is not None and last is not None and last < first:
        found.append(both("plan.deadline_ends_before_start", first=first, last=last))
    if kind == "school_year" and settings.school_year_end is None:
        found.append(both("plan.deadline_school_year_end"))
    return found


def _breakdown(index: Index, target: Target) -> tuple[str, str] | None:
    """What is wrong with a breakdown's parent: missing, itself a breakdown, another unit."""
    assert target.breakdown is not None
    parent = index.targets.items.get(target.breakdown.parent)
    if parent is None:
        hint = index.resolve("target", target.breakdown.parent)
        return with_hint("breakdown.unknown", hint)
    if parent.id == target.id or parent.breakdown is not None:
        return both("breakdown.nested")
    if parent.unit != target.unit:
        return both("breakdown.unit", unit=target.unit, parent_unit=parent.unit)
    return None


def _targets(index: Index) -> Iterator[Diagnostic]:
    file = index.targets.file
    units_by_measure: dict[str, set[str]] = {}
    for target_id, target in index.targets.items.items():
        base = index.targets.paths[target_id]
        if index.dataset.plan is not None and target.clause not in index.sections:
            hint = suggest(target.clause, index.sections)
            where = index.locate(file, (*base, "clause"))
            yield dg.make("R307", where, id=target.clause, suggestion=hint or "")
        problem = unknown_area(index, file, (*base, "scope", "area"), target.scope.area)
        if problem:
            yield problem
        elif target.scope.level is not None:
            yield from _counted_level(index, target, (*base, "scope", "level"))
        if target.scope.kind == "area":
            units_by_measure.setdefault(target.measure_id, set()).add(target.unit)
        if target.breakdown is not None:
            wrong = _breakdown(index, target)
            if wrong is not None:
                where = index.locate(file, (*base, "breakdown", "parent"))
                yield dg.make(
                    "R310",
                    where,
                    id=target_id,
                    parent=target.breakdown.parent,
                    problem_vi=wrong[0],
                    problem_en=wrong[1],
                )
    for target_id, target in index.targets.items.items():
        if len(units_by_measure.get(target.measure_id, ())) > 1:
            where = index.where(index.targets, target_id)
            yield dg.make("R308", where, measure=target.measure_id)


def _counted_level(index: Index, target: Target, path: PathKey) -> Iterator[Diagnostic]:
    """R312: a count of areas counts a level below its scope area's own (issue 25)."""
    scope = target.scope
    area_level = index.areas[scope.area].area_level if scope.area in index.areas else None
    if scope.level is None or area_level is None:
        return
    if AREA_LEVELS.index(scope.level) <= AREA_LEVELS.index(area_level):
        where = index.locate(index.targets.file, path)
        yield dg.make(
            "R312", where, id=target.id, level=scope.level, area=scope.area, area_level=area_level
        )


def _reporting(index: Index) -> Iterator[Diagnostic]:
    """Every unit named as reporting a target's figures or owing its own plan exists."""
    file = index.targets.file
    for target_id, target in index.targets.items.items():
        base = index.targets.paths[target_id]
        if isinstance(target.reporting_unit, str):
            problem = unknown_unit(index, file, (*base, "reporting_unit"), target.reporting_unit)
            if problem:
                yield problem
        elif target.reporting_unit is not None:
            yield from _each_unit(index, file, base, "reporting_unit", target.reporting_unit)
    plan = index.dataset.plan
    if plan is not None and plan.settings.reporting is not None:
        # a plan that expects yearly figures: the data says who sends each target's
        for target_id, target in index.targets.items.items():
            if declared_reporters(index, target):
                continue
            where = index.where(index.targets, target_id)
            about = Subject("target", target_id)
            units = clause_units(index, target.clause)
            names = ", ".join(index.short_name(u) for u in units)
            key = "references.asked_clause" if units else "references.asked_nobody"
            vi, en = both(key, clause=target.clause, units=names)
            yield dg.make("R311", where, regarding=about, id=target_id, asked_vi=vi, asked_en=en)
    if plan is not None and plan.settings.unit_plans is not None:
        base = ("settings", "unit_plans")
        yield from _each_unit(index, "plan.yaml", base, "units", plan.settings.unit_plans.units)
        clause = plan.settings.unit_plans.clause
        if clause not in index.sections:
            hint = suggest(clause, index.sections)
            where = index.locate("plan.yaml", (*base, "clause"))
            yield dg.make("R307", where, id=clause, suggestion=hint or "")
