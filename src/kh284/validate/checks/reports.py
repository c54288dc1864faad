"""Review of submitted progress reports, as a reviewer of figures would make it.

Per report: the reporting unit exists and existed on the report date (a former district's
UBND after it ceased is a warning: the figures belong to ``area:`` of an existing unit), the
period has begun, the report is not dated after the as-of date.  Per figure: the target and
area exist, percentages lie in 0–100, levels are whole numbers on the target's own
``scale`` (a count of areas reads each area's level on it), numerator and denominator agree with
the value.  Per task entry: the task exists, ``done`` has a date and evidence, dates are
consistent, the unit is assigned, the deliverable is named.  Across reports: two figures
for one series, area and year must agree, and task reports must not contradict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kh284 import diagnostics as dg
from kh284.diagnostics import Diagnostic
from kh284.i18n import REPORT_STATES, both, day, pick
from kh284.load.exact import Document, PathKey
from kh284.validate.checks.references import unknown_area, unknown_unit
from kh284.validate.dataset import MAX_SCHEMA_PROBLEMS, LoadedReport
from kh284.validate.deadlines import deliverable_key
from kh284.validate.index import Index
from kh284.validate.models.progress import TaskReport

#: A value computed from numerator/denominator may differ by this much (rounding).
RATIO_TOLERANCE = 0.051


#: Identifies one point of a series: measure, area, year.
FigureKey = tuple[str, str, int]


def check(index: Index, as_of: dt.date) -> Iterator[Diagnostic]:
    """All diagnostics about progress reports, at most ``MAX_SCHEMA_PROBLEMS`` per file.

    As with a file's reading and its schema, a file with more gets Y119 where the first
    one left out points, and the rest are not listed.
    """
    listed: dict[str, int] = {}
    for diag in _all(index, as_of):
        file = diag.location.file
        count = listed.get(file, 0)
        listed[file] = count + 1
        if count < MAX_SCHEMA_PROBLEMS:
            yield diag
        elif count == MAX_SCHEMA_PROBLEMS:
            where = dg.Location(file, diag.location.line, diag.location.column)
            yield dg.make("Y119", where, limit=MAX_SCHEMA_PROBLEMS)


def _all(index: Index, as_of: dt.date) -> Iterator[Diagnostic]:
    seen_figures: dict[FigureKey, tuple[float, Document, int]] = {}
    task_entries: dict[tuple[str, str], list[tuple[LoadedReport, int]]] = {}
    for loaded in index.dataset.reports:
        yield from _report(index, loaded, as_of)
        yield from _figures(index, loaded, seen_figures)
        yield from _tasks(index, loaded, task_entries)
    yield from _task_conflicts(task_entries)


def _report(index: Index, loaded: LoadedReport, as_of: dt.date) -> Iterator[Diagnostic]:
    report, doc = loaded.report, loaded.document
    problem = unknown_unit(index, doc.file, ("unit",), report.unit)
    if problem:
        yield problem
    elif not index.unit_exists_on(report.unit, report.reported_on):
        unit = index.units.items[report.unit]
        successors = index.successors_on(report.unit, report.reported_on) or unit.successors
        yield dg.make(
            "D505",
            doc.location(("unit",)),
            unit=report.unit,
            reported_on=report.reported_on.isoformat(),
            until=unit.valid_until.isoformat() if unit.valid_until else "",
            successors=successors or "-",
        )
    if report.period > report.reported_on.year:
        yield dg.make(
            "D514",
            doc.location(("period",)),
            period=report.period,
            reported_on=report.reported_on.isoformat(),
        )
    if report.reported_on > as_of:
        yield dg.make(
            "D504",
            doc.location(("reported_on",)),
            reported_on=report.reported_on.isoformat(),
            as_of=as_of.isoformat(),
        )


#: Per target: its series, whether it is a percentage, the levels its figures may take.
TargetRule = tuple[str, bool, tuple[int, int] | None]


def _target_rules(index: Index) -> dict[str, TargetRule]:
    """Per target id: its series, whether it is a percentage, its scale when a level."""
    rules: dict[str, TargetRule] | None = index.memo.get("target_rules")
    if rules is None:
        rules = {
            target_id: (
                target.measure_id,
                target.unit == "percent",
                target.levels,
            )
            for target_id, target in index.targets.items.items()
        }
        index.memo["target_rules"] = rules
    return rules


def _figures(
    index: Index, loaded: LoadedReport, seen: dict[FigureKey, tuple[float, Document, int]]
) -> Iterator[Diagnostic]:
    """Checks of each figure; positions are looked up only for the findings."""
    report, doc = loaded.report, loaded.document
    default_area = index.province_area or ""
    areas = index.areas
    rules = _target_rules(index)
    period = report.period
    for i, figure in enumerate(report.indicators):
        rule = rules.get(figure.target)
        if rule is None:
            if index.dataset.targets is not None:  # else targets.yaml failed: said there
                hint = index.resolve("target", figure.target)
                where = doc.location(("indicators", i, "target"))
                yield dg.make("R302", where, id=figure.target, suggestion=hint or "")
            continue
        measure, is_percent, levels = rule
        area = figure.area
        if area is None:
            area = default_area
        elif area not in areas:
            problem = unknown_area(index, doc.file, ("indicators", i, "area"), area)
            if problem:
                yield problem
                continue
        value = figure.value
        if is_percent and not 0 <= value <= 100:
            yield dg.make("D506", doc.location(("indicators", i, "value")), value=_num(value))
        if levels is not None and not (value == int(value) and levels[0] <= value <= levels[1]):
            yield dg.make(
                "D515",
                doc.location(("indicators", i, "value")),
                value=_num(value),
                low=levels[0],
                high=levels[1],
            )
        numerator, denominator = figure.numerator, figure.denominator
        if numerator is not None and denominator is not None:
            scale = 100.0 if is_percent else 1.0
            if numerator > denominator or abs(numerator / denominator * scale - value) > (
                RATIO_TOLERANCE
            ):
                yield from _ratio(doc, ("indicators", i), value, numerator, denominator, scale)
        key = (measure, area, period)
        first = seen.get(key)
        if first is None:
            seen[key] = (value, doc, i)
        elif first[0] != value:
            other_where = first[1].location(("indicators", first[2], "value"))
            yield dg.make(
                "D503",
                doc.location(("indicators", i, "value")),
                [other_where],
                target=measure,
                area=area,
                period=period,
                value=_num(value),
                other_value=_num(first[0]),
                other=other_where,
            )


def _ratio(
    doc: Document, base: PathKey, value: float, numerator: float, denominator: float, scale: float
) -> Iterator[Diagnostic]:
    """D501 or D502 for a figure whose numerator and denominator do not fit its value."""
    if numerator > denominator:
        yield dg.make(
            "D501", doc.location(base), numerator=_num(numerator), denominator=_num(denominator)
        )
        return
    computed = numerator / denominator * scale
    if abs(computed - value) > RATIO_TOLERANCE:
        where = doc.location((*base, "value"))
        yield dg.make("D502", where, value=_num(value), computed=f"{computed:.2f}")


def _tasks(
    index: Index,
    loaded: LoadedReport,
    entries: dict[tuple[str, str], list[tuple[LoadedReport, int]]],
) -> Iterator[Diagnostic]:
    report, doc = loaded.report, loaded.document
    for i, entry in enumerate(report.tasks):
        base = ("tasks", i)
        task = index.tasks.items.get(entry.task)
        if task is None:
            if index.dataset.plan is not None:  # else plan.yaml failed: said there
                hint = index.resolve("task", entry.task)
                where = doc.location((*base, "task"))
                yield dg.make("R303", where, id=entry.task, suggestion=hint or "")
            continue
        if entry.status == "done":
            if entry.completed_on is None:
                yield dg.make("D507", doc.location(base), task=entry.task)
            if not entry.evidence:
                yield dg.make("D508", doc.location(base), task=entry.task)
        elif entry.completed_on is not None:
            where = doc.location((*base, "completed_on"))
            yield dg.make("D513", where, task=entry.task, status=entry.status)
        if entry.completed_on is not None and entry.completed_on > report.reported_on:
            yield dg.make(
                "D509",
                doc.location((*base, "completed_on")),
                completed_on=entry.completed_on.isoformat(),
                reported_on=report.reported_on.isoformat(),
            )
        if report.unit in index.units and report.unit not in _assigned(index, task.id):
            yield dg.make("D510", doc.location((*base, "task")), unit=report.unit, task=task.id)
        if entry.event is not None and entry.event not in index.events:
            hint = index.resolve("event", entry.event)
            yield dg.make(
                "R304", doc.location((*base, "event")), id=entry.event, suggestion=hint or ""
            )
            continue
        key, problem = deliverable_key(task, entry.year, entry.event)
        if problem is not None:
            yield dg.make(
                "D512",
                doc.location(base),
                task=task.id,
                problem_vi=problem[0],
                problem_en=problem[1],
            )
            continue
        assert key is not None
        if report.unit in index.lead_side(task.id):
            entries.setdefault((task.id, key), []).append((loaded, i))


def _assigned(index: Index, task_id: str) -> set[str]:
    """Lead and coordinating units of a task, with group members and successors."""
    cache: dict[str, set[str]] = index.memo.setdefault("assigned", {})
    if task_id not in cache:
        cache[task_id] = _expand_assigned(index, task_id)
    return cache[task_id]


def _expand_assigned(index: Index, task_id: str) -> set[str]:
    task = index.tasks.items[task_id]
    assigned = index.with_members_and_successors([*task.lead, *task.coordinating])
    groups = [
        u for u in assigned if index.units.items.get(u) and index.units.items[u].kind == "group"
    ]
    if any(not index.units.items[g].members for g in groups):
        # a group without listed members ("các sở, ban ngành, địa phương") admits any agency
        assigned.update(k for k, u in index.units.items.items() if u.kind == "agency")
    return assigned


def _task_conflicts(
    entries: dict[tuple[str, str], list[tuple[LoadedReport, int]]],
) -> Iterator[Diagnostic]:
    """Contradicting reports on one deliverable, in one pass per deliverable.

    Entries are taken oldest report first.  Each is compared with the first ``done`` entry
    (another completion date, or "not done" reported after it, contradicts it) and with
    the first entry of the same report date (another status that day contradicts it).
    """
    for (task_id, key), found in entries.items():
        ordered = sorted(found, key=lambda p: (p[0].report.reported_on, p[0].document.file))
        first_done: tuple[LoadedReport, int] | None = None
        first_of_day: dict[dt.date, tuple[LoadedReport, int]] = {}
        for entry in ordered:
            item = _item(entry)
            day = entry[0].report.reported_on
            witness = None
            if first_done is not None and _contradicts_done(first_done, item, day):
                witness = first_done
            same_day = first_of_day.get(day)
            if witness is None and same_day is not None and _item(same_day).status != item.status:
                witness = same_day
            if witness is not None:
                yield _conflict(task_id, key, witness, entry)
            if item.status == "done" and first_done is None:
                first_done = entry
            first_of_day.setdefault(day, entry)


def _contradicts_done(first_done: tuple[LoadedReport, int], item: TaskReport, day: dt.date) -> bool:
    """Another completion date, or "not done" reported after the first "done"."""
    if item.status == "done":
        return item.completed_on != _item(first_done).completed_on
    return first_done[0].report.reported_on < day


def _item(entry: tuple[LoadedReport, int]) -> TaskReport:
    return entry[0].report.tasks[entry[1]]


def _conflict(
    task_id: str, key: str, first: tuple[LoadedReport, int], second: tuple[LoadedReport, int]
) -> Diagnostic:
    where = second[0].document.location(("tasks", second[1], "status"))
    other = first[0].document.location(("tasks", first[1], "status"))
    now, before = _item(second), _item(first)
    if now.status == before.status:  # both done, on different days
        differs = both(
            "report.conflict_dates",
            date=day(now.completed_on),
            other_date=day(before.completed_on),
        )
    else:
        differs = both(
            "report.conflict_status",
            status=pick(REPORT_STATES[now.status], "vi"),
            other_status=pick(REPORT_STATES[before.status], "vi"),
            status_en=pick(REPORT_STATES[now.status], "en"),
            other_status_en=pick(REPORT_STATES[before.status], "en"),
        )
    return dg.make(
        "D511",
        where,
        [other],
        task=task_id,
        deliverable=key or "-",
        part=f" ({key})" if key else "",
        status=now.status,
        other_status=before.status,
        difference_vi=differs[0],
        difference_en=differs[1],
        other=other,
    )


def _num(value: float) -> str:
    return f"{value:g}"
